import { expect, test } from "./fixtures";

const LONG = { timeout: 90_000 };

test("edit a recovery plan (group added, item moved, manual action added), run it and resume its manual actions", async ({
  page,
  vault,
}) => {
  test.setTimeout(300_000);
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-web")}`));
  await expect(page.getByRole("heading", { level: 1, name: "rp-web-tier" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Last runs" })).toContainText("The plan has not run yet");

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit recovery plan" });
  await edit.getByRole("button", { name: "Add group" }).click();
  await expect(edit.getByRole("group", { name: "Group 3" })).toBeVisible();
  // Add an item to Group 1, then move it to the new Group 3.
  await edit.getByLabel("Item to add").selectOption({ label: "phys-lnx-01" });
  await edit.getByLabel("Add to group").selectOption({ label: "Group 1" });
  await edit.getByRole("button", { name: "Add item" }).click();
  await expect(edit.getByRole("list", { name: "Items of Group 1" })).toContainText("phys-lnx-01");
  await edit.getByLabel("Group of phys-lnx-01").selectOption({ label: "Group 3" });
  await expect(edit.getByRole("list", { name: "Items of Group 3" })).toContainText("phys-lnx-01");
  await expect(edit.getByRole("list", { name: "Items of Group 1" })).not.toContainText("phys-lnx-01");
  // Reorder by keyboard: Group 3 up and back down.
  await edit.getByRole("button", { name: "Move Group 3 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(edit.getByRole("list", { name: "Items of Group 2" })).toContainText("phys-lnx-01");
  await edit.getByRole("button", { name: "Move Group 2 down" }).click();
  await expect(edit.getByRole("list", { name: "Items of Group 3" })).toContainText("phys-lnx-01");
  // A manual pre-step for Group 3.
  await edit.getByLabel("Action group").selectOption({ label: "Group 3" });
  await edit.getByLabel("Step").selectOption({ label: "Pre-step" });
  await edit.getByLabel("Kind").selectOption({ label: "Manual" });
  await edit.getByLabel("Action name").fill("Check the DNS records");
  await edit.getByLabel("Text").fill("Confirm that the DNS records point at the Azure addresses.");
  await edit.getByRole("button", { name: "Add action" }).click();
  await expect(edit.getByRole("list", { name: "Actions of Group 3" })).toContainText("Check the DNS records");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();

  await expect(page.getByRole("heading", { name: "Group 3" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Group 3 items" })).toContainText("phys-lnx-01");
  await expect(page.getByText("Pre-step (manual action): Check the DNS records")).toBeVisible();

  // Run it: a test failover; each manual action waits until resumed.
  await page.getByRole("button", { name: "Test failover", exact: true }).click();
  const run = page.getByRole("dialog", { name: "Test failover" });
  await run.getByLabel("Azure network").selectOption({ label: "vnet-isolated" });
  await run.getByRole("button", { name: "OK" }).click();
  await expect(run).toBeHidden();
  // A running plan refuses edits.
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveAttribute("aria-disabled", "true", LONG);
  await page.getByRole("region", { name: "Last runs" }).getByRole("link", { name: "Recovery plan test failover" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery plan test failover" })).toBeVisible();
  for (const action of ["Confirm the load balancer points at Azure", "Check the DNS records"]) {
    await expect(page.getByText(new RegExp(`manual action\\) ${action}” waits for a manual action`))).toBeVisible(LONG);
    await page.getByRole("button", { name: "Resume" }).click();
  }
  await expect(page.getByLabel("Job status")).toHaveText("Succeeded", LONG);
});

test("a plan's name must stay unique and a plan can be deleted", async ({ page, vault }) => {
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-crm")}`));
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit recovery plan" });
  await edit.getByRole("textbox", { name: "Name", exact: true }).fill("rp-web-tier");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByText("This name is already used by another recovery plan.")).toBeVisible();
  await edit.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete recovery plan" }).getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Plans" })).toBeVisible();
  await expect(page.getByRole("link", { name: "rp-crm", exact: true })).toHaveCount(0);
});
