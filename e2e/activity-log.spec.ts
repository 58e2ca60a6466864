import { addActivityRows, expect, test } from "./fixtures";

test("the activity log pages on the server, keeps its filters in the URL, and exports every matching row", async ({ page, vault }) => {
  addActivityRows(vault, 130, "e2e.paging");
  await page.goto(vault.url("/activity-log"));
  await page.getByLabel("Operation").selectOption("e2e.paging");
  await expect(page).toHaveURL(/operation=e2e\.paging/);
  const table = page.getByRole("table", { name: "Activity log entries" });
  await expect(page.getByText("50 of 130 entries")).toBeVisible();
  await expect(table.getByRole("cell", { name: "target-0129" })).toBeVisible();

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByText("100 of 130 entries")).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByText("130 entries", { exact: true })).toBeVisible();
  await expect(table.getByRole("cell", { name: "target-0000" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  // Oldest first, in the URL; a reload keeps the filter and the order.
  await page.getByLabel("Order").selectOption({ label: "Oldest first" });
  await expect(page).toHaveURL(/order=oldest/);
  await page.reload();
  await expect(page.getByLabel("Operation")).toHaveValue("e2e.paging");
  await expect(page.getByText("50 of 130 entries")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("target-0000");

  // The export has every matching row, not one page.
  const href = await page.getByRole("link", { name: "Export to CSV" }).getAttribute("href");
  expect(href).toContain("operation=e2e.paging");
  const csv = await (await page.request.get(href!)).text();
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toMatch(/^time,user,role,operation/);
  expect(lines.slice(1).filter((l) => l.includes("e2e.paging"))).toHaveLength(130);
});
