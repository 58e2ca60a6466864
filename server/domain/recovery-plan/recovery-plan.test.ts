import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback, harness, MIN, refusal, snapshot, vaultId } from "../tests/harness";
import { cancelJob, resumeJob } from "@/server/jobs/operations";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { createRecoveryPlan } from "./create-recovery-plan";
import { listRecoveryPlans, getRecoveryPlan } from "./queries";
import { runPlanFailover } from "./run-plan-failover";
import { planCommit } from "./plan-commit";
import { planReprotect } from "./plan-reprotect";
import { previewPlanOperation } from "./preview";

/** Runs a plan job to its end, resuming each manual action as a user would. */
function drive(h: ReturnType<typeof harness>, jobId: string) {
  for (let i = 0; i < 50; i++) {
    const j = h.until(jobId, ["succeeded", "failed", "cancelled", "waiting-for-input"]);
    if (j.status !== "waiting-for-input") return j;
    const waiting = h.steps(jobId).find((st) => st.status === "waiting-for-input");
    if (waiting?.key === "manual-action") resumeJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) });
    h.clock.advance(5 * MIN);
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe("createRecoveryPlan", () => {
  it("creates a plan with Group 1..N; items may be in several plans", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      {
        vaultId,
        name: "rp-new",
        source: "cs-01",
        target: "Microsoft Azure",
        groups: [{ itemIds: ["web-01"] }, { itemIds: ["hr-01", "sql-cl-01"] }],
      },
      h.env(),
    );
    const plan = getRecoveryPlan(h.db, vaultId, planId);
    expect(plan.groups.map((g) => [g.ordinal, g.items.map((i) => i.id)])).toEqual([
      [1, ["web-01"]],
      [2, ["hr-01", "sql-cl-01"]],
    ]);
    expect(listRecoveryPlans(h.db, vaultId).find((p) => p.name === "rp-new")).toMatchObject({ groupCount: 2, itemCount: 3 });
  });

  it("refuses a duplicate name, bad sites, unknown or repeated items, and changes nothing", () => {
    const h = harness();
    const before = snapshot(h.db);
    const base = {
      vaultId,
      name: "rp-x",
      source: "cs-01",
      target: "Microsoft Azure",
      groups: [{ itemIds: ["web-01"] }],
    };
    const dup = refusal(() => createRecoveryPlan(h.db, { ...base, name: "rp-sql-cluster" }, h.env()));
    expect(dup.kind).toBe("Conflict");
    expect(dup.code).toBe("RecoveryPlanNameInUse");
    expect(dup.fieldErrors?.name).toBeTruthy();
    expect(refusal(() => createRecoveryPlan(h.db, { ...base, name: " " }, h.env())).kind).toBe("Invalid");
    expect(refusal(() => createRecoveryPlan(h.db, { ...base, target: "cs-01" }, h.env())).fieldErrors?.target).toBeTruthy();
    expect(refusal(() => createRecoveryPlan(h.db, { ...base, source: "nowhere" }, h.env())).fieldErrors?.source).toBeTruthy();
    expect(refusal(() => createRecoveryPlan(h.db, { ...base, groups: [] }, h.env())).kind).toBe("Invalid");
    expect(refusal(() => createRecoveryPlan(h.db, { ...base, groups: [{ itemIds: ["nope"] }] }, h.env())).message).toMatch(/nope/);
    expect(
      refusal(() =>
        createRecoveryPlan(
          h.db,
          {
            ...base,
            groups: [{ itemIds: ["web-01"] }, { itemIds: ["web-01"] }],
          },
          h.env(),
        ),
      ).message,
    ).toMatch(/only one group/);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("caps a plan at 100 replicated items, in one group or over several, with a clear message", () => {
    const h = harness();
    const before = snapshot(h.db);
    const base = { vaultId, name: "rp-big", source: "cs-01", target: "Microsoft Azure" };
    const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}-${i}`);
    const oneGroup = refusal(() => createRecoveryPlan(h.db, { ...base, groups: [{ itemIds: ids(101, "a") }] }, h.env()));
    expect(oneGroup.kind).toBe("Invalid");
    expect(JSON.stringify(oneGroup.fieldErrors)).toContain("at most 100 replicated items");
    const split = refusal(() =>
      createRecoveryPlan(h.db, { ...base, groups: [{ itemIds: ids(60, "a") }, { itemIds: ids(41, "b") }] }, h.env()),
    );
    expect(split.kind).toBe("Invalid");
    expect(JSON.stringify(split.fieldErrors)).toContain("at most 100 replicated items");
    // A huge list is refused by the schema before any item is looked up.
    const huge = refusal(() => createRecoveryPlan(h.db, { ...base, groups: [{ itemIds: ids(100_000, "z") }] }, h.env()));
    expect(huge.kind).toBe("Invalid");
    expect(snapshot(h.db)).toEqual(before);
  });
});

describe("runPlanFailover", () => {
  it("goes group by group, waits for input at a manual action, and continues after Resume", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      {
        vaultId,
        name: "rp-order",
        source: "cs-01",
        target: "Microsoft Azure",
        groups: [
          { itemIds: ["web-01"] },
          {
            itemIds: ["hr-01"],
            actions: [
              {
                phase: "pre",
                kind: "manual",
                name: "Switch the load balancer",
                details: "Point it at Azure.",
              },
            ],
          },
        ],
      },
      h.env(),
    );
    const preview = previewPlanOperation(h.db, { vaultId, planId, operation: "failover", direction: "to-azure" }, h.env());
    expect(preview.allowed).toBe(true);
    expect(preview.groups.map((g) => g.items.map((i) => i.allowed))).toEqual([[true], [true]]);

    const { jobId } = runPlanFailover(
      h.db,
      {
        vaultId,
        planId,
        direction: "to-azure",
        recoveryPoint: "latest-processed",
      },
      h.env(),
    );
    expect(h.job(jobId)).toMatchObject({
      name: "Recovery plan failover",
      targetType: "recovery-plan",
      targetId: planId,
    });
    expect(h.db.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, planId)).get()!.currentJobId).toBe(jobId);
    // One operation at a time per plan.
    expect(refusal(() => runPlanFailover(h.db, { vaultId, planId, direction: "to-azure" }, h.env())).kind).toBe("Conflict");

    const waiting = h.until(jobId, ["waiting-for-input", "failed", "succeeded"]);
    // The first wait may be for the items of group 1; keep going until the manual action.
    let steps = h.steps(jobId);
    let guard = 0;
    while (steps.find((st) => st.status === "waiting-for-input")?.key !== "manual-action") {
      expect(waiting.status).not.toBe("failed");
      h.clock.advance(5 * MIN);
      h.until(jobId, ["waiting-for-input"]);
      steps = h.steps(jobId);
      if (++guard > 100) throw new Error("never reached the manual action");
    }
    const manual = steps.find((st) => st.status === "waiting-for-input")!;
    expect(manual.message).toMatch(/Switch the load balancer/);
    expect(h.item("web-01").state).toBe("failover-completed");
    expect(h.item("hr-01").state).toBe("protected");
    // Stays waiting however long nobody resumes.
    h.clock.advance(60 * MIN);
    h.engine.tick();
    expect(h.job(jobId).status).toBe("waiting-for-input");
    expect(h.item("hr-01").state).toBe("protected");

    resumeJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) });
    expect(h.until(jobId, ["succeeded", "failed"]).status).toBe("succeeded");
    expect(h.item("web-01")).toMatchObject({
      state: "failover-completed",
      activeLocation: "azure",
      currentJobId: null,
    });
    expect(h.item("hr-01")).toMatchObject({
      state: "failover-completed",
      activeLocation: "azure",
      currentJobId: null,
    });
    // The item jobs ran in group order.
    const itemJobs = h.db
      .select()
      .from(s.jobs)
      .where(eq(s.jobs.targetType, "replicated-item"))
      .all()
      .filter((j) => ["web-01", "hr-01"].includes(j.targetId) && j.name === "Failover");
    const web = itemJobs.find((j) => j.targetId === "web-01")!;
    const hr = itemJobs.find((j) => j.targetId === "hr-01")!;
    expect(web.status).toBe("succeeded");
    expect(hr.status).toBe("succeeded");
    expect(hr.startedAt!.getTime()).toBeGreaterThanOrEqual(web.endedAt!.getTime());
    expect(h.db.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, planId)).get()!.currentJobId).toBeNull();

    // Then the plan commits every item.
    const c = planCommit(h.db, { vaultId, planId, direction: "to-azure" }, h.env());
    expect(drive(h, c.jobId).status).toBe("succeeded");
    expect(h.item("hr-01").state).toBe("failover-committed");
  });

  it("refuses with every blocked item and why, and changes nothing", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      {
        vaultId,
        name: "rp-mixed",
        source: "cs-01",
        target: "Microsoft Azure",
        groups: [{ itemIds: ["web-01", "app-02"] }, { itemIds: ["web-02"] }],
      },
      h.env(),
    );
    const preview = previewPlanOperation(h.db, { vaultId, planId, operation: "failover", direction: "to-azure" }, h.env());
    expect(preview.allowed).toBe(false);
    expect(preview.groups[0]!.items.find((i) => i.id === "app-02")).toMatchObject({ allowed: false });
    const before = snapshot(h.db);
    const err = refusal(() => runPlanFailover(h.db, { vaultId, planId, direction: "to-azure" }, h.env()));
    expect(err.code).toBe("RecoveryPlanItemsNotReady");
    expect(err.message).toMatch(/app-02: /);
    expect(err.message).toMatch(/web-02: /);
    expect(err.message).not.toMatch(/web-01: /);
    expect(snapshot(h.db)).toEqual(before);
  });
});

describe("failback of rp-sql-cluster (replication group)", () => {
  it("a replication-group item alone is refused; the plan re-protects both with one master target", () => {
    const h = harness();
    const plan = listRecoveryPlans(h.db, vaultId).find((p) => p.name === "rp-sql-cluster")!;
    const alone = refusal(() => reprotectToOnPremises(h.db, { vaultId, itemId: "sql-cl-01", ...failback }, h.env()));
    expect(alone.code).toBe("FB-1101");

    const before = snapshot(h.db);
    // Reprotect to Azure does not apply to committed failovers to Azure: refused, nothing changes.
    expect(
      refusal(() =>
        planReprotect(
          h.db,
          {
            vaultId,
            planId: plan.id,
            direction: "to-azure",
            processServerId: "ps-cs-01",
          },
          h.env(),
        ),
      ).code,
    ).toBe("RecoveryPlanItemsNotReady");
    expect(snapshot(h.db)).toEqual(before);

    const { jobId } = planReprotect(h.db, { vaultId, planId: plan.id, direction: "to-on-premises", ...failback }, h.env());
    expect(h.job(jobId).name).toBe("Recovery plan reprotect");
    expect(h.run(jobId).status).toBe("succeeded");
    for (const id of ["sql-cl-01", "sql-cl-02"]) {
      expect(h.item(id)).toMatchObject({
        state: "protected",
        activeLocation: "azure",
        replicationDirection: "to-on-premises",
        masterTargetId: "mt-cs-01",
        currentJobId: null,
      });
    }
    // And the same plan fails them back.
    const preview = previewPlanOperation(
      h.db,
      {
        vaultId,
        planId: plan.id,
        operation: "failover",
        direction: "to-on-premises",
      },
      h.env(),
    );
    expect(preview.groups[0]!.items.every((i) => i.allowed)).toBe(true);
  });

  it("an item job that fails fails the plan job with the item's reason and releases the plan and the items", () => {
    const h = harness();
    const plan = listRecoveryPlans(h.db, vaultId).find((p) => p.name === "rp-sql-cluster")!;
    const { jobId } = planReprotect(h.db, { vaultId, planId: plan.id, direction: "to-on-premises", ...failback }, h.env());
    h.engine.tick();
    h.clock.advance(MIN);
    h.engine.tick(); // the plan starts: the item jobs are enqueued, the plan waits for them (in progress)
    const planJob = h.job(jobId);
    expect(planJob.status).toBe("in-progress");
    const itemJobs = Object.values((planJob.input as { itemJobs: Record<string, string> }).itemJobs);
    expect(itemJobs).toHaveLength(2);
    expect(h.item("sql-cl-01").state).toBe("reprotecting");
    h.fault("vpn-down");
    const ended = h.run(jobId);
    expect(ended.status).toBe("failed");
    expect(ended.error?.code).toBe("RecoveryPlanItemFailed");
    expect(ended.error?.message).toMatch(/sql-cl-0[12]/);
    expect(itemJobs.map((id) => h.job(id).status)).toEqual(["failed", "failed"]);
    for (const id of ["sql-cl-01", "sql-cl-02"])
      expect(h.item(id)).toMatchObject({
        state: "failover-committed",
        currentJobId: null,
      });
    expect(h.db.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, plan.id)).get()!.currentJobId).toBeNull();
  });

  it("cancelling the plan job cancels its running item jobs, restores the items and releases the plan", () => {
    const h = harness();
    const plan = listRecoveryPlans(h.db, vaultId).find((p) => p.name === "rp-sql-cluster")!;
    const { jobId } = planReprotect(h.db, { vaultId, planId: plan.id, direction: "to-on-premises", ...failback }, h.env());
    h.engine.tick();
    h.clock.advance(MIN);
    h.engine.tick();
    // Waiting for its items is not waiting for input: nothing to resume, nothing skipped.
    expect(refusal(() => resumeJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) })).code).toBe("JobNotResumable");
    h.clock.advance(MIN);
    h.engine.tick();
    expect(h.job(jobId).status).toBe("in-progress");
    expect(h.item("sql-cl-01").state).toBe("reprotecting");
    const itemJobs = Object.values((h.job(jobId).input as { itemJobs: Record<string, string> }).itemJobs);
    cancelJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) });
    expect(h.job(jobId).status).toBe("cancelled");
    expect(itemJobs.map((id) => h.job(id).status)).toEqual(["cancelled", "cancelled"]);
    for (const id of ["sql-cl-01", "sql-cl-02"])
      expect(h.item(id)).toMatchObject({
        state: "failover-committed",
        currentJobId: null,
      });
    expect(h.db.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, plan.id)).get()!.currentJobId).toBeNull();
  });
});
