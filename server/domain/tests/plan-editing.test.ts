import { describe, expect, it } from "vitest";
import { harness, snapshot, vaultId } from "./harness";
import { deleteRecoveryPlan, planRuns, updateRecoveryPlan } from "../recovery-plan/edit-recovery-plan";
import { getRecoveryPlan } from "../recovery-plan/queries";
import { planTestFailover } from "../recovery-plan/plan-test-failover";
import { DomainError } from "../errors";

const h = harness();

describe("recovery plan editing", () => {
  it("saves a new layout: rename, groups reordered, an item moved, a manual action added", () => {
    updateRecoveryPlan(
      h.db,
      {
        vaultId,
        planId: "rp-web",
        name: "rp-web-tier-2",
        groups: [
          { itemIds: ["hr-01"], actions: [{ phase: "pre", kind: "manual", name: "Check DNS", details: "Point DNS at Azure." }] },
          {
            itemIds: ["web-01", "phys-lnx-01"],
            actions: [{ phase: "post", kind: "script", name: "Warm cache", details: "scripts/warm.ps1" }],
          },
        ],
      },
      h.env(),
    );
    const plan = getRecoveryPlan(h.db, vaultId, "rp-web");
    expect(plan.name).toBe("rp-web-tier-2");
    expect(plan.groups.map((g) => g.items.map((i) => i.id).sort())).toEqual([["hr-01"], ["phys-lnx-01", "web-01"]]);
    expect(plan.groups[0]!.actions).toMatchObject([{ phase: "pre", kind: "manual", name: "Check DNS" }]);
    expect(plan.groups[1]!.actions).toMatchObject([{ phase: "post", kind: "script", name: "Warm cache" }]);
  });

  it("refuses a name in use, an item twice and an empty group, changing nothing", () => {
    const before = snapshot(h.db);
    const bad = [
      { name: "rp-crm", groups: [{ itemIds: ["web-01"] }] },
      { name: "x", groups: [{ itemIds: ["web-01"] }, { itemIds: ["web-01"] }] },
      { name: "x", groups: [{ itemIds: [] }] },
    ];
    for (const b of bad) expect(() => updateRecoveryPlan(h.db, { vaultId, planId: "rp-web", ...b }, h.env())).toThrow(DomainError);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("refuses edits and deletion while the plan runs, and lists the run", () => {
    const { jobId } = planTestFailover(h.db, { vaultId, planId: "rp-web", networkId: "vnet-isolated" }, h.env());
    const before = snapshot(h.db);
    expect(() =>
      updateRecoveryPlan(h.db, { vaultId, planId: "rp-web", name: "rp-web-3", groups: [{ itemIds: ["web-01"] }] }, h.env()),
    ).toThrow(/is running; it cannot be edited/);
    expect(() => deleteRecoveryPlan(h.db, { vaultId, planId: "rp-web" }, h.env())).toThrow(/cannot be deleted/);
    expect(snapshot(h.db)).toEqual(before);
    expect(planRuns(h.db, vaultId, "rp-web")[0]!.id).toBe(jobId);
  });

  it("deletes an idle plan with its groups", () => {
    deleteRecoveryPlan(h.db, { vaultId, planId: "rp-crm" }, h.env());
    expect(() => getRecoveryPlan(h.db, vaultId, "rp-crm")).toThrow(/not found/i);
  });
});
