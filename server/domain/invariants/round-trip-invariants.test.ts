/**
 * The invariants hold in every committed state the engine goes through: the round trips run on
 * the real engine with a manual clock, and the checker runs after every tick and every verb.
 */
import { describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { cancelJob, restartJob, resumeJob } from "@/server/jobs/operations";
import { failback, harness, MIN, replicationInput, vaultId } from "../tests/harness";
import { enableReplication } from "../replicated-item/enable-replication";
import { failoverToAzure } from "../replicated-item/failover";
import { commit } from "../replicated-item/commit";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { reprotectToAzure } from "../replicated-item/reprotect-to-azure";
import { testFailover } from "../replicated-item/test-failover";
import { cleanupTestFailover } from "../replicated-item/cleanup-test-failover";
import { changeRecoveryPoint } from "../replicated-item/change-recovery-point";
import { disableReplication } from "../replicated-item/disable-replication";
import { stageOf } from "../replicated-item/state";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { runPlanFailover } from "../recovery-plan/run-plan-failover";
import { planCommit } from "../recovery-plan/plan-commit";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { planTestFailover, planCleanupTestFailover } from "../recovery-plan/plan-test-failover";
import { clearFault } from "../lab/faults";
import { checkInvariants, formatViolations, isUnfinished } from "./check";

/** The harness, with the invariant checker after every engine tick and after every verb (`act`). */
function watched() {
  const h = harness();
  let ticks = 0;
  const check = (when: string) => {
    const violations = checkInvariants(h.db);
    if (violations.length) throw new Error(`Invariants broken ${when}:\n${formatViolations(violations)}`);
  };
  const tick = h.engine.tick.bind(h.engine);
  h.engine.tick = () => {
    const more = tick();
    ticks++;
    check(`after tick ${ticks}`);
    return more;
  };
  const act = <T>(what: string, fn: () => T): T => {
    const result = fn();
    check(`after ${what}`);
    return result;
  };
  /** Ticks until the job reaches one of the statuses, resuming manual actions when asked. */
  const until = (jobId: string, statuses: s.JobStatus[], resumeManual = false) => {
    for (let i = 0; i < 500; i++) {
      h.engine.tick();
      const j = h.job(jobId);
      if (statuses.includes(j.status)) return j;
      if (resumeManual && j.status === "waiting-for-input") {
        const waiting = h.steps(jobId).find((st) => st.status === "waiting-for-input");
        if (waiting?.key === "manual-action") act("Resume", () => resumeJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) }));
      }
      h.clock.advance(5 * MIN);
    }
    throw new Error(`job ${jobId} did not reach ${statuses.join("/")}`);
  };
  const finish = (jobId: string) => until(jobId, ["succeeded", "failed", "cancelled"], true);
  /** Ticks until the plan job waits for its item jobs (its wait step runs; the job stays in progress). */
  const untilWaitingForItems = (jobId: string) => {
    for (let i = 0; i < 500; i++) {
      h.engine.tick();
      const running = h.steps(jobId).find((st) => st.status === "in-progress");
      if (running?.key === "wait-group") return expect(h.job(jobId).status).toBe("in-progress");
      h.clock.advance(MIN);
    }
    throw new Error(`job ${jobId} never waited for its items`);
  };
  const noUnfinishedJobs = () =>
    h.db
      .select({ status: s.jobs.status })
      .from(s.jobs)
      .all()
      .filter((j) => isUnfinished(j.status)).length;
  return { ...h, act, until, finish, untilWaitingForItems, ticks: () => ticks, noUnfinishedJobs };
}

// Hundreds of ticks, each checked: generous timeouts for a busy machine.
describe("invariants after every tick", { timeout: 120_000 }, () => {
  it("hold through the 7-stage round trip of a VM, with a test failover and a change of recovery point", () => {
    const h = watched();
    const enabled = h.act("Enable replication", () => enableReplication(h.db, replicationInput(["m-mail-01"]), h.env()));
    const itemId = enabled.items[0]!.itemId;
    expect(h.finish(enabled.items[0]!.jobId).status).toBe("succeeded");
    // A day of replication: points are made and pruned past the 24 h retention.
    for (let i = 0; i < 30; i++) {
      h.clock.advance(60 * MIN);
      h.engine.tick();
    }
    h.touch();
    const steps: [string, () => { jobId: string }][] = [
      ["Test failover", () => testFailover(h.db, { vaultId, itemId, networkId: "vnet-isolated" }, h.env())],
      ["Cleanup test failover", () => cleanupTestFailover(h.db, { vaultId, itemId }, h.env())],
      ["Failover", () => failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env())],
      ["Change recovery point", () => changeRecoveryPoint(h.db, { vaultId, itemId, recoveryPoint: "latest-app-consistent" }, h.env())],
      ["Commit", () => commit(h.db, { vaultId, itemId }, h.env())],
      [
        "Re-protect to on-premises",
        () =>
          reprotectToOnPremises(
            h.db,
            { vaultId, itemId, ...failback, masterTargetId: "mt-cs-01", datastoreId: "ds-prod-01", retentionVolumeId: "rv-cs-01-r" },
            h.env(),
          ),
      ],
      ["Unplanned failover", () => unplannedFailoverToOnPremises(h.db, { vaultId, itemId, recoveryPoint: "latest" }, h.env())],
      ["Commit after failback", () => commit(h.db, { vaultId, itemId }, h.env())],
      ["Re-protect to Azure", () => reprotectToAzure(h.db, { vaultId, itemId, processServerId: "ps-cs-01" }, h.env())],
      ["Disable replication", () => disableReplication(h.db, { vaultId, itemId }, h.env())],
    ];
    const stages: (number | null)[] = [];
    for (const [what, verb] of steps) {
      h.touch();
      const { jobId } = h.act(what, verb);
      expect(h.finish(jobId).status, what).toBe("succeeded");
      stages.push(stageOf(h.item(itemId)));
      // Some replication between the stages.
      for (let i = 0; i < 3; i++) {
        h.clock.advance(20 * MIN);
        h.engine.tick();
      }
    }
    expect(stages).toEqual([null, 1, 2, 2, 3, 4, 5, 6, 1, null]);
    expect(h.item(itemId).state).toBe("replication-disabled");
    expect(h.noUnfinishedJobs()).toBe(0);
    expect(h.ticks()).toBeGreaterThan(60);
  });

  it("hold through recovery plans: failback of a replication group, a manual action, test failover and cleanup", () => {
    const h = watched();
    const planId = "rp-sql";
    const run = (what: string, verb: () => { jobId: string }) => {
      h.touch();
      const { jobId } = h.act(what, verb);
      expect(h.finish(jobId).status, what).toBe("succeeded");
    };
    run("Plan re-protect to on-premises", () =>
      planReprotect(h.db, { vaultId, planId, direction: "to-on-premises", ...failback }, h.env()),
    );
    run("Plan failback", () => runPlanFailover(h.db, { vaultId, planId, direction: "to-on-premises", recoveryPoint: "latest" }, h.env()));
    run("Plan commit", () => planCommit(h.db, { vaultId, planId, direction: "to-on-premises" }, h.env()));
    run("Plan re-protect to Azure", () =>
      planReprotect(h.db, { vaultId, planId, direction: "to-azure", processServerId: "ps-cs-01" }, h.env()),
    );
    for (const id of ["sql-cl-01", "sql-cl-02"]) expect(stageOf(h.item(id))).toBe(1);

    const { planId: ordered } = h.act("Create plan", () =>
      createRecoveryPlan(
        h.db,
        {
          vaultId,
          name: "rp-invariants",
          source: "cs-01",
          target: "Microsoft Azure",
          groups: [
            { itemIds: ["web-01"] },
            { itemIds: ["hr-01"], actions: [{ phase: "pre", kind: "manual", name: "Switch the load balancer", details: "" }] },
          ],
        },
        h.env(),
      ),
    );
    run("Plan test failover", () => planTestFailover(h.db, { vaultId, planId: ordered, networkId: "vnet-isolated" }, h.env()));
    run("Plan cleanup", () => planCleanupTestFailover(h.db, { vaultId, planId: ordered }, h.env()));
    run("Plan failover", () => runPlanFailover(h.db, { vaultId, planId: ordered, direction: "to-azure" }, h.env()));
    expect(["web-01", "hr-01"].map((id) => stageOf(h.item(id)))).toEqual([2, 2]);
    expect(h.noUnfinishedJobs()).toBe(0);
  });

  it("hold when jobs fail, are restarted and are cancelled, alone and inside a plan", () => {
    const h = watched();
    // A plan whose item jobs fail: the plan fails, the items are restored.
    const failing = h.act("Plan re-protect", () =>
      planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env()),
    );
    h.untilWaitingForItems(failing.jobId);
    h.act("VPN down", () => h.fault("vpn-down"));
    const failed = h.finish(failing.jobId);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toBeTruthy();
    // The fault is fixed; the item jobs are restarted one by one, then the plan job.
    h.act("VPN up", () => clearFault(h.db, { vaultId, fault: "vpn-down", targetId: "*" }));
    const itemJobs = Object.values((h.job(failing.jobId).input as { itemJobs: Record<string, string> }).itemJobs);
    for (const id of itemJobs) {
      h.touch();
      h.act("Restart item job", () => restartJob(h.db, { vaultId, jobId: id, now: new Date(h.clock.now()) }));
      expect(h.finish(id).status).toBe("succeeded");
    }
    h.act("Restart plan job", () => restartJob(h.db, { vaultId, jobId: failing.jobId, now: new Date(h.clock.now()) }));
    expect(h.finish(failing.jobId).status).toBe("succeeded");

    // A running failover cancelled half way, then run again.
    h.touch();
    const fo = h.act("Failover", () => failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" }, h.env()));
    h.engine.tick();
    h.clock.advance(MIN);
    h.engine.tick();
    expect(h.job(fo.jobId).status).toBe("in-progress");
    h.act("Cancel", () => cancelJob(h.db, { vaultId, jobId: fo.jobId, now: new Date(h.clock.now()) }));
    expect(h.item("web-01")).toMatchObject({ state: "protected", currentJobId: null });

    // A plan job cancelled while it waits for its item jobs.
    h.touch();
    const plan = h.act("Plan failback", () => runPlanFailover(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises" }, h.env()));
    h.untilWaitingForItems(plan.jobId);
    h.act("Cancel plan", () => cancelJob(h.db, { vaultId, jobId: plan.jobId, now: new Date(h.clock.now()) }));
    for (let i = 0; i < 5; i++) {
      h.clock.advance(5 * MIN);
      h.engine.tick();
    }
    expect(h.noUnfinishedJobs()).toBe(0);
  });
});
