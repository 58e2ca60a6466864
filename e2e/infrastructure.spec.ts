import type { Page } from "@playwright/test";
import { expect, test, type TestVault } from "./fixtures";

const LONG = { timeout: 45_000 };

/** app-02 (failover committed in vnet-prod): its Re-protect dialog lists the Azure process servers of vnet-prod. */
async function openReprotectOfApp02(page: Page, vault: TestVault) {
  await page.goto(vault.url(`/replicated-items/${vault.idOf("app-02")}`));
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await expect(dialog.getByLabel("Process server")).not.toHaveValue("");
  return dialog;
}

test("deploy a failback process server in vnet-prod, then register it: a wrong passphrase fails the job, the right one makes it usable", async ({
  page,
  vault,
}) => {
  test.setTimeout(240_000);
  await page.goto(vault.url("/configuration-servers"));
  await page.getByRole("link", { name: "cs-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "cs-01" })).toBeVisible();

  await page.getByRole("button", { name: "Process server" }).click();
  const dialog = page.getByRole("dialog", { name: "Add process server" });
  await expect(dialog.getByRole("radio", { name: "Deploy a failback process server in Azure" })).toBeChecked();

  // A classic network gets the Marketplace-image guidance instead of a deployment.
  await dialog.getByLabel("Azure network").selectOption({ label: "vnet-classic (classic)" });
  await expect(dialog.getByText("Microsoft Azure Site Recovery Process Server V2")).toBeVisible();
  await expect(dialog.getByLabel("Resource group")).toHaveCount(0);
  // The VM created from the image is added by hand (not registered; Register on its page, as for any other).
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("ps-classic-e2e");
  await dialog.getByLabel("Subnet").selectOption({ label: "Subnet-1 (10.50.1.0/24)" });
  await dialog.getByLabel("IP address").fill("10.50.1.10");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog).toBeHidden();
  const classicRow = page.getByRole("table", { name: "Process servers" }).getByRole("row").filter({ hasText: "ps-classic-e2e" });
  await expect(classicRow).toContainText("Not registered");
  await expect(classicRow).toContainText("vnet-classic (classic)");

  await page.getByRole("button", { name: "Process server" }).click();
  await dialog.getByLabel("Azure network").selectOption({ label: "vnet-prod (Resource Manager)" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();

  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("ps-fb-e2e");
  await expect(dialog.getByLabel("Subscription")).not.toHaveValue("");
  await dialog.getByLabel("Subnet").selectOption({ label: "default (10.10.1.0/24)" });
  await dialog.getByLabel("IP address").fill("10.10.1.60");
  await dialog.getByLabel("User name").fill("asradmin");
  await dialog.getByLabel("Password").fill("E2e-Password-123");
  await dialog.getByLabel("Resource group").selectOption({ label: "rg-failback" });
  await dialog.getByLabel("Storage account").selectOption({ label: "contosofailbackps01" });
  await dialog.getByLabel("Network interface").selectOption({ label: "ps-failback-02-nic" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  // Deployed is not registered: the second job is the admin's.
  const row = page.getByRole("table", { name: "Process servers" }).getByRole("row").filter({ hasText: "ps-fb-e2e" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Not registered", LONG);
  const psUrl = await row.getByRole("link", { name: "ps-fb-e2e" }).getAttribute("href");

  // Until then Re-protect does not offer it, and says why.
  let reprotect = await openReprotectOfApp02(page, vault);
  await expect(
    reprotect.getByRole("option", { name: /^ps-fb-e2e \(Azure\) — Not registered: Register it on its page first\./ }),
  ).toBeDisabled();
  await reprotect.getByRole("button", { name: "Cancel" }).click();
  await expect(reprotect).toBeHidden();

  // Register with a wrong passphrase: the job fails with the reason and the fix.
  await page.goto(psUrl!);
  await expect(page.getByRole("heading", { level: 1, name: "ps-fb-e2e" })).toBeVisible();
  await expect(page.getByLabel("Registration", { exact: true })).toContainText("Not registered");
  await page.getByRole("button", { name: "Register" }).click();
  const register = page.getByRole("dialog", { name: "Register ps-fb-e2e" });
  await expect(register.getByRole("spinbutton", { name: "Port", exact: true })).toHaveValue("443");
  await expect(register.getByRole("spinbutton", { name: "Data port" })).toHaveValue("9443");
  await register.getByLabel("Configuration server IP address").fill("10.0.0");
  await register.getByRole("button", { name: "OK" }).click();
  await expect(register.getByText("Enter the configuration server passphrase.")).toBeVisible();
  await expect(register.getByText("Enter an IPv4 address.")).toBeVisible();
  await register.getByLabel("Configuration server IP address").fill("10.0.0.10");
  await register.getByLabel("Passphrase").fill("Not-the-passphrase");
  await register.getByRole("button", { name: "OK" }).click();
  await expect(register).toBeHidden();
  const failure = page.getByRole("alert").filter({ hasText: "The last registration failed" });
  await expect(failure).toContainText("cs-01 rejected the passphrase of the process server ps-fb-e2e", LONG);
  await expect(failure).toContainText("genpassphrase.exe -v");
  await expect(page.getByLabel("Registration", { exact: true })).toContainText("Not registered");

  // Register with the right passphrase: Registered.
  await page.getByRole("button", { name: "Register" }).click();
  await register.getByLabel("Configuration server IP address").fill("10.0.0.10");
  await register.getByLabel("Passphrase").fill("Contoso-Demo-Passphrase-01");
  await register.getByRole("button", { name: "OK" }).click();
  await expect(register).toBeHidden();
  await expect(page.getByLabel("Registration", { exact: true })).toContainText("Registered", LONG);
  await expect(page.getByRole("button", { name: "Register" })).toBeDisabled();

  // Now it can be chosen for re-protect, and the re-protect is accepted.
  reprotect = await openReprotectOfApp02(page, vault);
  await expect(reprotect.getByRole("option", { name: "ps-fb-e2e (Azure)", exact: true })).toBeEnabled();
  await reprotect.getByLabel("Process server").selectOption({ label: "ps-fb-e2e (Azure)" });
  await reprotect.getByRole("button", { name: "OK" }).click();
  await expect(reprotect).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText(/Reprotecting|Protected/, LONG);
});
