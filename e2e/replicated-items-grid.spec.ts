import { addProtectedItems, expect, test } from "./fixtures";

test("the grid pages and sorts on the server, and keeps search, sort and page in the URL", async ({ page, vault }) => {
  addProtectedItems(vault, 230);
  await page.goto(vault.url("/replicated-items"));
  const grid = page.getByRole("table", { name: "Replicated items" });
  await expect(page.getByText(/^1–100 of \d+ items$/)).toBeVisible();

  await page.getByLabel("Search").fill("bulk-vm");
  await expect(page).toHaveURL(/search=bulk-vm/);
  await expect(page.getByText("1–100 of 230 items")).toBeVisible();
  await expect(grid.getByRole("link", { name: "bulk-vm-00000", exact: true })).toBeVisible();

  // Name descending: the server's order, written to the URL.
  const nameHeader = grid.getByRole("button", { name: "Name" });
  await nameHeader.click();
  await expect(page).toHaveURL(/sort=name/);
  await nameHeader.click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(grid.getByRole("link").first()).toHaveText("bulk-vm-00229");

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("101–200 of 230 items")).toBeVisible();
  await expect(grid.getByRole("link").first()).toHaveText("bulk-vm-00129");

  // A reload shows the same page of the same view.
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("bulk-vm");
  await expect(page.getByText("101–200 of 230 items")).toBeVisible();
  await expect(grid.getByRole("link").first()).toHaveText("bulk-vm-00129");
  await expect(grid.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");

  // A new filter starts from the first page.
  await page.getByLabel("Search").fill("bulk-vm-001");
  await expect(page).not.toHaveURL(/page=/);
  await expect(page.getByText("100 items")).toBeVisible();
  await expect(grid.getByRole("link").first()).toHaveText("bulk-vm-00199");
});
