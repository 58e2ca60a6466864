import type { Page } from "@playwright/test";
import { expect, test, type TestVault } from "./fixtures";
import { setSpeed } from "./support";

const LONG = { timeout: 45_000 };

/** Searches the grid and clicks the item at once, as a user who types fast does. */
async function openItem(page: Page, vault: TestVault, name: string) {
  await page.goto(vault.url("/replicated-items"));
  await page.getByLabel("Search").fill(name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("the failback round trip of a committed VM: re-protect, fail back, commit, re-protect to Azure", async ({ page, vault }) => {
  test.setTimeout(300_000);
  await setSpeed(page, vault, 600);
  await openItem(page, vault, "app-02");
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");

  // Re-protect, direction Azure to On-premises: the right-side pane with its read-only direction and policy.
  await page.getByRole("button", { name: "Re-protect" }).click();
  const reprotect = page.getByRole("dialog", { name: "Re-protect" });
  await expect(reprotect.getByLabel("Direction")).toHaveValue("Azure to On-premises");
  await expect(reprotect.getByLabel("Policy")).toHaveValue("24-hour-retention-policy-failback");
  await expect(reprotect.getByLabel("Process server")).not.toHaveValue("");
  await expect(reprotect.getByLabel("Master target server")).not.toHaveValue("");
  await expect(reprotect.getByLabel("Retention drive")).not.toHaveValue("");
  await reprotect.getByRole("button", { name: "Readiness check" }).click();
  await expect(reprotect.getByText("Readiness check passed.")).toBeVisible();
  await reprotect.getByRole("button", { name: "OK" }).click();
  await expect(reprotect).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", LONG);
  await expect(page.getByLabel("Replication direction")).toHaveText("Azure to On-premises");

  // Fail back: "Confirm failover", Azure → On-premises, with the split-brain guard.
  await page.getByRole("button", { name: "Unplanned failover" }).click();
  const failover = page.getByRole("dialog", { name: "Confirm failover" });
  await expect(failover.getByLabel("Direction")).toHaveText("Azure → On-premises");
  await expect(failover.getByText(/shut down first/)).toBeVisible();
  const points = failover.getByRole("radiogroup", { name: "Recovery point" });
  for (const name of ["Latest", "Latest processed", "Latest app-consistent", "Latest tag", "Custom"])
    await expect(points.getByRole("radio", { name, exact: true })).toBeVisible();
  await points.getByRole("radio", { name: "Latest app-consistent" }).check();
  await expect(failover.getByText(/changes made after it are lost/)).toBeVisible();
  await points.getByRole("radio", { name: "Latest processed" }).check();
  await failover.getByRole("button", { name: "OK" }).click();
  await expect(failover).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover completed", LONG);
  await expect(page.getByLabel("Active location", { exact: true })).toHaveText("On-premises");

  await page.getByRole("button", { name: "Commit" }).click();
  await page.getByRole("dialog", { name: "Commit" }).getByRole("button", { name: "OK" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed", LONG);

  // Re-protect to Azure asks only for the process server.
  await page.getByRole("button", { name: "Re-protect" }).click();
  const toAzure = page.getByRole("dialog", { name: "Re-protect" });
  await expect(toAzure.getByLabel("Process server")).not.toHaveValue("");
  await expect(toAzure.getByLabel("Master target server")).toHaveCount(0);
  await toAzure.getByRole("button", { name: "OK" }).click();
  await expect(toAzure).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", LONG);
  await expect(page.getByLabel("Replication direction")).toHaveText("On-premises to Azure");
  await expect(page.getByLabel("Active location", { exact: true })).toHaveText("On-premises");
});

test("a refused re-protect shows its reason and recommended action, and nothing changes", async ({ page, vault }) => {
  await openItem(page, vault, "erp-app-01");
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");

  // A command the state does not allow stays focusable and says why.
  const commit = page.getByRole("button", { name: "Commit" });
  await expect(commit).toHaveAttribute("aria-disabled", "true");
  await expect(commit).toHaveAccessibleDescription(/Commit needs a completed failover/);

  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await dialog.getByRole("button", { name: "Readiness check" }).click();
  await expect(dialog.getByText("Readiness check failed", { exact: false })).toBeVisible();
  await dialog.getByRole("button", { name: "OK" }).click();
  const refusal = dialog.getByRole("alert").filter({ hasText: "Recommended action" });
  await expect(refusal).toContainText(/snapshot/i);
  await expect(refusal).toContainText("Error code");
  await expect(refusal).toContainText("Possible causes");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
  await expect(page.getByLabel("Active location", { exact: true })).toHaveText("Microsoft Azure");
  await expect(page.getByRole("status", { name: "Running job" })).toHaveCount(0);
});

test("Replicate a discovered machine: it appears in the grid as Enabling protection", async ({ page, vault }) => {
  // Slow the clock so initial replication is still running when the grid shows the item.
  await setSpeed(page, vault, 1);
  await page.goto(vault.url("/replicated-items"));
  await page.getByRole("button", { name: "Replicate" }).click();
  const wizard = page.getByRole("dialog", { name: "Enable replication" });
  await expect(wizard.getByLabel("Configuration server")).toHaveValue(vault.idOf("cs-01"));
  await wizard.getByRole("button", { name: "Next" }).click();
  // Validation per field.
  await expect(wizard.getByText("Choose the vCenter server of the virtual machines.")).toBeVisible();
  await expect(wizard.getByLabel("Machine type")).toHaveValue("vmware");
  await wizard.getByLabel("vCenter server").selectOption({ label: "vcenter-01" });
  await wizard.getByLabel("Process server").selectOption({ label: "cs-01" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Azure network").selectOption({ label: "vnet-prod (Resource Manager)" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByText("Choose at least one machine.")).toBeVisible();
  await wizard.getByRole("checkbox", { name: "mail-01" }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Replication policy").selectOption({ label: "24-hour-retention-policy" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Enable replication" }).click();
  await expect(wizard).toBeHidden();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "mail-01", exact: true }) });
  await expect(row).toContainText("Enabling protection");
});
