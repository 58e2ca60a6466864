import type { Page } from "@playwright/test";
import { expect, test, type TestVault } from "./fixtures";

const LONG = { timeout: 45_000 };

async function openConfigurationServer(page: Page, vault: TestVault, tab?: string) {
  await page.goto(vault.url("/configuration-servers"));
  await page.getByRole("link", { name: "cs-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "cs-01" })).toBeVisible();
  if (tab) await page.getByRole("tab", { name: tab }).click();
}

test("a read-only account refuses re-protect; updating its credentials in the portal lets re-protect run", async ({ page, vault }) => {
  test.setTimeout(180_000);
  const openReprotect = async () => {
    await page.goto(vault.url(`/replicated-items/${vault.idOf("file-br-01")}`));
    await expect(page.getByRole("heading", { level: 1, name: "file-br-01" })).toBeVisible();
    await page.getByRole("button", { name: "Re-protect" }).click();
    const dialog = page.getByRole("dialog", { name: "Re-protect" });
    await dialog.getByRole("radio", { name: "Alternate location" }).check();
    return dialog;
  };

  // The branch vCenter is discovered with a read-only account: no datastores, re-protect refused.
  let dialog = await openReprotect();
  await expect(dialog.getByLabel("Datastore")).toHaveAccessibleDescription(/read-only/);
  await dialog.getByRole("button", { name: "Readiness check" }).click();
  const results = dialog.getByRole("region", { name: "Readiness check results" });
  await expect(results.getByRole("status")).toHaveText(/Readiness check failed/);
  await expect(results).toContainText("is read-only");
  await expect(results).toContainText("Update the credentials");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Configuration server > Accounts: the account is read-only and used by vcenter-branch.
  await openConfigurationServer(page, vault, "Accounts");
  const accounts = page.getByRole("table", { name: "Accounts" });
  const row = accounts.getByRole("row").filter({ hasText: "branch-readonly" });
  await expect(row).toContainText("Read-only");
  await expect(row).toContainText("vcenter-branch");

  await row.getByRole("button", { name: "Update credentials" }).click();
  const update = page.getByRole("dialog", { name: /Update credentials/ });
  await expect(update.getByLabel("Password")).toHaveValue("");
  // A wrong password is a field error and nothing changes.
  await update.getByLabel("User name").fill("CONTOSO\\svc-asr-vcenter");
  await update.getByLabel("Password").fill("not-the-password");
  await update.getByRole("button", { name: "OK" }).click();
  await expect(update.getByText("vcenter-branch rejected the user name or password.")).toBeVisible();
  await update.getByLabel("Password").fill("Demo-vCenter-Admin-1!");
  await update.getByRole("button", { name: "OK" }).click();
  await expect(update).toBeHidden();
  await expect(row).toContainText("Full");
  await expect(row).not.toContainText("Demo-vCenter-Admin-1!");

  // Re-protect now runs.
  dialog = await openReprotect();
  // For the new VM, a datastore the master target cannot use is listed but cannot be chosen, with the reason the verb gives.
  const datastore = dialog.getByLabel("Datastore");
  await expect(datastore.getByRole("option", { name: /^ds-small .*has 18 GB free.*\(FB-0402\)$/ })).toBeDisabled();
  await expect(datastore.getByRole("option", { name: /^ds-esxi03-local .*isn't accessible from the ESXi host.*\(8061\)$/ })).toBeDisabled();
  await expect(datastore.getByRole("option", { name: /^ds-prod-01 / })).toBeEnabled();
  await datastore.selectOption(vault.idOf("ds-prod-01"));
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText(/Reprotecting|Protected/, LONG);
});

test("Add account validates with the server's schema; Back up stamps the last database backup", async ({ page, vault }) => {
  await openConfigurationServer(page, vault, "Accounts");
  await page.getByRole("button", { name: "Add account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add account" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByText("Enter a friendly name.")).toBeVisible();
  await dialog.getByLabel("Friendly name").fill("vcenter-admin");
  await dialog.getByLabel("User name").fill("CONTOSO\\svc-dc2");
  await dialog.getByLabel("Password").fill("Dc2-Password-1!");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByText("An account named vcenter-admin exists already on cs-01.")).toBeVisible();
  await dialog.getByLabel("Friendly name").fill("dc2-admin");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Accounts" }).getByRole("row").filter({ hasText: "dc2-admin" })).toContainText(
    "Not verified",
  );

  const backup = page.getByLabel("Last database backup");
  const before = await backup.textContent();
  await page.getByRole("button", { name: "Back up" }).click();
  await expect(page.getByText("Configuration server backed up")).toBeVisible();
  await expect(backup).not.toHaveText(before ?? "");
});

test("add a vCenter server: wrong credentials fail discovery with the fix; updated, Refresh lists hosts, datastores and VMs", async ({
  page,
  vault,
}) => {
  test.setTimeout(180_000);
  await openConfigurationServer(page, vault, "Accounts");
  await page.getByRole("button", { name: "Add account" }).click();
  const account = page.getByRole("dialog", { name: "Add account" });
  await account.getByLabel("Friendly name").fill("dc2-admin");
  await account.getByLabel("User name").fill("CONTOSO\\svc-asr-vcenter");
  await account.getByLabel("Password").fill("not-the-password");
  await account.getByRole("button", { name: "OK" }).click();
  await expect(account).toBeHidden();

  await page.getByRole("button", { name: "vCenter server" }).click();
  const add = page.getByRole("dialog", { name: "Add vCenter server" });
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add.getByText("Enter the server name.")).toBeVisible();
  await add.getByLabel("Name").fill("vcenter-02");
  // An address already added is a field error.
  await add.getByLabel("IP address").fill("10.0.0.20");
  await add.getByLabel("Account").selectOption({ label: "dc2-admin (CONTOSO\\svc-asr-vcenter)" });
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add.getByText("10.0.0.20 is already added as vcenter-01; refresh it instead.")).toBeVisible();
  await add.getByLabel("IP address").fill("10.0.0.21");
  await expect(add.getByLabel("Port")).toHaveValue("443");
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add).toBeHidden();

  // The discovery job fails with the error and the fix.
  await page.getByRole("tab", { name: "vCenter servers" }).click();
  await page.getByRole("link", { name: "vcenter-02" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "vcenter-02" })).toBeVisible();
  const failure = page.getByRole("alert").filter({ hasText: "Recommended action" });
  await expect(failure).toContainText("rejected the credentials of the account dc2-admin", { timeout: 45_000 });
  await expect(failure).toContainText("Update credentials of dc2-admin");
  await expect(failure.getByRole("link", { name: "Open Accounts" })).toBeVisible();

  // The account link opens its credentials.
  await page.getByRole("link", { name: /dc2-admin/ }).click();
  const update = page.getByRole("dialog", { name: "Update credentials of dc2-admin" });
  await update.getByLabel("Password").fill("Demo-vCenter-Admin-1!");
  await update.getByRole("button", { name: "OK" }).click();
  await expect(update).toBeHidden();
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText("Refresh started")).toBeVisible();

  await page.getByRole("tab", { name: "vCenter servers" }).click();
  await page.getByRole("link", { name: "vcenter-02" }).click();
  const hosts = page.getByRole("table", { name: "Hosts" });
  await expect(hosts.getByRole("row").filter({ hasText: "esxi-23.contoso.local" })).toContainText("cannot be a failback target", {
    timeout: 45_000,
  });
  await expect(hosts.getByRole("row").filter({ hasText: "esxi-21.contoso.local" })).toContainText("Enterprise");
  await expect(page.getByRole("table", { name: "Datastores" }).getByRole("row").filter({ hasText: "ds-dc2-01" })).toContainText("5120 GB");
  await expect(page.getByRole("table", { name: "Virtual machines" }).getByRole("row").filter({ hasText: "dc2-web-01" })).toContainText(
    "Not protected",
  );
});

test("add a Linux master target with a missing package: its check fails with the fix; fixed (Lab) and Refresh clears it", async ({
  page,
  vault,
}) => {
  const packages = "Linux master target missing XFS/ReiserFS packages";
  await page.goto(vault.url("/lab"));
  await page.getByRole("switch", { name: packages, exact: true }).click();
  await expect(page.getByRole("switch", { name: packages, exact: true })).toBeChecked();

  await openConfigurationServer(page, vault);
  await page.getByRole("button", { name: "Master target server" }).click();
  const dialog = page.getByRole("dialog", { name: "Add master target server" });
  await dialog.getByRole("radio", { name: "Linux" }).click();
  await expect(dialog.getByLabel("Operating system version")).toHaveValue("CentOS 6.6");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("mt-lnx-e2e");
  await dialog.getByLabel("IP address", { exact: true }).fill("10.0.0.64");
  await dialog.getByLabel("ESXi host").selectOption({ label: "esxi-02.contoso.local (vcenter-01)" });
  await dialog.getByLabel("Datastore").selectOption(vault.idOf("ds-prod-02"));
  for (const step of await dialog.getByRole("group", { name: "Linux master target setup" }).getByRole("checkbox").all()) await step.check();
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("tab", { name: "Master target servers" }).click();
  const checks = page.getByRole("table", { name: "Master target servers" }).getByRole("row").filter({ hasText: "mt-lnx-e2e" });
  await expect(checks).toContainText("Failed: XFS/ReiserFS support packages installed");
  await expect(checks).toContainText("install the XFS (xfsprogs) and ReiserFS (reiserfs-utils) support packages");
  await expect(checks).toContainText("Passed: disk.EnableUUID = TRUE");

  await page.goto(vault.url("/lab"));
  await page.getByRole("switch", { name: packages, exact: true }).click();
  await expect(page.getByRole("switch", { name: packages, exact: true })).not.toBeChecked();

  await openConfigurationServer(page, vault, "Master target servers");
  // The configuration server shows what it last read until Refresh.
  await expect(checks).toContainText("Failed: XFS/ReiserFS support packages installed");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(checks).toContainText("Passed: XFS/ReiserFS support packages installed");
  await expect(checks).not.toContainText("Failed");
});
