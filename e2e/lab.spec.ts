import { expect, test } from "@playwright/test";
import { setSpeed, signIn } from "./support";

const VAULT = "/vaults/contoso-dr-vault";

const SWITCHES = [
  "Process server heartbeat lost",
  "vCenter account read-only",
  "VM has snapshots",
  "Free ESXi license",
  "VPN down",
  "VM missing from configuration server database",
  "Master target storage vMotioned",
  "disk.EnableUUID false",
  "Process server cannot reach configuration server",
];

test("the Lab lists its fault switches and the simulation speed", async ({ page }) => {
  await signIn(page);
  await page.goto(`${VAULT}/lab`);
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  for (const name of SWITCHES) await expect(page.getByRole("switch", { name, exact: true })).toBeVisible();
  await expect(page.getByLabel("Simulation speed")).toHaveValue(/^\d+(\.\d+)?$/);
});

test("a Lab fault that appears after the request fails the job at its prerequisites check", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  // Real time, so the job's 30-second prerequisites step is still ahead when the fault is switched on.
  const original = await setSpeed(page, 1);
  const fault = page.getByRole("switch", { name: "Process server cannot reach configuration server" });
  try {
    await page.goto(`${VAULT}/replicated-items/app-lnx-01`);
    await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
    await page.getByRole("button", { name: "Re-protect" }).click();
    const dialog = page.getByRole("dialog", { name: "Re-protect" });
    await expect(dialog.getByLabel("Process server")).not.toHaveValue("");
    await dialog.getByRole("button", { name: "OK" }).click();
    await expect(dialog).toBeHidden();
    const running = page.getByRole("status", { name: "Running job" });
    await expect(running.getByRole("link", { name: "Reprotect" })).toBeVisible();
    const jobUrl = await running.getByRole("link", { name: "Reprotect" }).getAttribute("href");

    await page.goto(`${VAULT}/lab`);
    await fault.click();
    await expect(fault).toBeChecked();
    await setSpeed(page, original);

    await page.goto(jobUrl!);
    await expect(page.getByLabel("Job status")).toHaveText("Failed", { timeout: 30_000 });
    const error = page.getByRole("alert").filter({ hasText: "Recommended action" }).first();
    await expect(error).toContainText("Error code");
    await expect(error).toContainText("Possible causes");
    await expect(error).toContainText(/configuration server/i);
  } finally {
    await setSpeed(page, original);
    if (await fault.isChecked()) await fault.click();
    await expect(fault).not.toBeChecked();
  }
});
