import { expect, test } from "./fixtures";

test("deploy a failback process server in vnet-prod: it appears under Process servers", async ({ page, vault }) => {
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

  const row = page.getByRole("table", { name: "Process servers" }).getByRole("row").filter({ hasText: "ps-fb-e2e" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Registered", { timeout: 45_000 });
});
