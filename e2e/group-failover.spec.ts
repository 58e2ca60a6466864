import { expect, test } from "./fixtures";
import { setSpeed } from "./support";

const LONG = { timeout: 60_000 };

test("from an item's page, its whole replication group fails back together to one multi-VM point", async ({ page, vault }) => {
  test.setTimeout(300_000);
  await setSpeed(page, vault, 600);

  // The group (rg-sql-cluster) is re-protected through its recovery plan, as replication groups must be.
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-sql")}`));
  await page.getByRole("button", { name: "Re-protect" }).click();
  const reprotect = page.getByRole("dialog", { name: "Re-protect" });
  await expect(reprotect.getByLabel("Master target server")).not.toHaveValue("");
  await reprotect.getByRole("button", { name: "OK" }).click();
  await expect(reprotect).toBeHidden();

  await page.goto(vault.url(`/replicated-items/${vault.idOf("sql-cl-01")}`));
  await expect(page.getByRole("heading", { level: 1, name: "sql-cl-01" })).toBeVisible();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected", LONG);
  await expect(page.getByLabel("Replication direction")).toHaveText("Azure to On-premises");
  // Enabled once both members replicate to on-premises and share a multi-VM consistent point.
  const command = page.getByRole("button", { name: "Failover group" });
  await expect(command).toBeEnabled(LONG);
  await command.click();

  const dialog = page.getByRole("dialog", { name: "Confirm failover of the replication group" });
  await expect(dialog.getByLabel("Direction")).toHaveText("Azure → On-premises");
  await expect(dialog).toContainText("every member of rg-sql-cluster (sql-cl-01, sql-cl-02) fails over together");
  await expect(dialog).toContainText("shut down before the on-premises machines start");
  const members = dialog.getByRole("list", { name: "Members of the replication group" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await expect(members).toContainText("sql-cl-02");
  const points = dialog.getByRole("radiogroup", { name: "Recovery point" });
  await expect(points.getByRole("radio")).toHaveCount(2);
  await points.getByRole("radio", { name: "Latest multi-VM app-consistent" }).check();
  await expect(dialog.getByText(/changes made after it are lost/)).toBeVisible();
  await points.getByRole("radio", { name: "Latest multi-VM processed" }).check();
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover completed", LONG);
  await expect(page.getByLabel("Active location")).toHaveText("On-premises");

  // The other member failed back with it.
  await page.goto(vault.url(`/replicated-items/${vault.idOf("sql-cl-02")}`));
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover completed", LONG);
  await expect(page.getByLabel("Active location")).toHaveText("On-premises");
});
