import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { drillItem } from "./support";

// The README's screenshots (demo vault, read only; the drill report in a vault of its own):
// README_SCREENSHOTS=1 E2E_PORT=<port> npx playwright test e2e/readme-screenshots.spec.ts
test.skip(!process.env.README_SCREENSHOTS, "Writes docs/*.png: run on purpose with README_SCREENSHOTS=1.");

/** [file, page, its h1, the region to shoot (else the whole page)] */
const SHOTS = [
  ["docs/overview.png", "/vaults/contoso-dr-vault/overview", "contoso-dr-vault", null],
  ["docs/round-trip-map.png", "/vaults/contoso-dr-vault/replicated-items/app-lnx-01", "app-lnx-01", "Round trip"],
  ["docs/configuration-server.png", "/vaults/contoso-dr-vault/configuration-servers/cs-01?tab=accounts", "cs-01", null],
  ["docs/vcenter-server.png", "/vaults/contoso-dr-vault/vcenters/vcenter-01", "vcenter-01", null],
  ["docs/replication-policies.png", "/vaults/contoso-dr-vault/policies", "Replication policies", null],
] as const;

async function settled(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
}

for (const [file, url, heading, region] of SHOTS) {
  test(`README screenshot ${file}`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(url);
    await settled(page, heading);
    if (region) await page.getByRole("region", { name: region }).screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
  });
}

test("README screenshot docs/drill-report.png", async ({ page, vault }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await drillItem(
    page,
    vault.url(`/replicated-items/${vault.idOf("hr-01")}`),
    "HR application answered on vnet-isolated; payroll export checked.",
  );
  await page.goto(vault.url(`/drill-report?item=${vault.idOf("hr-01")}`));
  await settled(page, "Drill report");
  await expect(page.getByRole("table", { name: "Drill results" }).getByRole("row").filter({ hasText: "hr-01" })).toContainText("Passed");
  await page.screenshot({ path: "docs/drill-report.png", fullPage: true });
});
