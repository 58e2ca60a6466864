import type { Page } from "@playwright/test";
import { expect, test, type TestVault } from "./fixtures";
import { ADMIN, signInAs, signInThroughUi } from "./support";

// The first run (Create the first administrator) is e2e/auth.setup.ts, which every test depends on.

async function addUser(page: Page, vault: TestVault, user: { name: string; email: string; password: string; role: string }) {
  await page.goto(vault.url("/users"));
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("cell", { name: user.email })).toBeVisible();
}

test.describe("signing in", () => {
  // Its own session: signing out of it leaves the other tests' session alone.
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign out, a wrong password, then sign in back to the page asked for", async ({ page }) => {
    const jobs = "/vaults/contoso-dr-vault/jobs";
    await signInThroughUi(page, ADMIN);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.goto(jobs);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("The email or password is incorrect.");

    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(jobs));
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});

test("a Reader sees the blades but every command of a higher role is disabled with the reason", async ({ page, browser, vault }) => {
  const reader = { name: "Rita Reader", email: `reader-${vault.id}@e2e.test`, password: "reader-password-1", role: "Reader" };
  await addUser(page, vault, reader);

  const rp = await signInAs(browser, reader, vault.url("/replicated-items"));
  await expect(rp.getByRole("heading", { level: 1, name: "Replicated items" })).toBeVisible();

  await rp.goto(vault.url("/activity-log"));
  await expect(rp.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
  const exportButton = rp.getByRole("button", { name: "Export to CSV" });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription(
    "Your role (Reader) can't run Export the activity log. Ask an Owner for the Contributor role.",
  );

  await rp.goto(vault.url("/users"));
  await expect(rp.getByText("Your role (Reader) can't run Manage users. Ask an Owner for the Owner role.")).toBeVisible();
  await expect(rp.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await rp.context().close();
});

test("an Operator is refused Contributor commands with the reason; the activity log shows who did what", async ({
  page,
  browser,
  vault,
}) => {
  const operator = { name: "Otto Operator", email: `operator-${vault.id}@e2e.test`, password: "operator-password-1", role: "Operator" };
  await addUser(page, vault, operator);

  // The operator mistypes the password once, then signs in.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const mistyped = await context.newPage();
  await mistyped.goto("/sign-in");
  await mistyped.getByLabel("Email").fill(operator.email);
  await mistyped.getByLabel("Password").fill("not-the-password");
  await mistyped.getByRole("button", { name: "Sign in" }).click();
  await expect(mistyped.getByRole("alert").filter({ hasText: "incorrect" })).toBeVisible();
  await context.close();

  const op = await signInAs(browser, operator, vault.url("/activity-log"));
  const exportButton = op.getByRole("button", { name: "Export to CSV" });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription(/^Your role \(Operator\) can't run Export the activity log\./);
  await op.context().close();

  // The Owner sees the sign-ins and the user changes, and may export them.
  await page.goto(vault.url("/activity-log"));
  await expect(page.getByRole("cell", { name: "users.add" }).first()).toBeVisible();
  await page.getByLabel("User", { exact: true }).fill(operator.email);
  await page.getByLabel("Outcome").selectOption({ label: "Refused" });
  await expect(page.getByRole("cell", { name: "signIn" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Export to CSV" })).toBeVisible();
});
