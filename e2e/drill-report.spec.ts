import fs from "node:fs";
import { expect, test } from "./fixtures";

const LONG = { timeout: 90_000 };

test("after a test failover, Export report downloads a CSV and opens a printable report with the item's achieved RPO and RTO", async ({
  page,
  vault,
}) => {
  test.setTimeout(240_000);
  await page.goto(vault.url(`/replicated-items/${vault.idOf("hr-01")}`));
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected");
  await page.getByRole("button", { name: "Test failover", exact: true }).click();
  const tf = page.getByRole("dialog", { name: "Test failover" });
  await tf.getByLabel("Azure network").selectOption({ label: "vnet-isolated" });
  await tf.getByRole("button", { name: "OK" }).click();
  await expect(tf).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Test failover completed", LONG);
  await page.getByRole("button", { name: "Cleanup test failover" }).click();
  const cleanup = page.getByRole("dialog", { name: "Test failover cleanup" });
  await cleanup.getByLabel("Notes").fill("Application answered on the test network.");
  await cleanup.getByLabel("Testing is complete. Delete test failover virtual machine(s).").check();
  await cleanup.getByRole("button", { name: "OK" }).click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", LONG);

  // The item's test failover history holds the achieved RPO and RTO.
  const history = page.getByRole("table", { name: "Test failover history" });
  const row = history.getByRole("row").nth(1);
  await expect(row).not.toContainText("Not yet", LONG);
  const cells = row.getByRole("cell");
  const rpo = (await cells.nth(3).textContent())!;
  const rto = (await cells.nth(4).textContent())!;
  expect(rpo).toMatch(/\d+ (sec|min|hr)/);
  expect(rto).toMatch(/\d+ (sec|min|hr)/);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export report" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  const [header, line] = csv.trim().split("\r\n");
  expect(header).toContain("Achieved RPO (seconds)");
  const columns = header!.split(",");
  const values = line!.split(",");
  const field = (name: string) => values[columns.indexOf(name)];
  expect(field("Item")).toBe("hr-01");
  expect(field("Achieved RPO (seconds)")).toMatch(/^\d+$/);
  expect(Number(field("Achieved RTO (seconds)"))).toBeGreaterThan(0);
  expect(field("Prerequisite checks")).toBe("Passed");
  expect(csv).toContain("Application answered on the test network.");

  // The printable view says the same.
  await expect(page.getByRole("heading", { level: 1, name: "Drill report" })).toBeVisible();
  const results = page.getByRole("table", { name: "Drill results" });
  const reportRow = results.getByRole("row").filter({ hasText: "hr-01" });
  await expect(reportRow).toContainText(rpo);
  await expect(reportRow).toContainText(rto);
  await expect(reportRow).toContainText("Passed");
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
});
