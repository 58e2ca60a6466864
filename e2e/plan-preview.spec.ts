import { expect, test } from "./fixtures";

test("the plan failover preview gives each item's recovery point and data-loss window and the estimated durations before OK", async ({
  page,
  vault,
}) => {
  await page.goto(vault.url(`/recovery-plans/${vault.idOf("rp-web")}`));
  await page.getByRole("button", { name: "Failover", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Failover", exact: true });
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview.getByLabel("Estimated duration")).toContainText(/Estimated duration: \d+ (sec|min)/);
  const group1 = preview.getByRole("group", { name: "Group 1 preview" });
  await expect(group1).toContainText("web-01: Failover will run.");
  await expect(group1).toContainText(/Recovery point .* data-loss window \d+ (sec|min|hr)/);
  await expect(group1).toContainText(/about \d+ (sec|min)/);
  await expect(preview.getByRole("group", { name: "Group 2 preview" })).toContainText(
    "Pre-step: Confirm the load balancer points at Azure",
  );
  // Another recovery point changes what the preview says the items would use.
  await dialog.getByRole("radio", { name: "Latest app-consistent" }).check();
  await expect(group1).toContainText("(app-consistent)");
  await dialog.getByRole("button", { name: "Cancel" }).click();
});
