/** How a plan operation runs its items' verbs: the dry run writes nothing, the real run enqueues member jobs in one insert. */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusal, snapshot, vaultId } from "../tests/harness";
import { failoverToAzure } from "../replicated-item/failover";
import { findPoint, listRecoveryPoints, pickRecoveryPoint } from "../replicated-item/recovery-points";
import { loadItem } from "../replicated-item/load";
import { PLAN_MEMBER_NOTIFY_STEP, PLAN_MEMBER_PREFIX } from "../steps";
import { createRecoveryPlan } from "./create-recovery-plan";
import { runPlanFailover } from "./run-plan-failover";

describe("an item verb with checkOnly (a plan's dry run)", () => {
  it("makes every check and writes nothing: no lock, no job", () => {
    const h = harness();
    const before = snapshot(h.db);
    const r = failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" }, { ...h.env(), checkOnly: true });
    expect(r.jobId).toBe("");
    expect(snapshot(h.db)).toEqual(before);
  });

  it("refuses exactly as the verb does", () => {
    const h = harness();
    const input = { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" } as const;
    failoverToAzure(h.db, input, h.env());
    const real = refusal(() => failoverToAzure(h.db, input, h.env()));
    const checked = refusal(() => failoverToAzure(h.db, input, { ...h.env(), checkOnly: true }));
    expect(checked.kind).toBe(real.kind);
    expect(checked.code).toBe(real.code);
    expect(checked.message).toBe(real.message);
  });
});

describe("a plan's item jobs", () => {
  it("are enqueued as members of the plan job: member type, the plan in the input, a last step that reports to it", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-members", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ["web-01", "hr-01"] }] },
      h.env(),
    );
    const { jobId } = runPlanFailover(h.db, { vaultId, planId, direction: "to-azure", recoveryPoint: "latest-processed" }, h.env());
    expect(h.run(jobId).status).toBe("succeeded");
    const itemJobs = h.db
      .select()
      .from(s.jobs)
      .where(eq(s.jobs.type, `${PLAN_MEMBER_PREFIX}failover`))
      .all();
    expect(itemJobs.map((j) => j.targetId).sort()).toEqual(["hr-01", "web-01"]);
    for (const j of itemJobs) {
      expect(j.status).toBe("succeeded");
      expect(j.input.recoveryPlan).toEqual({ planJobId: jobId, planId, planName: "rp-members" });
      expect(j.input.operation).toBe("failover-to-azure");
      const steps = h.steps(j.id);
      expect(steps.at(-1)).toMatchObject({
        key: PLAN_MEMBER_NOTIFY_STEP,
        name: "Report to the recovery plan rp-members",
        status: "succeeded",
      });
      expect(steps.map((st) => st.ordinal)).toEqual(steps.map((_, i) => i + 1));
    }
  });
});

describe("pickRecoveryPoint", () => {
  it("finds a processed point behind more than a window of unprocessed ones, as the whole list does", () => {
    const h = harness();
    const item = loadItem(h.db, vaultId, "web-01");
    const newest = listRecoveryPoints(h.db, item.id, "to-azure")[0]!;
    // Twelve newer points, all with data still pending.
    for (let i = 1; i <= 12; i++)
      h.db
        .insert(s.recoveryPoints)
        .values({
          replicatedItemId: item.id,
          at: new Date(newest.at.getTime() + i * 60_000),
          type: "crash-consistent",
          direction: "to-azure",
          pendingMb: 5,
        })
        .run();
    const all = listRecoveryPoints(h.db, item.id, "to-azure");
    for (const choice of ["latest-processed", "latest-app-consistent", "latest"] as const) {
      const picked = pickRecoveryPoint(h.db, item, "to-azure", choice);
      expect(picked.point.id).toBe(findPoint(all, choice)!.id);
    }
    expect(pickRecoveryPoint(h.db, item, "to-azure", "latest-processed").warnings[0]).toMatch(/minutes older than the latest one/);
    expect(pickRecoveryPoint(h.db, item, "to-azure", "latest").pendingMb).toBe(all.reduce((a, p) => a + p.pendingMb, 0));
  });
});
