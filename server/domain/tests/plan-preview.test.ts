import { describe, expect, it } from "vitest";
import { harness, vaultId } from "./harness";
import { previewPlanOperation } from "../recovery-plan/preview";

const h = harness();

describe("plan preview before OK", () => {
  it("gives each item's recovery point and its age, and estimated durations per group and in total", () => {
    const p = previewPlanOperation(h.db, { vaultId, planId: "rp-web", operation: "failover", direction: "to-azure" }, h.env());
    expect(p.allowed).toBe(true);
    for (const g of p.groups) {
      for (const i of g.items) {
        expect(i.recoveryPoint).not.toBeNull();
        expect(i.recoveryPoint!.ageSeconds).toBeGreaterThanOrEqual(0);
        expect(i.estimatedSeconds).toBeGreaterThan(0);
      }
      // Items of a group run together: the group lasts at least as long as its slowest item.
      expect(g.estimatedSeconds).toBeGreaterThanOrEqual(Math.max(...g.items.map((i) => i.estimatedSeconds)));
    }
    expect(p.estimatedSeconds).toBeGreaterThanOrEqual(p.groups.reduce((n, g) => n + g.estimatedSeconds, 0));
    // An app-consistent point is older than the latest processed one.
    const app = previewPlanOperation(
      h.db,
      { vaultId, planId: "rp-web", operation: "failover", direction: "to-azure", recoveryPoint: "latest-app-consistent" },
      h.env(),
    );
    expect(app.groups[0]!.items[0]!.recoveryPoint!.ageSeconds).toBeGreaterThanOrEqual(p.groups[0]!.items[0]!.recoveryPoint!.ageSeconds);
  });

  it("names the prerequisite checks a failback would fail before it starts", () => {
    h.fault("process-server-heartbeat-lost");
    const p = previewPlanOperation(h.db, { vaultId, planId: "rp-crm", operation: "failover", direction: "to-on-premises" }, h.env());
    const crm01 = p.groups.flatMap((g) => g.items).find((i) => i.id === "crm-01")!;
    // Refused with the first failing check (as its verb would), and every failing check named.
    expect(crm01.allowed).toBe(false);
    expect(crm01.reason).toBe(crm01.failingChecks.find((c) => c.number === 1)?.message);
    expect(crm01.failingChecks.map((c) => c.number)).toContain(1);
    expect(p.allowed).toBe(false);
  });
});
