/**
 * Replication policies (Site Recovery infrastructure > Replication policies): create a policy, its
 * failback policy is listed read-only, associate it with the configuration server, replicate a
 * machine with it and find the item under the policy; associate a policy with a second configuration
 * server and dissociate it (refused while items of that server use it). In the test's own vault.
 */
import { test, expect, addConfigurationServer } from "./fixtures";
import { expectNoSeriousAxeFindings } from "./support";

test("Create a policy; its failback policy appears read-only; associate it with the configuration server; replicate a machine with it and see the item listed under the policy", async ({
  page,
  vault,
}) => {
  test.setTimeout(300_000);
  await page.goto(vault.url("/overview"));
  await page.getByRole("navigation", { name: "Vault menu" }).getByRole("link", { name: "Replication policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Replication policies" })).toBeVisible();
  const grid = page.getByRole("table", { name: "Replication policies" });

  // Create: bad input is a field error from the shared schema, a duplicate name is refused by the server; nothing is saved.
  await page.getByRole("button", { name: "Replication policy" }).click();
  const create = page.getByRole("dialog", { name: "Create replication policy" });
  await create.getByLabel("Name").fill("e2e 4h");
  await create.getByLabel("RPO threshold").fill("0");
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create.getByText("Letters, digits, - and _ only.")).toBeVisible();
  await expect(create.getByText("At least 1 minute.")).toBeVisible();
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await create.getByLabel("Name").fill("24-hour-retention-policy");
  await create.getByLabel("RPO threshold").fill("30");
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create.getByText("Choose another name.")).toBeVisible();
  await expectNoSeriousAxeFindings(page, '[role="dialog"]');

  await create.getByLabel("Name").fill("e2e-4-hour");
  await create.getByLabel("Recovery point retention").fill("4");
  await create.getByLabel("App-consistent snapshot frequency").fill("120");
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create).toBeHidden();

  const row = (name: string) => grid.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row("e2e-4-hour")).toContainText("30 minutes");
  await expect(row("e2e-4-hour")).toContainText("4 hours");
  await expect(row("e2e-4-hour")).toContainText("120 minutes");
  await expect(row("e2e-4-hour")).toContainText("Not associated");
  // Its failback policy: listed, read-only, with the fixed settings, nothing to edit, associate or delete.
  const failback = row("e2e-4-hour-failback");
  await expect(failback).toContainText("Failback (Azure to on-premises)");
  await expect(failback).toContainText("15 minutes");
  await expect(failback).toContainText("24 hours");
  await expect(failback).toContainText("Read-only: follows e2e-4-hour");
  await expect(failback.getByRole("button")).toHaveCount(0);
  await failback.getByRole("link", { name: "e2e-4-hour-failback", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "e2e-4-hour-failback" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("can't be edited, deleted or associated on its own");
  await expect(page.getByRole("toolbar", { name: "Commands" })).toHaveCount(0);
  await page.getByRole("link", { name: "e2e-4-hour", exact: true }).click();

  // Associate with cs-01 from the policy's page.
  await expect(page.getByRole("heading", { level: 1, name: "e2e-4-hour" })).toBeVisible();
  await expect(page.getByText("No item uses this policy yet: associate it with a configuration server")).toBeVisible();
  await page.getByRole("button", { name: "Associate", exact: true }).click();
  const associate = page.getByRole("dialog", { name: "Associate e2e-4-hour" });
  await expect(associate.getByLabel("Configuration server")).toHaveValue(vault.idOf("cs-01"));
  await associate.getByRole("button", { name: "OK" }).click();
  await expect(associate).toBeHidden();
  const essentials = page.getByRole("region", { name: "Essentials" });
  await expect(essentials.getByLabel("Associated configuration servers")).toHaveText("cs-01");
  await expect(page.getByRole("button", { name: "Associate", exact: true })).toHaveAttribute("aria-disabled", "true");

  // Replicate a machine with it.
  await page.getByRole("navigation", { name: "Vault menu" }).getByRole("link", { name: "Replicated items" }).click();
  await page.getByRole("button", { name: "Replicate" }).click();
  const wizard = page.getByRole("dialog", { name: "Enable replication" });
  await expect(wizard.getByLabel("Configuration server")).toHaveValue(vault.idOf("cs-01"));
  await wizard.getByLabel("vCenter server").selectOption({ label: "vcenter-01" });
  await wizard.getByLabel("Process server").selectOption({ label: "cs-01" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Azure network").selectOption({ label: "vnet-prod (Resource Manager)" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("checkbox", { name: "mail-01" }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Replication policy").selectOption({ label: "e2e-4-hour" });
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByLabel("Replication policy")).toHaveText("e2e-4-hour");
  await wizard.getByRole("button", { name: "Enable replication" }).click();
  await expect(wizard).toBeHidden();

  // The item is listed under the policy, and counted in the grid.
  await page.getByRole("navigation", { name: "Vault menu" }).getByRole("link", { name: "Replication policies" }).click();
  await expect(row("e2e-4-hour")).toContainText("cs-01");
  await expect(row("e2e-4-hour").getByRole("link", { name: "1 replicated item", exact: true })).toBeVisible();
  await row("e2e-4-hour").getByRole("link", { name: "e2e-4-hour", exact: true }).click();
  const items = page.getByRole("table", { name: "Replicated items using it" });
  await expect(items.getByRole("link", { name: "mail-01", exact: true })).toBeVisible();
  await expectNoSeriousAxeFindings(page);
  await page.getByRole("navigation", { name: "Vault menu" }).getByRole("link", { name: "Replication policies" }).click();
  await expect(grid).toBeVisible();
  await expectNoSeriousAxeFindings(page);
});

test("A policy is associated with a second configuration server and dissociated from it; Dissociate is refused where items use it", async ({
  page,
  vault,
}) => {
  test.setTimeout(240_000);
  addConfigurationServer(vault, "cs-02");
  await page.goto(vault.url("/policies"));
  const grid = page.getByRole("table", { name: "Replication policies" });
  const row = grid.getByRole("row").filter({ has: page.getByRole("link", { name: "24-hour-retention-policy", exact: true }) });
  await expect(row).toContainText("cs-01");

  // Associate from the blade: cs-01 is offered as associated already, cs-02 is chosen.
  await row.getByRole("button", { name: "Associate 24-hour-retention-policy" }).click();
  const associate = page.getByRole("dialog", { name: "Associate 24-hour-retention-policy" });
  await expect(associate.getByRole("option", { name: "cs-01 — associated already" })).toBeDisabled();
  await associate.getByLabel("Configuration server").selectOption({ label: "cs-02" });
  await associate.getByRole("button", { name: "OK" }).click();
  await expect(associate).toBeHidden();
  await expect(row).toContainText("cs-01, cs-02");
  await expect(row.getByRole("button", { name: "Associate 24-hour-retention-policy" })).toHaveAttribute("aria-disabled", "true");
  // Its failback policy follows it.
  const failback = grid
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "24-hour-retention-policy-failback", exact: true }) });
  await expect(failback).toContainText("cs-01, cs-02");

  // The policy's page: both servers; cs-01's items keep it associated there, cs-02 has none.
  await row.getByRole("link", { name: "24-hour-retention-policy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "24-hour-retention-policy" })).toBeVisible();
  const servers = page.getByRole("table", { name: "Associated configuration servers" });
  await expect(servers.getByRole("row")).toHaveCount(3);
  await expect(servers.getByRole("button", { name: "Dissociate from cs-01" })).toHaveAttribute("aria-disabled", "true");
  await expect(servers.getByRole("button", { name: "Dissociate from cs-02" })).not.toHaveAttribute("aria-disabled", "true");
  await expectNoSeriousAxeFindings(page);

  await servers.getByRole("button", { name: "Dissociate from cs-02" }).click();
  const dissociate = page.getByRole("dialog", { name: "Dissociate 24-hour-retention-policy" });
  await expect(dissociate).toContainText("24-hour-retention-policy-failback");
  await dissociate.getByRole("button", { name: "OK" }).click();
  await expect(dissociate).toBeHidden();
  await expect(servers.getByRole("link", { name: "cs-02", exact: true })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Essentials" }).getByLabel("Associated configuration servers")).toHaveText("cs-01");
  await expect(page.getByRole("button", { name: "Associate", exact: true })).not.toHaveAttribute("aria-disabled", "true");
});
