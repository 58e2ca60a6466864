import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E_SETUP_TOKEN } from "./fixtures/files";

/** The administrator every e2e run creates on its fresh database (first run, e2e/auth.setup.ts). */
export const ADMIN = { name: "Test Administrator", email: "admin@e2e.test", password: "e2e-Admin-password-1" };

/**
 * Signs in through the page (creating the first administrator when the portal has no user yet),
 * then lands on `next`. Only for tests about signing in: the others start signed in.
 */
export async function signInThroughUi(
  page: Page,
  who: { email: string; password: string; name?: string } = ADMIN,
  next?: string,
): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  if (await page.getByRole("heading", { name: "Create the first administrator" }).isVisible()) {
    await page.getByLabel("Setup token").fill(E2E_SETUP_TOKEN);
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

/** A separate browser session signed in as someone else, on `next`. */
export async function signInAs(browser: Browser, who: { email: string; password: string }, next?: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughUi(page, who, next);
  return page;
}

/** Sets a vault's simulation speed in its Lab (simulated seconds per real second); returns the previous one. */
export async function setSpeed(page: Page, vault: { url: (path: string) => string }, speed: number): Promise<number> {
  await page.goto(vault.url("/lab"));
  const input = page.getByLabel("Simulation speed");
  await expect(input).not.toHaveValue("");
  const previous = Number(await input.inputValue());
  await input.fill(String(speed));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(`Simulation speed set to ${speed}`).first()).toBeVisible();
  return previous;
}

/**
 * A test failover of a protected item to vnet-isolated and its cleanup with notes, through the item
 * page's commands; it returns once the item is Protected again and its drill has its results.
 */
export async function drillItem(page: Page, itemUrl: string, notes: string) {
  const long = { timeout: 90_000 };
  await page.goto(itemUrl);
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected");
  await page.getByRole("button", { name: "Test failover", exact: true }).click();
  const tf = page.getByRole("dialog", { name: "Test failover" });
  await tf.getByLabel("Azure network").selectOption({ label: "vnet-isolated" });
  await tf.getByRole("button", { name: "OK" }).click();
  await expect(tf).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Test failover completed", long);
  await page.getByRole("button", { name: "Cleanup test failover" }).click();
  const cleanup = page.getByRole("dialog", { name: "Test failover cleanup" });
  await cleanup.getByLabel("Notes").fill(notes);
  await cleanup.getByLabel("Testing is complete. Delete test failover virtual machine(s).").check();
  await cleanup.getByRole("button", { name: "OK" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", long);
  await expect(page.getByRole("table", { name: "Test failover history" }).getByRole("row").nth(1)).not.toContainText("Not yet", long);
}

/**
 * axe over the page (or the part `include` selects) finds nothing serious or critical. Toasts are
 * scanned as they stand, not while they fade in: a half-transparent toast measures as low contrast.
 */
export async function expectNoSeriousAxeFindings(page: Page, include?: string) {
  await expect
    .poll(() => page.locator("[data-sonner-toast]").evaluateAll((toasts) => toasts.every((t) => getComputedStyle(t).opacity === "1")))
    .toBe(true);
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
