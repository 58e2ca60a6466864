import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, signInAs, signInThroughUi } from "./support";

const VAULT = "/vaults/contoso-dr-vault";

test.describe.configure({ mode: "serial" });

async function addUser(page: Page, user: { name: string; email: string; password: string; role: string }) {
  await page.goto(`${VAULT}/users`);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("cell", { name: user.email })).toBeVisible();
}

test("first run: every page leads to Create the first administrator, which then refuses", async ({ page }) => {
  await page.goto("/");
  const firstRun = page.getByRole("heading", { name: "Create the first administrator" });
  if (await firstRun.isVisible()) {
    // No default password anywhere: the form starts empty.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByLabel("Name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page).toHaveURL(/\/vaults\//);
  } else {
    // Another spec ran first and created the administrator through the same page.
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
  // Once a user exists the first-run page is gone.
  const fresh = await page.context().browser()!.newContext();
  const other = await fresh.newPage();
  await other.goto("/setup");
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(other.getByRole("heading", { name: "Create the first administrator" })).toHaveCount(0);
  await fresh.close();
});

test("sign out, a wrong password, then sign in back to the page asked for", async ({ page }) => {
  await signInThroughUi(page, ADMIN);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.goto(`${VAULT}/jobs`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText("The email or password is incorrect.");

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${VAULT}/jobs`));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("a Reader sees the blades but every command of a higher role is disabled with the reason", async ({ page, browser }) => {
  await signIn(page);
  const reader = { name: "Rita Reader", email: "reader@e2e.test", password: "reader-password-1", role: "Reader" };
  await addUser(page, reader);

  const rp = await signInAs(browser, reader);
  await rp.goto(`${VAULT}/replicated-items`);
  await expect(rp.getByRole("heading", { level: 1, name: "Replicated items" })).toBeVisible();

  await rp.goto(`${VAULT}/activity-log`);
  await expect(rp.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
  const exportButton = rp.getByRole("button", { name: "Export to CSV" });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription(
    "Your role (Reader) can't run Export the activity log. Ask an Owner for the Contributor role.",
  );

  await rp.goto(`${VAULT}/users`);
  await expect(rp.getByText("Your role (Reader) can't run Manage users. Ask an Owner for the Owner role.")).toBeVisible();
  await expect(rp.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await rp.context().close();
});

test("an Operator is refused Contributor commands with the reason; the activity log shows who did what", async ({ page, browser }) => {
  await signIn(page);
  const operator = { name: "Otto Operator", email: "operator@e2e.test", password: "operator-password-1", role: "Operator" };
  await addUser(page, operator);

  const op = await signInAs(browser, operator);
  await op.goto(`${VAULT}/activity-log`);
  const exportButton = op.getByRole("button", { name: "Export to CSV" });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription(/^Your role \(Operator\) can't run Export the activity log\./);
  await op.context().close();

  // The Owner sees the sign-ins and the user changes, and may export them.
  await page.goto(`${VAULT}/activity-log`);
  await expect(page.getByRole("cell", { name: "users.add" }).first()).toBeVisible();
  await page.getByLabel("Outcome").selectOption({ label: "Refused" });
  await expect(page.getByRole("cell", { name: "signIn" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Export to CSV" })).toBeVisible();
});
