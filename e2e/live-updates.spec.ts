import type { APIRequestContext, Page } from "@playwright/test";
import { addProtectedItems, expect, test } from "./fixtures";

/** A change made elsewhere: the portal's own API, called outside the page (as a second browser would). */
async function disableReplication(request: APIRequestContext, baseURL: string, vaultId: string, itemId: string) {
  const res = await request.post("/api/trpc/items.disableReplication", {
    headers: { origin: baseURL, "content-type": "application/json" },
    data: { json: { vaultId, itemId } },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

async function itemIdOf(page: Page, name: string): Promise<string> {
  const href = await page.getByRole("table", { name: "Replicated items" }).getByRole("link", { name, exact: true }).getAttribute("href");
  const id = href?.split("/").pop();
  if (!id) throw new Error(`No link to ${name}`);
  return decodeURIComponent(id);
}

test("the grid and an item page follow changes made elsewhere, without a reload or a poll", async ({ page, context, vault, baseURL }) => {
  addProtectedItems(vault, 3, "live-vm");
  await page.goto(vault.url("/replicated-items?search=live-vm"));
  const grid = page.getByRole("table", { name: "Replicated items" });
  await expect(page.getByText("3 items")).toBeVisible();
  const row = (name: string) => grid.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row("live-vm-00001")).toContainText("Protected");
  const first = await itemIdOf(page, "live-vm-00001");
  const second = await itemIdOf(page, "live-vm-00002");

  // The item page of another item, open in a second tab.
  const itemPage = await context.newPage();
  await itemPage.goto(vault.url(`/replicated-items/${second}`));
  await expect(itemPage.getByRole("heading", { level: 1, name: "live-vm-00002" })).toBeVisible();
  await expect(itemPage.getByRole("definition").filter({ hasText: "Protected" })).toBeVisible();

  // Changed through the API, not through these pages: the change feed brings it to both.
  await disableReplication(page.request, baseURL!, vault.id, first);
  await expect(row("live-vm-00001")).toContainText(/Disabling replication|Replication disabled/, { timeout: 30_000 });
  await expect(row("live-vm-00001")).toContainText("Replication disabled", { timeout: 60_000 });
  await expect(row("live-vm-00002")).toContainText("Protected");

  await disableReplication(page.request, baseURL!, vault.id, second);
  await expect(itemPage.getByRole("definition").filter({ hasText: "Replication disabled" })).toBeVisible({ timeout: 60_000 });
  await expect(row("live-vm-00002")).toContainText("Replication disabled", { timeout: 60_000 });
  // Neither page was reloaded: the grid still shows the page it loaded, with its search.
  await expect(page.getByLabel("Search")).toHaveValue("live-vm");
  await itemPage.close();
});
