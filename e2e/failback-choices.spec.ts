/**
 * The failback offers only what its verb accepts: Re-protect disables the original location the
 * checks refuse, and Unplanned failover is disabled, with the check's reason, while a fault that
 * appeared after the re-protect would refuse it.
 */
import { expect, test } from "./fixtures";

test("Re-protect of a VM on a free ESXi host offers only the alternate location, and says why", async ({ page, vault }) => {
  await page.goto(vault.url(`/replicated-items/${vault.idOf("kiosk-01")}`));
  await expect(page.getByRole("heading", { level: 1, name: "kiosk-01" })).toBeVisible();
  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await expect(dialog.getByRole("radio", { name: "Original location" })).toBeDisabled();
  await expect(dialog.getByRole("radio", { name: "Alternate location" })).toBeChecked();
  await expect(dialog.getByText(/free license.*\(FB-0701\)/)).toBeVisible();
  // The new VM goes to a datastore the proposed master target can use.
  const chosen = dialog.getByLabel("Datastore").getByRole("option", { selected: true });
  await expect(chosen).toBeEnabled();
  await expect(chosen).not.toHaveText(/FB-|8061/);
});

test("a vCenter disconnected after the re-protect disables Unplanned failover with the check's reason, until it reconnects", async ({
  page,
  vault,
}) => {
  const item = vault.url(`/replicated-items/${vault.idOf("crm-01")}`);
  const failback = page.getByRole("button", { name: "Unplanned failover" });
  await page.goto(item);
  await expect(page.getByRole("heading", { level: 1, name: "crm-01" })).toBeVisible();
  await expect(failback).not.toHaveAttribute("aria-disabled", "true");

  await page.goto(vault.url("/lab"));
  const fault = page.getByRole("switch", { name: "vCenter disconnected", exact: true });
  await fault.click();
  await expect(fault).toBeChecked();

  await page.goto(item);
  await expect(failback).toHaveAttribute("aria-disabled", "true");
  await expect(failback).toHaveAccessibleDescription(/vcenter-01 is disconnected/);

  await page.goto(vault.url("/lab"));
  await fault.click();
  await expect(fault).not.toBeChecked();
  await page.goto(item);
  await expect(failback).not.toHaveAttribute("aria-disabled", "true");
});
