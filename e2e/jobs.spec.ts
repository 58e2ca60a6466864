import { expect, test } from "./fixtures";
import { setSpeed } from "./support";

test("a running job's page follows its steps live until it succeeds", async ({ page, vault }) => {
  // 220 simulated seconds of steps take about 20 real seconds at speed 10: long enough to watch.
  const original = await setSpeed(page, vault, 10);
  try {
    await page.goto(vault.url(`/replicated-items/${vault.idOf("web-01")}`));
    await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected");
    await page.getByRole("button", { name: "Test failover", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Test failover" });
    await dialog.getByLabel("Azure network").selectOption({ label: "vnet-isolated" });
    await dialog.getByRole("button", { name: "OK" }).click();
    await expect(dialog).toBeHidden();

    // The job page subscribes to the job's progress (server-sent events) instead of reloading.
    const subscription = page.waitForRequest((req) => req.url().includes("jobs.onUpdate"));
    await page.goto(vault.url("/jobs?search=web-01"));
    await page.getByRole("link", { name: "Test failover" }).first().click();
    await subscription;
    await expect(page.getByRole("heading", { level: 1, name: "Test failover" })).toBeVisible();
    await expect(page.getByLabel("Job status")).toHaveText("Succeeded", { timeout: 90_000 });
    const steps = page.getByRole("table", { name: "Job steps" });
    await expect(steps.getByRole("row").filter({ hasText: "Not started" })).toHaveCount(0);
    await expect(steps.getByRole("row").filter({ hasText: "Succeeded" }).first()).toBeVisible();
  } finally {
    await setSpeed(page, vault, original);
  }

  // Cleanup test failover brings the item back to Protected.
  await page.goto(vault.url(`/replicated-items/${vault.idOf("web-01")}`));
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Test failover completed");
  await page.getByRole("button", { name: "Cleanup test failover" }).click();
  const cleanup = page.getByRole("dialog", { name: "Test failover cleanup" });
  await cleanup.getByLabel("Testing is complete. Delete test failover virtual machine(s).").check();
  await cleanup.getByRole("button", { name: "OK" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", { timeout: 90_000 });
});
