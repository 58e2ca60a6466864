import { expect, test } from "./fixtures";

const LONG = { timeout: 90_000 };

test("bulk test failover of 3 selected items: each its own job, results summarised", async ({ page, vault }) => {
  test.setTimeout(240_000);
  await page.goto(vault.url("/replicated-items"));
  const grid = page.getByRole("table", { name: "Replicated items" });
  const names = ["web-01", "hr-01", "phys-lnx-01"];
  for (const name of names) await grid.getByRole("checkbox", { name: `Select ${name}`, exact: true }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("3 selected");
  await bar.getByRole("button", { name: "Test failover", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Test failover of 3 items" });
  await dialog.getByLabel("Azure network").selectOption({ label: "vnet-isolated" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  const results = page.getByRole("region", { name: "Bulk action results" });
  await expect(results.getByRole("status")).toHaveText("Test failover: 3 started, 0 refused");
  await expect(results.getByRole("link", { name: "job started" })).toHaveCount(3);
  await expect(bar).toBeHidden();
  for (const name of names) {
    const row = grid.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row).toContainText("Test failover completed", LONG);
  }
  // Three separate jobs.
  await page.goto(vault.url("/jobs?operation=test-failover"));
  await expect(page.getByText("3 jobs", { exact: true })).toBeVisible();
});

test("a bulk action is offered only when an item allows it, names the items it will refuse, and runs the others", async ({
  page,
  vault,
}) => {
  await page.goto(vault.url("/replicated-items"));
  const grid = page.getByRole("table", { name: "Replicated items" });
  await grid.getByRole("checkbox", { name: "Select web-01", exact: true }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  // web-01 has no test failover: the state machine refuses the cleanup, so the bar does not offer it.
  const cleanup = bar.getByRole("button", { name: "Cleanup test failover" });
  await expect(cleanup).toHaveAttribute("aria-disabled", "true");
  await expect(cleanup).toHaveAccessibleDescription(
    /None of the selected items allows Cleanup test failover: web-01 has no test failover to clean up/,
  );
  await grid.getByRole("checkbox", { name: "Select web-04", exact: true }).check();
  await expect(cleanup).not.toHaveAttribute("aria-disabled");
  await cleanup.click();
  const dialog = page.getByRole("dialog", { name: "Test failover cleanup of 2 items" });
  const refusedHere = dialog.getByRole("region", { name: "Items that will be refused" });
  await expect(refusedHere).toContainText("1 of 2 will be refused");
  await expect(refusedHere).toContainText("web-01: web-01 has no test failover to clean up");
  await dialog.getByLabel("Testing is complete. Delete test failover virtual machine(s).").check();
  await dialog.getByRole("button", { name: "OK" }).click();
  const results = page.getByRole("region", { name: "Bulk action results" });
  await expect(results.getByRole("status")).toHaveText("Cleanup test failover: 1 started, 1 refused");
  await expect(results).toContainText("web-01: refused");
});
