import fs from "node:fs";
import { expect, test } from "./fixtures";
import { drillItem } from "./support";

const LONG = { timeout: 90_000 };

test("after a test failover, Export report downloads a CSV and opens a printable report with the item's achieved RPO and RTO", async ({
  page,
  vault,
}) => {
  test.setTimeout(240_000);
  await drillItem(page, vault.url(`/replicated-items/${vault.idOf("hr-01")}`), "Application answered on the test network.");

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
