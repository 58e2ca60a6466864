import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousAxeFindings } from "./support";

// Opens dialogs and checks them with axe; nothing is submitted that the server would accept, so no data changes.
const VAULT = "/vaults/contoso-dr-vault";

// axe takes seconds per run on a busy machine.
test.beforeEach(() => test.setTimeout(180_000));

const expectNoSeriousFindings = (page: Page) => expectNoSeriousAxeFindings(page, '[role="dialog"]');

async function loaded(dialog: Locator) {
  await expect(dialog.getByText(/Loading/)).toHaveCount(0);
}

test("the re-protect pane, and a field error it shows, have no serious accessibility findings", async ({ page }, testInfo) => {
  await page.goto(`${VAULT}/replicated-items/erp-app-01`);
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
  await page.getByRole("button", { name: "Re-protect" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-protect" });
  await loaded(dialog);
  await expect(dialog.getByLabel("Process server")).not.toHaveValue("");
  await expectNoSeriousFindings(page);

  // The server's schema refuses an empty choice before anything is sent; the message is the field's description.
  const processServer = dialog.getByLabel("Process server");
  await processServer.selectOption("");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Choose a process server." })).toBeVisible();
  await expect(processServer).toHaveAttribute("aria-invalid", "true");
  await expect(processServer).toHaveAccessibleDescription(/Choose a process server\./);
  await expect(processServer).toBeFocused();
  await expectNoSeriousFindings(page);
  await page.screenshot({ path: testInfo.outputPath("reprotect-field-error.png") });

  // Choosing again clears the error.
  await processServer.selectOption({ index: 1 });
  await expect(processServer).not.toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Failover committed");
});

test("the create recovery plan pane and its validation have no serious accessibility findings", async ({ page }) => {
  await page.goto(`${VAULT}/recovery-plans`);
  await page.getByRole("button", { name: "Recovery plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Create recovery plan" });
  await loaded(dialog);
  await expect(dialog.getByLabel("Source")).toHaveValue("cs-01");
  await expectNoSeriousFindings(page);

  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Enter a name." })).toBeVisible();
  await expect(dialog.getByRole("alert").filter({ hasText: "Choose at least one replicated item." })).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Enter a name.");
  await expect(dialog.getByRole("group", { name: "Replicated items" })).toHaveAccessibleDescription("Choose at least one replicated item.");
  await expectNoSeriousFindings(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("the Replicate wizard and its step validation have no serious accessibility findings", async ({ page }) => {
  await page.goto(`${VAULT}/replicated-items`);
  await page.getByRole("button", { name: "Replicate" }).click();
  const wizard = page.getByRole("dialog", { name: "Enable replication" });
  await loaded(wizard);
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByLabel("vCenter server")).toHaveAccessibleDescription("Choose the vCenter server of the virtual machines.");
  await expectNoSeriousFindings(page);
  await wizard.getByRole("button", { name: "Cancel" }).click();
  await expect(wizard).toBeHidden();
});

test("the Add process server pane and its validation have no serious accessibility findings", async ({ page }) => {
  await page.goto(`${VAULT}/configuration-servers/cs-01`);
  await page.getByRole("button", { name: "Process server" }).click();
  const dialog = page.getByRole("dialog", { name: "Add process server" });
  await loaded(dialog);
  await dialog.getByLabel("Azure network").selectOption({ label: "vnet-prod (Resource Manager)" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveAccessibleDescription(/Enter a name\./);
  await expectNoSeriousFindings(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

// Each pane on a demo plan whose items allow the command (the plan page offers only those):
// rp-web-tier's items replicate to Azure, rp-sql-cluster's are committed in Azure.
const PLAN_PANES = [
  ["Failover", "rp-web-tier", "web-01"],
  ["Re-protect", "rp-sql-cluster", "sql-cl-01"],
  ["Test failover", "rp-web-tier", "hr-01"],
] as const;

for (const [command, plan, item] of PLAN_PANES) {
  test(`the ${command} pane of a recovery plan has no serious accessibility findings`, async ({ page }) => {
    await page.goto(`${VAULT}/recovery-plans`);
    await page.getByRole("link", { name: plan, exact: true }).click();
    await page.getByRole("button", { name: command, exact: true }).click();
    const dialog = page.getByRole("dialog").filter({ has: page.getByRole("region", { name: "Preview" }) });
    await loaded(dialog);
    await expect(dialog.getByRole("region", { name: "Preview" })).toContainText(item);
    await expectNoSeriousFindings(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
}

// One test per pane: each runs two axe scans, which take a while on a busy machine.
const ADMIN_PANES = [
  ["Master target server", "Add master target server", "Enter a name."],
  ["vCenter server", "Add vCenter server", "Enter the server name."],
] as const;

for (const [command, title, error] of ADMIN_PANES) {
  test(`the ${title} pane of a configuration server and its validation have no serious accessibility findings`, async ({ page }) => {
    await page.goto(`${VAULT}/configuration-servers/cs-01`);
    await page.getByRole("button", { name: command }).click();
    const dialog = page.getByRole("dialog", { name: title });
    if (command === "Master target server") await dialog.getByRole("radio", { name: "Linux" }).click();
    await dialog.getByRole("button", { name: "OK" }).click();
    await expect(dialog.getByText(error)).toBeVisible();
    await expectNoSeriousFindings(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
}

test("the Add account pane of a configuration server and its validation have no serious accessibility findings", async ({ page }) => {
  await page.goto(`${VAULT}/configuration-servers/cs-01?tab=accounts`);
  await page.getByRole("button", { name: "Add account" }).click();
  const add = page.getByRole("dialog", { name: "Add account" });
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add.getByText("Enter a friendly name.")).toBeVisible();
  await expectNoSeriousFindings(page);
  await add.getByRole("button", { name: "Cancel" }).click();
  await expect(add).toBeHidden();
});

test("the Update credentials pane of an account and its validation have no serious accessibility findings", async ({ page }) => {
  await page.goto(`${VAULT}/configuration-servers/cs-01`);
  await page.getByRole("tab", { name: "Accounts" }).click();
  await page
    .getByRole("table", { name: "Accounts" })
    .getByRole("row")
    .filter({ hasText: "vcenter-admin" })
    .getByRole("button", { name: "Update credentials" })
    .click();
  const update = page.getByRole("dialog", { name: "Update credentials of vcenter-admin" });
  await update.getByRole("button", { name: "OK" }).click();
  await expect(update.getByText("Enter the password.")).toBeVisible();
  await expectNoSeriousFindings(page);
  await update.getByRole("button", { name: "Cancel" }).click();
  await expect(update).toBeHidden();
});
