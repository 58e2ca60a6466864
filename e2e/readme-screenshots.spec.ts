import { expect, test } from "@playwright/test";

// The README's screenshots of the administration blades (demo vault, read only):
// README_SCREENSHOTS=1 E2E_PORT=<port> npx playwright test e2e/readme-screenshots.spec.ts
test.skip(!process.env.README_SCREENSHOTS, "Writes docs/*.png: run on purpose with README_SCREENSHOTS=1.");

const SHOTS = [
  ["docs/configuration-server.png", "/vaults/contoso-dr-vault/configuration-servers/cs-01?tab=accounts", "cs-01"],
  ["docs/vcenter-server.png", "/vaults/contoso-dr-vault/vcenters/vcenter-01", "vcenter-01"],
] as const;

for (const [file, url, heading] of SHOTS) {
  test(`README screenshot ${file}`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText("Loading…")).toHaveCount(0);
    await page.screenshot({ path: file, fullPage: true });
  });
}
