import { expect, test } from "@playwright/test";

test("the vault menu opens every blade with real rows", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "contoso-dr-vault" })).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Vault menu" });

  await menu.getByRole("link", { name: "Replicated items" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Replicated items" })).toBeVisible();
  await expect(page.getByRole("link", { name: "web-01", exact: true })).toBeVisible();

  await menu.getByRole("link", { name: "Recovery Plans" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recovery Plans" })).toBeVisible();
  await expect(page.getByRole("link", { name: "rp-web-tier" })).toBeVisible();

  await menu.getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /jobs/i })).toBeVisible();
  await expect(page.getByRole("link", { name: "Reprotect" }).first()).toBeVisible();

  await menu.getByRole("link", { name: "Configuration Servers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Configuration Servers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "cs-01" })).toBeVisible();

  await menu.getByRole("link", { name: "Replication policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Replication policies" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "24-hour-retention-policy-failback" })).toBeVisible();

  await menu.getByRole("link", { name: "Lab" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();

  await menu.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "contoso-dr-vault" })).toBeVisible();
});

test("search filters the replicated items and an item page shows its state", async ({ page }) => {
  await page.goto("/vaults/contoso-dr-vault/replicated-items");
  await expect(page.getByRole("link", { name: "web-01", exact: true })).toBeVisible();
  await page.getByLabel("Search").fill("crm");
  // The filter lands in the URL once typing pauses, so the filtered grid is linkable.
  await expect(page).toHaveURL(/search=crm/);
  await expect(page.getByRole("link", { name: "web-01", exact: true })).toBeHidden();
  await page.getByRole("link", { name: "crm-02", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "crm-02" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Failover completed" })).toBeVisible();
  await expect(page.getByLabel("Active location")).toHaveText("On-premises");
  await expect(page.getByLabel("Replication direction")).toHaveText("Azure to On-premises");
  // The filtered grid is linkable: a reload keeps the filter.
  await page.goBack();
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("crm");
});

test("a search typed just before clicking an item never takes the user back to the grid", async ({ page }) => {
  // The browser's timers are driven by hand below; until then they run as usual.
  await page.clock.install();
  const itemPath = "/vaults/contoso-dr-vault/replicated-items/web-01";
  // The item page answers only when told: the navigation stays pending while the search update is due.
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route(
    (url) => url.pathname === itemPath,
    async (route) => {
      await answered;
      await route.continue();
    },
  );
  await page.goto("/vaults/contoso-dr-vault/replicated-items");
  const link = page.getByRole("link", { name: "web-01", exact: true });
  await expect(link).toBeVisible();
  await page.clock.pauseAt(Date.now() + 60_000);

  await page.getByLabel("Search").fill("web");
  await link.click();
  // Everything the search box scheduled (its pause before writing the URL) falls due now, mid-navigation.
  await page.clock.runFor(2_000);
  answer();
  await page.clock.resume();

  await expect(page.getByRole("heading", { level: 1, name: "web-01" })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === itemPath && url.search === "");
});

test("a configuration server shows its associated servers", async ({ page }) => {
  await page.goto("/vaults/contoso-dr-vault/configuration-servers");
  await page.getByRole("link", { name: "cs-01" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "cs-01" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "ps-azure-prod" })).toBeVisible();
  await page.getByRole("tab", { name: "Master target servers" }).click();
  await expect(page.getByRole("cell", { name: "mt-lnx-01" })).toBeVisible();
  await page.getByRole("tab", { name: "vCenter servers" }).click();
  await expect(page.getByText("vSphere 6 Hypervisor free")).toBeVisible();
  await page.getByRole("tab", { name: "Accounts" }).click();
  await expect(page.getByRole("cell", { name: "vcenter-admin" })).toBeVisible();
  await expect(page.getByText("Demo-vCenter-Admin-1!")).toHaveCount(0);
});

test("a configuration server's tabs follow the keyboard: arrows (wrapping), Home and End select the tab they focus", async ({ page }) => {
  await page.goto("/vaults/contoso-dr-vault/configuration-servers");
  await page.getByRole("link", { name: "cs-01" }).click();
  const tabs = page.getByRole("tablist", { name: "Associated servers" });
  const tab = (name: string) => tabs.getByRole("tab", { name });
  const expectSelected = async (name: string) => {
    await expect(tab(name)).toBeFocused();
    await expect(tab(name)).toHaveAttribute("aria-selected", "true");
    // Tab reaches the selected tab only.
    await expect(tabs.getByRole("tab", { selected: false })).toHaveCount(3);
    for (const other of await tabs.getByRole("tab", { selected: false }).all()) await expect(other).toHaveAttribute("tabindex", "-1");
    await expect(page.getByRole("tabpanel", { name })).toBeVisible();
  };
  await expect(tab("Process servers")).toHaveAttribute("aria-selected", "true");
  await tab("Process servers").focus();
  await page.keyboard.press("ArrowRight");
  await expectSelected("Master target servers");
  await expect(page.getByRole("tabpanel", { name: "Master target servers" }).getByRole("cell", { name: "mt-lnx-01" })).toBeVisible();
  await page.keyboard.press("End");
  await expectSelected("Accounts");
  await page.keyboard.press("ArrowRight");
  await expectSelected("Process servers");
  await page.keyboard.press("ArrowLeft");
  await expectSelected("Accounts");
  await page.keyboard.press("Home");
  await expectSelected("Process servers");
  await expect(page.getByRole("tabpanel", { name: "Process servers" }).getByRole("cell", { name: "ps-azure-prod" })).toBeVisible();
});

test("unknown vault and item URLs show a not-found page", async ({ page }) => {
  await page.goto("/vaults/no-such-vault/overview");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto("/vaults/contoso-dr-vault/replicated-items/no-such-item");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
