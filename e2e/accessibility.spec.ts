import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeFindings } from "./support";

const BLADES = [
  ["Overview", "/vaults/contoso-dr-vault/overview"],
  ["Replicated items", "/vaults/contoso-dr-vault/replicated-items"],
  ["Replicated item", "/vaults/contoso-dr-vault/replicated-items/app-lnx-01"],
  ["Recovery Plans", "/vaults/contoso-dr-vault/recovery-plans"],
  ["Recovery plan", "/vaults/contoso-dr-vault/recovery-plans/rp-web"],
  ["Drill report", "/vaults/contoso-dr-vault/drill-report?item=web-04"],
  ["Filtered jobs", "/vaults/contoso-dr-vault/jobs?status=failed&range=7d"],
  ["Jobs", "/vaults/contoso-dr-vault/jobs"],
  ["Failed job", "/vaults/contoso-dr-vault/jobs/job-reprotect-erp-app-01"],
  ["Configuration Servers", "/vaults/contoso-dr-vault/configuration-servers"],
  ["Configuration server", "/vaults/contoso-dr-vault/configuration-servers/cs-01"],
  ["Configuration server accounts", "/vaults/contoso-dr-vault/configuration-servers/cs-01?tab=accounts"],
  ["Configuration server master targets", "/vaults/contoso-dr-vault/configuration-servers/cs-01?tab=master-targets"],
  ["vCenter server", "/vaults/contoso-dr-vault/vcenters/vcenter-01"],
  ["Process server", "/vaults/contoso-dr-vault/process-servers/ps-azure-prod"],
  ["Master target server", "/vaults/contoso-dr-vault/master-targets/mt-lnx-01"],
  ["vCenter server with a read-only account", "/vaults/contoso-dr-vault/vcenters/vcenter-branch"],
  ["Replication policies", "/vaults/contoso-dr-vault/policies"],
  ["Replication policy", "/vaults/contoso-dr-vault/policies/policy-24h"],
  ["Failback policy (read-only)", "/vaults/contoso-dr-vault/policies/policy-24h-failback"],
  ["Lab", "/vaults/contoso-dr-vault/lab"],
] as const;

for (const [name, url] of BLADES) {
  test(`${name} has no serious accessibility findings`, async ({ page }) => {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Loading…")).toHaveCount(0);
    await expectNoSeriousAxeFindings(page);
  });
}

test("the vault menu is keyboard reachable with a visible focus", async ({ page }) => {
  await page.goto("/vaults/contoso-dr-vault/overview");
  const link = page.getByRole("navigation", { name: "Vault menu" }).getByRole("link", { name: "Replicated items" });
  await link.focus();
  await expect(link).toBeFocused();
  const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Replicated items" })).toBeVisible();
});
