import { expect, test } from "./fixtures";

const HEALTHS = ["Healthy", "Warning", "Critical", "Not applicable"];

test("the Overview's counts match the replicated items grid filtered by each count's link", async ({ page, vault }) => {
  await page.goto(vault.url("/overview"));
  const health = page.getByRole("region", { name: "Replication health" });
  // Each tile loads on its own; on a busy machine the first ones may take a while.
  await expect(health.getByRole("img", { name: /Replication health of \d+ items/ })).toBeVisible({ timeout: 60_000 });
  for (const name of HEALTHS) {
    // Health is live (a new vault's items settle over their first ticks): an item may change between
    // reading the Overview and the grid's answer, so the pair is read again until both agree.
    await expect(async () => {
      await page.goto(vault.url("/overview"));
      const link = page
        .getByRole("region", { name: "Replication health" })
        .getByRole("link", { name: new RegExp(`^${name}: \\d+ items$`) });
      const count = Number(await link.textContent());
      await link.click();
      await expect(page.getByRole("heading", { level: 1, name: "Replicated items" })).toBeVisible();
      await expect(page.getByText(`${count} items`, { exact: true })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
  }

  // Status: every status some item has, and the grid filtered by it.
  await page.goto(vault.url("/overview"));
  const status = page.getByRole("region", { name: "Status", exact: true });
  const links = status.getByRole("link");
  await expect(links.first()).toBeVisible();
  const total = await links.count();
  let sum = 0;
  for (let i = 0; i < total; i++) sum += Number(await links.nth(i).textContent());
  const committed = status.getByRole("link", { name: /^Failover committed: \d+ items$/ });
  const committedCount = Number(await committed.textContent());
  await committed.click();
  await expect(page.getByText(`${committedCount} items`, { exact: true })).toBeVisible();
  // The statuses add up to the whole grid.
  await page.goto(vault.url("/replicated-items"));
  await expect(page.getByText(`${sum} items`, { exact: true })).toBeVisible();
});

test("the Overview shows failover test success, errors, infrastructure, jobs and RPO tiles", async ({ page, vault }) => {
  await page.goto(vault.url("/overview"));
  for (const name of [
    "Failover test success",
    "Configuration issues",
    "Error summary",
    "Infrastructure view",
    "Jobs in the last 24 hours",
    "RPO distribution",
  ])
    await expect(page.getByRole("region", { name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Infrastructure view" }).getByRole("link", { name: "cs-01" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Error summary" })).toContainText(/Error \w+/);
  // A jobs count opens the Jobs blade filtered by it.
  await page
    .getByRole("region", { name: "Jobs in the last 24 hours" })
    .getByRole("link", { name: /^Failed jobs in the last 24 hours/ })
    .click();
  await expect(page).toHaveURL(/jobs\?status=failed&range=24h/);
  await expect(page.getByLabel("Status")).toHaveValue("failed");
});
