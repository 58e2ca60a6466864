import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** The administrator every e2e run creates on its fresh database (first run). */
export const ADMIN = { name: "Test Administrator", email: "admin@e2e.test", password: "e2e-Admin-password-1" };

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
let adminCookies: Cookies | null = null;

/** Signs in through the page: creates the first administrator when the portal has no user yet. */
export async function signInThroughUi(page: Page, who: { email: string; password: string; name?: string } = ADMIN): Promise<void> {
  await page.goto("/sign-in");
  if (await page.getByRole("heading", { name: "Create the first administrator" }).isVisible()) {
    await page.getByLabel("Name").fill(who.name ?? ADMIN.name);
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
  } else {
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Signs in as the test administrator; the session is reused across tests (sign-in is rate limited). */
export async function signIn(page: Page): Promise<void> {
  if (adminCookies) {
    await page.context().addCookies(adminCookies);
    return;
  }
  await signInThroughUi(page, ADMIN);
  adminCookies = await page.context().cookies();
}

/** A separate browser session signed in as someone else. */
export async function signInAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughUi(page, who);
  return page;
}

/** Sets the Lab's simulation speed (simulated seconds per real second); returns the previous one. */
export async function setSpeed(page: Page, speed: number): Promise<number> {
  await page.goto("/vaults/contoso-dr-vault/lab");
  const input = page.getByLabel("Simulation speed");
  await expect(input).not.toHaveValue("");
  const previous = Number(await input.inputValue());
  await input.fill(String(speed));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(`Simulation speed set to ${speed}`).first()).toBeVisible();
  return previous;
}
