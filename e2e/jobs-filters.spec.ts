import { expect, test } from "./fixtures";

test("the Jobs blade filters by status, operation, item and time range in the URL, and pages with its cursor", async ({ page, vault }) => {
  await page.goto(vault.url("/jobs"));
  const grid = page.getByRole("table", { name: "Site Recovery jobs" });
  // Paging: the first page, then the next one after its last job.
  await expect(page.getByText("20+ jobs", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByText(/^2\d jobs$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  await page.getByLabel("Operation").selectOption({ label: "Reprotect" });
  await expect(page).toHaveURL(/operation=reprotect/);
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page).toHaveURL(/status=failed/);
  await page.getByLabel("Time range").selectOption({ label: "Last 7 days" });
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByText("1 jobs", { exact: true })).toBeVisible();
  await expect(grid.getByRole("link", { name: "Reprotect" })).toBeVisible();
  await expect(grid).toContainText("erp-app-01");

  // The filters survive a reload: they are the URL.
  await page.reload();
  await expect(page.getByLabel("Operation")).toHaveValue("reprotect");
  await expect(page.getByLabel("Status")).toHaveValue("failed");
  await expect(page.getByLabel("Time range")).toHaveValue("7d");
  await expect(page.getByText("1 jobs", { exact: true })).toBeVisible();

  // An item with no failed re-protect shows none.
  await page.getByLabel("Item").selectOption({ label: "web-01" });
  await expect(page).toHaveURL(new RegExp(`item=${vault.idOf("web-01")}`));
  await expect(page.getByText("No jobs match the filters.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Item").selectOption({ label: "web-01" });
  await expect(page.getByText("1 jobs", { exact: true })).toBeVisible();
  await expect(grid.getByRole("link", { name: "Enable replication" })).toBeVisible();
});

test("the job page shows who started it, its inputs, each step's times and errors, and links to the item", async ({ page, vault }) => {
  await page.goto(vault.url(`/jobs/${vault.idOf("job-reprotect-erp-app-01")}`));
  await expect(page.getByRole("heading", { level: 1, name: "Reprotect" })).toBeVisible();
  await expect(page.getByLabel("Started by")).toHaveText("System (demo history)");
  const steps = page.getByRole("table", { name: "Job steps" });
  await expect(steps.getByRole("columnheader", { name: "End time" })).toBeVisible();
  await expect(steps.getByRole("row").filter({ hasText: "Prerequisites check" })).toContainText("Failed");
  await expect(page.getByRole("region", { name: "Inputs" })).toBeVisible();
  await page.getByLabel("Item").getByRole("link", { name: "erp-app-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "erp-app-01" })).toBeVisible();
});
