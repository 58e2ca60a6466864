import { expect, test } from "./fixtures";

test("create a recovery plan with two protected items and see it listed", async ({ page, vault }) => {
  await page.goto(vault.url("/recovery-plans"));
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Plans" })).toBeVisible();
  await page.getByRole("button", { name: "Recovery plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Create recovery plan" });
  await dialog.getByLabel("Name").fill("rp-e2e-web");
  await expect(dialog.getByLabel("Source")).toHaveValue("cs-01");
  await dialog.getByLabel("Target").selectOption("Microsoft Azure");
  await dialog.getByLabel("web-01", { exact: true }).check();
  await dialog.getByLabel("hr-01", { exact: true }).check();
  await dialog.getByLabel("Group of hr-01").selectOption("2");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({
    has: page.getByRole("link", { name: "rp-e2e-web", exact: true }),
  });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Microsoft Azure");

  await row.getByRole("link", { name: "rp-e2e-web" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "rp-e2e-web" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Group 1" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Group 2" })).toBeVisible();
  // The failover dialog: Direction, Recovery point and the preview per group before OK.
  await page.getByRole("button", { name: "Failover", exact: true }).click();
  const failover = page.getByRole("dialog", { name: "Failover", exact: true });
  await expect(failover.getByLabel("Direction")).toHaveValue("to-azure");
  await expect(failover.getByRole("radiogroup", { name: "Recovery point" })).toBeVisible();
  await expect(failover.getByRole("region", { name: "Preview" })).toContainText("web-01");
  await expect(failover.getByRole("region", { name: "Preview" })).toContainText("Group 2");
  await expect(failover.getByRole("button", { name: "OK" })).toBeVisible();
  await failover.getByRole("button", { name: "Cancel" }).click();
});

test("re-protect the recovery plan rp-sql-cluster and see its job in Jobs", async ({ page, vault }) => {
  await page.goto(vault.url("/recovery-plans"));
  await page.getByRole("link", { name: "rp-sql-cluster", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "rp-sql-cluster" })).toBeVisible();
  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await expect(dialog.getByLabel("Direction")).toHaveValue("Azure to On-premises");
  await expect(dialog.getByLabel("Process server")).not.toHaveValue("");
  await expect(dialog.getByLabel("Master target server")).not.toHaveValue("");
  await expect(dialog.getByLabel("Retention drive")).not.toHaveValue("");
  await expect(dialog.getByRole("region", { name: "Preview" })).toContainText("sql-cl-02");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  await page.goto(vault.url("/jobs"));
  const row = page.getByRole("row").filter({ hasText: "Recovery plan reprotect" });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText("rp-sql-cluster");
});

test("a plan's commands are offered only when every item allows them, and say which items block them", async ({ page, vault }) => {
  // rp-crm: crm-01 is protected back to on-premises, crm-02 has failed back: no failover takes both.
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-crm")}`));
  await expect(page.getByRole("heading", { level: 1, name: "rp-crm" })).toBeVisible();
  const failover = page.getByRole("button", { name: "Failover", exact: true });
  await expect(failover).toHaveAttribute("aria-disabled", "true");
  await expect(failover).toHaveAccessibleDescription(/Recovery plan failover is not possible: 1 of 2 items cannot take part\. crm-0\d:/);
  // rp-sql-cluster: committed in Azure, so Re-protect (back to on-premises) is offered and Failover is not.
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-sql")}`));
  await expect(page.getByRole("button", { name: "Re-protect" })).not.toHaveAttribute("aria-disabled");
  await expect(page.getByRole("button", { name: "Failover", exact: true })).toHaveAttribute("aria-disabled", "true");
});

test("a plan's Re-protect offers only what every machine takes: a master target one machine refuses is disabled and names it", async ({
  page,
  vault,
}) => {
  // A Windows and a Linux machine, both committed in Azure: one master target cannot serve both.
  await page.goto(vault.url("/recovery-plans"));
  await page.getByRole("button", { name: "Recovery plan" }).click();
  const create = page.getByRole("dialog", { name: "Create recovery plan" });
  await create.getByLabel("Name").fill("rp-e2e-mixed-os");
  await create.getByLabel("Target").selectOption("Microsoft Azure");
  await create.getByLabel("app-02", { exact: true }).check();
  await create.getByLabel("lnx-db-01", { exact: true }).check();
  await create.getByRole("button", { name: "Create" }).click();
  await expect(create).toBeHidden();
  await page.getByRole("link", { name: "rp-e2e-mixed-os", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "rp-e2e-mixed-os" })).toBeVisible();

  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await expect(dialog.getByLabel("Direction")).toHaveValue("Azure to On-premises");
  const masterTarget = dialog.getByLabel("Master target server");
  await expect(masterTarget.getByRole("option", { name: /^cs-01 \(Windows\) — lnx-db-01: .*Linux machine.*\(FB-0202\)$/ })).toBeDisabled({
    timeout: 15_000,
  });
  await expect(masterTarget.getByRole("option", { name: /^mt-lnx-01 \(Linux\) — app-02: .*Windows machine.*\(FB-0202\)$/ })).toBeDisabled();
  // Nothing the verb would refuse is proposed.
  await expect(masterTarget).toHaveValue("");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});
