/**
 * The checker finds nothing on a healthy database (the seeded vault, and the same vault with a
 * plan job and an item job in flight), and reports each invariant when the database is corrupted
 * in the way that invariant guards against.
 */
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import { enqueueJob } from "@/server/jobs/engine";
import { failback, harness, MIN, vaultId } from "../tests/harness";
import { failoverToAzure } from "../replicated-item/failover";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { checkInvariants, formatViolations, INVARIANTS, type InvariantKey } from "./check";

const HOUR = 60 * MIN;

class Rollback extends Error {}

/** A seeded vault after some replication, with a plan re-protect (waiting for its item jobs) and a failover in flight. */
function inFlight() {
  const h = harness();
  for (let i = 0; i < 3; i++) {
    h.engine.tick();
    h.clock.advance(5 * MIN);
  }
  const plan = planReprotect(
    h.db,
    {
      vaultId,
      planId: "rp-sql",
      direction: "to-on-premises",
      ...failback,
    },
    h.env(),
  );
  h.touch();
  const failover = failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" }, h.env());
  h.engine.tick();
  h.clock.advance(MIN);
  h.engine.tick();
  return { ...h, planJobId: plan.jobId, failoverJobId: failover.jobId };
}

/** What the checker reports after `corrupt`, which is then rolled back. */
function reportedAfter(h: ReturnType<typeof inFlight>, corrupt: (tx: Tx) => void): InvariantKey[] {
  let keys: InvariantKey[] = [];
  try {
    h.db.transaction((tx) => {
      corrupt(tx);
      keys = [...new Set(checkInvariants(tx).map((v) => v.invariant))].sort();
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return keys;
}

const steps = (tx: Tx, jobId: string) => tx.select().from(s.jobSteps).where(eq(s.jobSteps.jobId, jobId)).orderBy(s.jobSteps.ordinal).all();

// Whole seeded vaults on the real engine: generous timeouts for a busy machine.
/** A Commit job on an item, enqueued without the verb (so without the item's lock). */
function commitJobOn(tx: Parameters<typeof enqueueJob>[0], itemId: string): void {
  enqueueJob(tx, {
    vaultId,
    type: "commit",
    name: "Commit",
    targetType: "replicated-item",
    targetId: itemId,
    targetName: itemId,
    steps: [{ key: "commit", name: "Commit", durationSeconds: 30 }],
    now: new Date(),
  });
}

describe("checkInvariants", { timeout: 60_000 }, () => {
  it("finds nothing on the seeded vault, before and after the engine runs", () => {
    const h = harness();
    expect(checkInvariants(h.db)).toEqual([]);
    for (let i = 0; i < 20; i++) {
      h.engine.tick();
      h.clock.advance(30 * MIN);
    }
    expect(checkInvariants(h.db)).toEqual([]);
  });

  it("finds nothing while a plan job and an item job are in flight", () => {
    const h = inFlight();
    // Waiting for its item jobs, the plan job is in progress (Waiting for input is for manual actions).
    expect(h.job(h.planJobId).status).toBe("in-progress");
    expect(h.job(h.failoverJobId).status).toBe("in-progress");
    expect(h.item("sql-cl-01").state).toBe("reprotecting");
    expect(checkInvariants(h.db)).toEqual([]);
    expect(checkInvariants(h.db, { vaultId: "no-such-vault" })).toEqual([]);
  });

  const CASES: { name: string; expect: InvariantKey[]; corrupt: (tx: Tx, h: ReturnType<typeof inFlight>) => void }[] = [
    {
      name: "an item left in an in-progress state without a job",
      expect: ["item-in-progress-without-job"],
      corrupt: (tx) => tx.update(s.replicatedItems).set({ state: "failover-in-progress" }).where(eq(s.replicatedItems.id, "hr-01")).run(),
    },
    {
      name: "an item whose job failed without releasing it",
      expect: ["item-in-progress-without-job", "item-lock-not-active", "job-status-steps"],
      corrupt: (tx, h) =>
        tx.update(s.jobs).set({ status: "failed", error: null, stepDueAt: null }).where(eq(s.jobs.id, h.failoverJobId)).run(),
    },
    {
      name: "an item held by a job that does not exist",
      expect: ["item-in-progress-without-job", "item-job-without-lock", "item-lock-not-active"],
      corrupt: (tx) => tx.update(s.replicatedItems).set({ currentJobId: "no-such-job" }).where(eq(s.replicatedItems.id, "web-01")).run(),
    },
    {
      name: "a protected item held by a finished job",
      expect: ["item-lock-not-active"],
      corrupt: (tx) =>
        tx.update(s.replicatedItems).set({ currentJobId: "job-enable-hr-01" }).where(eq(s.replicatedItems.id, "hr-01")).run(),
    },
    {
      name: "two active jobs on one item",
      expect: ["item-job-without-lock", "item-two-active-jobs"],
      corrupt: (tx) => commitJobOn(tx, "web-01"),
    },
    {
      name: "an active item job that does not hold its item",
      expect: ["item-job-without-lock"],
      corrupt: (tx) => commitJobOn(tx, "hr-01"),
    },
    {
      name: "an Azure VM left after the failback was committed",
      expect: ["azure-vm-after-failback-commit"],
      corrupt: (tx) => {
        // app-lnx-01 is failed back and committed (stage 6).
        tx.insert(s.azureVms)
          .values({
            replicatedItemId: "app-lnx-01",
            name: "app-lnx-01",
            size: "Standard_D2s_v3",
            cores: 2,
            memoryMb: 8192,
            ip: "10.10.1.51",
            powerState: "stopped",
          })
          .run();
      },
    },
    {
      name: "a recovery point older than the retention window",
      expect: ["recovery-point-outside-retention"],
      corrupt: (tx, h) => {
        const settings = tx.select().from(s.simulationSettings).where(eq(s.simulationSettings.vaultId, vaultId)).get()!;
        expect(settings.replicationSimulatedAt).not.toBeNull();
        expect(h.item("hr-01").state).toBe("protected");
        tx.insert(s.recoveryPoints)
          .values({
            replicatedItemId: "hr-01",
            at: new Date(settings.replicationSimulatedAt! - 26 * HOUR),
            type: "crash-consistent",
            direction: "to-azure",
          })
          .run();
      },
    },
    {
      name: "a step done after a step that is still running",
      expect: ["job-step-order"],
      corrupt: (tx, h) => {
        const last = steps(tx, h.failoverJobId).at(-1)!;
        expect(last.status).toBe("not-started");
        tx.update(s.jobSteps).set({ status: "succeeded", progress: 100 }).where(eq(s.jobSteps.id, last.id)).run();
      },
    },
    {
      name: "a gap in the step numbers",
      expect: ["job-step-ordinals"],
      corrupt: (tx, h) => {
        const last = steps(tx, h.failoverJobId).at(-1)!;
        tx.update(s.jobSteps)
          .set({ ordinal: last.ordinal + 5 })
          .where(eq(s.jobSteps.id, last.id))
          .run();
      },
    },
    {
      name: "a succeeded job with a step that never ran",
      expect: ["job-status-steps"],
      corrupt: (tx) => {
        const last = steps(tx, "job-failover-app-02").at(-1)!;
        tx.update(s.jobSteps).set({ status: "not-started" }).where(eq(s.jobSteps.id, last.id)).run();
      },
    },
    {
      name: "a running job with no running step",
      expect: ["job-status-steps"],
      corrupt: (tx, h) =>
        tx
          .update(s.jobSteps)
          .set({ status: "not-started" })
          .where(and(eq(s.jobSteps.jobId, h.failoverJobId), eq(s.jobSteps.status, "in-progress")))
          .run(),
    },
    {
      name: "a failed job without a reason",
      expect: ["job-status-steps"],
      corrupt: (tx) => tx.update(s.jobs).set({ error: null }).where(eq(s.jobs.id, "job-reprotect-erp-app-01")).run(),
    },
    {
      name: "a plan still locked by its finished job",
      expect: ["plan-lock"],
      corrupt: (tx, h) => {
        tx.update(s.jobs).set({ status: "cancelled", stepDueAt: null }).where(eq(s.jobs.id, h.planJobId)).run();
        tx.update(s.jobSteps)
          .set({ status: "cancelled" })
          .where(and(eq(s.jobSteps.jobId, h.planJobId), sql`${s.jobSteps.status} in ('not-started', 'in-progress', 'waiting-for-input')`))
          .run();
      },
    },
    {
      name: "a plan job running while the plan is not locked",
      expect: ["plan-lock"],
      corrupt: (tx) => tx.update(s.recoveryPlans).set({ currentJobId: null }).where(eq(s.recoveryPlans.id, "rp-sql")).run(),
    },
  ];

  it("covers every invariant with a corruption", () => {
    expect(new Set(CASES.flatMap((c) => c.expect))).toEqual(new Set(INVARIANTS));
  });

  // One database for every case: each corruption is rolled back.
  let shared: ReturnType<typeof inFlight> | undefined;
  it.each(CASES)("reports $name", (c) => {
    const h = (shared ??= inFlight());
    expect(reportedAfter(h, (tx) => c.corrupt(tx, h))).toEqual([...c.expect].sort());
    // Rolled back: healthy again.
    expect(checkInvariants(h.db)).toEqual([]);
  });

  it("prints a readable report, grouped by invariant", () => {
    const h = inFlight();
    let report = "";
    try {
      h.db.transaction((tx) => {
        tx.update(s.replicatedItems).set({ state: "commit-in-progress" }).where(eq(s.replicatedItems.id, "hr-01")).run();
        tx.update(s.recoveryPlans).set({ currentJobId: null }).where(eq(s.recoveryPlans.id, "rp-sql")).run();
        report = formatViolations(checkInvariants(tx));
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    expect(report).toMatch(/^An item is in an in-progress state but no active job holds it \[item-in-progress-without-job\]: 1$/m);
    expect(report).toMatch(/hr-01 is "Commit in progress" but no job holds it/);
    expect(report).toMatch(/\[plan-lock\]: 1\n {2}- contoso-dr-vault: job .* \(Recovery plan reprotect\) is in-progress on rp-sql-cluster/);
  });
});
