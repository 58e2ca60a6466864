import { expect, test } from "./fixtures";
import { setSpeed } from "./support";

const DEMO = "/vaults/contoso-dr-vault";

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
  await page.goto(`${DEMO}/lab`);
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  for (const name of SWITCHES) await expect(page.getByRole("switch", { name, exact: true })).toBeVisible();
  await expect(page.getByLabel("Simulation speed")).toHaveValue(/^\d+(\.\d+)?$/);
});

test("a Lab fault that appears after the request fails the job at its prerequisites check", async ({ page, vault }) => {
  test.setTimeout(240_000);
  // The Lab stays open in a second tab, so the fault goes on right after the request. Real time,
  // so the job's 30-second prerequisites step is still ahead when the fault is switched on.
  const lab = await page.context().newPage();
  const original = await setSpeed(lab, vault, 1);
  const fault = lab.getByRole("switch", { name: "Process server cannot reach configuration server" });
  await expect(fault).not.toBeChecked();
  try {
    await page.goto(vault.url(`/replicated-items/${vault.idOf("app-lnx-01")}`));
    await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
    await page.getByRole("button", { name: "Re-protect" }).click();
    const dialog = page.getByRole("dialog", { name: "Re-protect" });
    await expect(dialog.getByLabel("Process server")).not.toHaveValue("");
    await dialog.getByRole("button", { name: "OK" }).click();
    await expect(dialog).toBeHidden();
    const running = page.getByRole("status", { name: "Running job" });
    await expect(running.getByRole("link", { name: "Reprotect" })).toBeVisible();
    const jobUrl = await running.getByRole("link", { name: "Reprotect" }).getAttribute("href");

    await fault.click();
    await expect(fault).toBeChecked();
    await setSpeed(lab, vault, original);

    await page.goto(jobUrl!);
    await expect(page.getByLabel("Job status")).toHaveText("Failed", { timeout: 30_000 });
    const error = page.getByRole("alert").filter({ hasText: "Recommended action" }).first();
    await expect(error).toContainText("Error code");
    await expect(error).toContainText("Possible causes");
    await expect(error).toContainText(/configuration server/i);
  } finally {
    if (await fault.isChecked()) await fault.click();
    await expect(fault).not.toBeChecked();
  }
});
