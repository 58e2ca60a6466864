import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { setSpeed } from "./support";

const LONG = { timeout: 60_000 };

/** The map's current stage: the list item marked aria-current="step". */
const currentStage = (map: Locator) => map.getByRole("listitem").and(map.locator("[aria-current=step]"));

/** The map's one button takes the next step; its description names the step. */
const nextStep = (map: Locator) => map.getByRole("button", { name: "Take this step" });

async function step(page: Page, map: Locator, label: string, dialog: string, stage: string) {
  await expect(nextStep(map)).toHaveAccessibleDescription(new RegExp(`^${label}`));
  await nextStep(map).click();
  const d = page.getByRole("dialog", { name: dialog });
  await d.getByRole("button", { name: "OK" }).click();
  await expect(d).toBeHidden(LONG);
  await expect(currentStage(map)).toContainText(stage, LONG);
}

test("the round-trip map walks an item through all seven stages by its own buttons", async ({ page, vault }) => {
  test.setTimeout(300_000);
  await setSpeed(page, vault, 600);
  await page.goto(vault.url(`/replicated-items/${vault.idOf("web-01")}`));
  await expect(page.getByRole("heading", { level: 1, name: "web-01" })).toBeVisible();
  const map = page.getByRole("region", { name: "Round trip" });
  await expect(currentStage(map)).toContainText("1. Protected to Azure");
  // Blocked steps say why and what to do.
  await expect(map).toContainText("Blocked: Commit needs a completed failover");
  await expect(map.getByRole("button")).toHaveCount(1);

  await step(page, map, "Fail over to Azure", "Failover", "2. Failed over to Azure");
  await step(page, map, "Commit the failover", "Commit", "3. Failover committed");
  await step(page, map, "Re-protect to on-premises", "Re-protect", "4. Re-protected to on-premises");
  await step(page, map, "Fail back to on-premises", "Confirm failover", "5. Failed back to on-premises");
  await step(page, map, "Commit the failback", "Commit", "6. Failback committed");
  await step(page, map, "Re-protect to Azure", "Re-protect", "7. Re-protected to Azure");
  await expect(page.getByLabel("Status", { exact: true })).toHaveText("Protected");
  await expect(page.getByLabel("Replication direction")).toHaveText("On-premises to Azure");
  // The next round trip starts again with a failover.
  await expect(nextStep(map)).toHaveAccessibleDescription(/^Fail over to Azure/);

  // The item's jobs: its enable-replication job and the six steps it took.
  const jobs = page.getByRole("table", { name: "Jobs of this item" });
  await expect(jobs.getByRole("row")).toHaveCount(1 + 7, LONG);
});

test("the item page shows its disks and adapters, its Azure VM and its test failover history", async ({ page, vault }) => {
  await page.goto(vault.url(`/replicated-items/${vault.idOf("app-02")}`));
  await expect(page.getByRole("table", { name: "Disks" }).getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("table", { name: "Network adapters" })).toContainText("Failback IP");
  await expect(page.getByRole("table", { name: "Azure virtual machines" })).toContainText("10.10.1.32");
  await expect(page.getByRole("region", { name: "Test failover history" })).toContainText(/No test failover yet|Achieved RPO/);
});
