import { eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import { vaults } from "@/db/schema";
import { expect, test } from "./fixtures";
import { E2E_DATABASE_FILE } from "./fixtures/files";

/** A user creates a personal access token on the Profile page (shown once), uses it, and revokes it. */
test("a personal access token is created on the Profile page, shown once, works, and can be revoked", async ({ page, vault, request }) => {
  await page.goto(vault.url("/overview"));
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();

  const name = `runbook ${vault.id}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Expires after (days)").fill("400");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("At most 365 days.")).toBeVisible();
  await page.getByLabel("Expires after (days)").fill("7");
  await page.getByRole("button", { name: "Create token" }).click();

  const shown = page.getByLabel("New token");
  await expect(shown).toHaveValue(/^fbp_/);
  const token = await shown.inputValue();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).not.toContainText(token);

  const db = openDb(E2E_DATABASE_FILE);
  const v = db.select().from(vaults).where(eq(vaults.id, vault.id)).get()!;
  db.$client.close();
  const path = `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${v.name}/replicationFabrics?api-version=2023-06-01`;
  const ok = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).value[0].name).toBe(vault.idOf("cs-01"));

  // Shown once: after Done (or a reload) only the prefix remains.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("New token")).toBeHidden();
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  const refused = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("InvalidAuthenticationToken");
});
