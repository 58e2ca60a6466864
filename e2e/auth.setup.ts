import { expect, test as setup } from "@playwright/test";
import { ADMIN_STORAGE_STATE, E2E_SETUP_TOKEN } from "./fixtures/files";
import { ADMIN } from "./support";

// The one sign-in of the run (sign-in is rate limited): every other test starts from this session.
setup("first run: every page leads to Create the first administrator, which then refuses", async ({ page, browser }) => {
  await page.goto("/");
  const firstRun = page.getByRole("heading", { name: "Create the first administrator" });
  if (await firstRun.isVisible()) {
    // No default password anywhere: the form starts empty.
    await expect(page.getByLabel("Password")).toHaveValue("");
    // Without the one-time token npm start printed, nobody becomes Owner by reaching the port first.
    await page.getByLabel("Setup token").fill("not-the-token-npm-start-printed");
    await page.getByLabel("Name").fill("Mallory");
    await page.getByLabel("Email").fill("mallory@e2e.test");
    await page.getByLabel("Password").fill("mallory-password-1");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByText("The setup link is missing or not valid.")).toBeVisible();
    // The setup link (PORTAL_SETUP_TOKEN, as playwright.config.ts starts the server) carries the token.
    await page.goto(`/setup?token=${encodeURIComponent(E2E_SETUP_TOKEN)}`);
    await expect(page.getByLabel("Setup token")).toHaveCount(0);
    await page.getByLabel("Name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page).toHaveURL(/\/vaults\//);
  } else {
    // A repeated run (--repeat-each) on the same database: the administrator exists, sign in.
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  // Once a user exists the first-run page is gone.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto("/setup");
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(other.getByRole("heading", { name: "Create the first administrator" })).toHaveCount(0);
  await fresh.close();

  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
