/**
 * The invariants of a portal database: what holds in every committed state, whatever happened
 * before (a crash between two steps, a restart, a restore from a backup). `checkInvariants`
 * reads (one read transaction, so a running portal cannot move things between two checks) and
 * answers every violation; an empty list means the database is healthy.
 *
 * Used by `npm run check-invariants`, `npm run db:backup`, the crash test and the engine round
 * trip that checks after every tick. See README.md next to this file for each rule and why.
 */
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DB, DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { JobStatus } from "@/db/schema";
import { FINAL_JOB_STATUSES } from "@/server/jobs/engine";
import { REPLICATING_STATES } from "../replication/simulate";
import { IN_PROGRESS_STATES, STATE_LABEL } from "../replicated-item/state";

export const INVARIANTS = [
  "item-in-progress-without-job",
  "item-lock-not-active",
  "item-two-active-jobs",
  "item-job-without-lock",
  "azure-vm-after-failback-commit",
  "recovery-point-outside-retention",
  "job-step-order",
  "job-step-ordinals",
  "job-status-steps",
  "plan-lock",
] as const;
export type InvariantKey = (typeof INVARIANTS)[number];

/** One line of the report each, in the portal's words. */
export const INVARIANT_TITLE: Record<InvariantKey, string> = {
  "item-in-progress-without-job": "An item is in an in-progress state but no active job holds it",
  "item-lock-not-active": "An item's current job is missing, finished, or belongs to something else",
  "item-two-active-jobs": "Two active jobs operate on one item",
  "item-job-without-lock": "An active item job does not hold its item",
  "azure-vm-after-failback-commit": "An Azure VM is left (not deleted) after the failback was committed",
  "recovery-point-outside-retention": "A recovery point is older than its policy's retention window",
  "job-step-order": "A job has a step running or done after an unfinished one",
  "job-step-ordinals": "A job's step numbers are not 1..N",
  "job-status-steps": "A job's status does not match its steps",
  "plan-lock": "A recovery plan's current job and its plan jobs disagree",
};

export type Violation = {
  invariant: InvariantKey;
  vaultId: string;
  /** What is wrong, e.g. "item sql-cl-01", "job 3f2a… (Recovery plan failover)". */
  subject: string;
  message: string;
};

export type InvariantOptions = {
  /** Only this vault (default: every vault). */
  vaultId?: string;
  /**
   * Simulated time a recovery point may outlive its retention window. The replication simulation
   * prunes once per tick and only items that were replicating at that tick; an item that returns
   * to a replicating state from a job (a test failover, a failed failover that restored it) is
   * pruned at the next tick. Default: one simulated hour, far above a tick and such a job.
   */
  retentionSlackMs?: number;
};

export const DEFAULT_RETENTION_SLACK_MS = 60 * 60_000;
/** The retention the replication simulation applies to an item without a policy (the failback policy's 24 h). */
const DEFAULT_RETENTION_HOURS = 24;
const HOUR_MS = 60 * 60_000;

/** A job that has not ended: it may still hold its item or plan (waiting for input included). */
export function isUnfinished(status: JobStatus): boolean {
  return !FINAL_JOB_STATUSES.includes(status);
}

type JobLite = {
  id: string;
  vaultId: string;
  type: string;
  name: string;
  targetType: string;
  targetId: string;
  status: JobStatus;
  error: s.JobError | null;
  stepDueAt: number | null;
};

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
const jobLabel = (j: Pick<JobLite, "id" | "name">) => `job ${short(j.id)} (${j.name})`;

export function checkInvariants(db: DbOrTx, options: InvariantOptions = {}): Violation[] {
  // One read transaction: every check sees the same committed state, without taking the write lock.
  return (db as DB).transaction((tx) => collect(tx, options), { behavior: "deferred" });
}

function collect(tx: Tx, options: InvariantOptions): Violation[] {
  const out: Violation[] = [];
  const inVault = <T extends { vaultId: string }>(rows: T[]) =>
    options.vaultId ? rows.filter((r) => r.vaultId === options.vaultId) : rows;

  const jobs: JobLite[] = inVault(
    tx
      .select({
        id: s.jobs.id,
        vaultId: s.jobs.vaultId,
        type: s.jobs.type,
        name: s.jobs.name,
        targetType: s.jobs.targetType,
        targetId: s.jobs.targetId,
        status: s.jobs.status,
        error: s.jobs.error,
        stepDueAt: s.jobs.stepDueAt,
      })
      .from(s.jobs)
      .all(),
  );
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const items = inVault(
    tx
      .select({
        id: s.replicatedItems.id,
        vaultId: s.replicatedItems.vaultId,
        name: s.replicatedItems.name,
        state: s.replicatedItems.state,
        activeLocation: s.replicatedItems.activeLocation,
        replicationDirection: s.replicatedItems.replicationDirection,
        currentJobId: s.replicatedItems.currentJobId,
      })
      .from(s.replicatedItems)
      .all(),
  );

  checkItemLocks(items, jobs, jobById, out);
  checkCommittedFailback(tx, items, out);
  checkRetention(tx, options, out);
  checkJobSteps(tx, jobs, out);
  checkPlanLocks(tx, options, jobs, jobById, out);
  return out;
}

type ItemLite = {
  id: string;
  vaultId: string;
  name: string;
  state: s.ItemState;
  activeLocation: s.ActiveLocation;
  replicationDirection: s.ReplicationDirection;
  currentJobId: string | null;
};

function checkItemLocks(items: ItemLite[], jobs: JobLite[], jobById: Map<string, JobLite>, out: Violation[]): void {
  const itemById = new Map(items.map((i) => [i.id, i]));
  for (const item of items) {
    const subject = `item ${item.name}`;
    const lock = item.currentJobId ? jobById.get(item.currentJobId) : undefined;
    const lockActive = !!lock && isUnfinished(lock.status) && lock.targetType === "replicated-item" && lock.targetId === item.id;
    // Initial replication without a job (driven by the replication simulation) is the one in-progress state that needs none.
    const needsJob = IN_PROGRESS_STATES.has(item.state) && !(item.state === "enabling-protection" && !item.currentJobId);
    if (needsJob && !lockActive) {
      out.push({
        invariant: "item-in-progress-without-job",
        vaultId: item.vaultId,
        subject,
        message: `${item.name} is "${STATE_LABEL[item.state]}" but ${
          item.currentJobId ? `its job ${short(item.currentJobId)} is ${lock ? lock.status : "missing"}` : "no job holds it"
        }; nothing will ever move it on.`,
      });
    }
    if (item.currentJobId) {
      let why: string | null = null;
      if (!lock) why = `points to job ${short(item.currentJobId)}, which does not exist`;
      else if (lock.targetType !== "replicated-item" || lock.targetId !== item.id)
        why = `points to ${jobLabel(lock)}, which operates on ${lock.targetType} ${lock.targetId}`;
      else if (!isUnfinished(lock.status)) why = `points to ${jobLabel(lock)}, which is ${lock.status}`;
      else if (!IN_PROGRESS_STATES.has(item.state))
        why = `is held by ${jobLabel(lock)} but its state "${STATE_LABEL[item.state]}" is not an in-progress state`;
      if (why) out.push({ invariant: "item-lock-not-active", vaultId: item.vaultId, subject, message: `${item.name} ${why}.` });
    }
  }

  const activeByItem = new Map<string, JobLite[]>();
  for (const j of jobs) {
    if (j.targetType !== "replicated-item" || !isUnfinished(j.status)) continue;
    activeByItem.set(j.targetId, [...(activeByItem.get(j.targetId) ?? []), j]);
  }
  for (const [itemId, active] of activeByItem) {
    const item = itemById.get(itemId);
    const name = item?.name ?? itemId;
    if (active.length > 1) {
      out.push({
        invariant: "item-two-active-jobs",
        vaultId: active[0]!.vaultId,
        subject: `item ${name}`,
        message: `${active.length} active jobs operate on ${name}: ${active.map((j) => `${jobLabel(j)} ${j.status}`).join(", ")}.`,
      });
    }
    for (const j of active) {
      if (item?.currentJobId === j.id) continue;
      out.push({
        invariant: "item-job-without-lock",
        vaultId: j.vaultId,
        subject: jobLabel(j),
        message: item
          ? `${jobLabel(j)} is ${j.status} on ${name}, but the item is held by ${item.currentJobId ? `job ${short(item.currentJobId)}` : "no job"}.`
          : `${jobLabel(j)} is ${j.status} on item ${itemId}, which does not exist.`,
      });
    }
  }
}

/** After the commit of a failback (stage 6, and while re-protecting from it) the Azure VM is deleted. */
function checkCommittedFailback(tx: Tx, items: ItemLite[], out: Violation[]): void {
  const committed = items.filter(
    (i) =>
      (i.state === "failover-committed" || i.state === "reprotecting") &&
      i.activeLocation === "on-premises" &&
      i.replicationDirection === "to-on-premises",
  );
  if (!committed.length) return;
  const byId = new Map(committed.map((i) => [i.id, i]));
  const vms = tx
    .select({ id: s.azureVms.id, name: s.azureVms.name, itemId: s.azureVms.replicatedItemId, powerState: s.azureVms.powerState })
    .from(s.azureVms)
    .where(
      and(
        inArray(
          s.azureVms.replicatedItemId,
          committed.map((i) => i.id),
        ),
        eq(s.azureVms.deleted, false),
      ),
    )
    .all();
  for (const vm of vms) {
    const item = byId.get(vm.itemId)!;
    out.push({
      invariant: "azure-vm-after-failback-commit",
      vaultId: item.vaultId,
      subject: `item ${item.name}`,
      message: `The failback of ${item.name} was committed, but its Azure VM ${vm.name} (${vm.id}, ${vm.powerState}) was not deleted.`,
    });
  }
}

/**
 * Mirrors the replication simulation's pruning: at its last tick (simulation_settings.
 * replication_simulated_at) every item replicating then kept only points newer than the policy's
 * retention, and always its newest point. Points of the other direction are left to the next
 * tick (a reprotect turns the direction; the old points are no longer offered).
 */
function checkRetention(tx: Tx, options: InvariantOptions, out: Violation[]): void {
  const slack = options.retentionSlackMs ?? DEFAULT_RETENTION_SLACK_MS;
  const retentionMs = sql<number>`coalesce(${s.replicationPolicies.retentionHours}, ${DEFAULT_RETENTION_HOURS}) * ${HOUR_MS}`;
  const limit = sql`min(${s.simulationSettings.replicationSimulatedAt} - ${retentionMs} - ${slack}, ${s.replicatedItems.lastRecoveryPointAt})`;
  const rows = tx
    .select({
      vaultId: s.replicatedItems.vaultId,
      name: s.replicatedItems.name,
      retentionHours: sql<number>`coalesce(${s.replicationPolicies.retentionHours}, ${DEFAULT_RETENTION_HOURS})`,
      simulatedAt: s.simulationSettings.replicationSimulatedAt,
      count: sql<number>`count(*)`,
      oldest: sql<number>`min(${s.recoveryPoints.at})`,
    })
    .from(s.recoveryPoints)
    .innerJoin(s.replicatedItems, eq(s.replicatedItems.id, s.recoveryPoints.replicatedItemId))
    .innerJoin(s.simulationSettings, eq(s.simulationSettings.vaultId, s.replicatedItems.vaultId))
    .leftJoin(s.replicationPolicies, eq(s.replicationPolicies.id, s.replicatedItems.policyId))
    .where(
      and(
        options.vaultId ? eq(s.replicatedItems.vaultId, options.vaultId) : undefined,
        inArray(s.replicatedItems.state, [...REPLICATING_STATES]),
        eq(s.recoveryPoints.direction, s.replicatedItems.replicationDirection),
        isNotNull(s.simulationSettings.replicationSimulatedAt),
        isNotNull(s.replicatedItems.lastRecoveryPointAt),
        sql`${s.recoveryPoints.at} < ${limit}`,
      ),
    )
    .groupBy(s.replicatedItems.id)
    .orderBy(asc(s.replicatedItems.name))
    .all();
  for (const r of rows) {
    const ageHours = r.simulatedAt != null ? ((r.simulatedAt - r.oldest) / HOUR_MS).toFixed(1) : "?";
    out.push({
      invariant: "recovery-point-outside-retention",
      vaultId: r.vaultId,
      subject: `item ${r.name}`,
      message: `${r.name} keeps ${r.count} recovery point${r.count === 1 ? "" : "s"} older than its ${r.retentionHours} h retention (the oldest is ${ageHours} h old at the last replication tick).`,
    });
  }
}

/** Step statuses after the first unfinished step: only these (cancel marks not-started steps cancelled). */
const AFTER_UNFINISHED: ReadonlySet<JobStatus> = new Set<JobStatus>(["not-started", "cancelled"]);

function checkJobSteps(tx: Tx, jobs: JobLite[], out: Violation[]): void {
  const steps = tx
    .select({ jobId: s.jobSteps.jobId, ordinal: s.jobSteps.ordinal, status: s.jobSteps.status, name: s.jobSteps.name })
    .from(s.jobSteps)
    .orderBy(asc(s.jobSteps.jobId), asc(s.jobSteps.ordinal))
    .all();
  const byJob = new Map<string, typeof steps>();
  for (const st of steps) {
    const list = byJob.get(st.jobId);
    if (list) list.push(st);
    else byJob.set(st.jobId, [st]);
  }
  for (const job of jobs) {
    const list = byJob.get(job.id) ?? [];
    const push = (invariant: InvariantKey, message: string) =>
      out.push({ invariant, vaultId: job.vaultId, subject: jobLabel(job), message });

    const ordinals = list.map((x) => x.ordinal);
    if (ordinals.some((o, i) => o !== i + 1)) push("job-step-ordinals", `${jobLabel(job)} has steps numbered ${ordinals.join(", ")}.`);

    const firstUnfinished = list.findIndex((x) => x.status !== "succeeded");
    if (firstUnfinished >= 0) {
      const wrong = list.slice(firstUnfinished + 1).filter((x) => !AFTER_UNFINISHED.has(x.status));
      if (wrong.length) {
        const at = list[firstUnfinished]!;
        push(
          "job-step-order",
          `${jobLabel(job)}: step ${at.ordinal} "${at.name}" is ${at.status}, yet ${wrong.map((w) => `step ${w.ordinal} is ${w.status}`).join(", ")}.`,
        );
      }
    }

    const count = (st: JobStatus) => list.filter((x) => x.status === st).length;
    const problems: string[] = [];
    switch (job.status) {
      case "not-started":
        if (list.some((x) => x.status !== "not-started")) problems.push("it has not started but some of its steps have");
        break;
      case "in-progress":
        if (count("in-progress") !== 1) problems.push(`it is in progress with ${count("in-progress")} running steps (one expected)`);
        if (job.stepDueAt == null) problems.push("it is in progress but no step is due (nothing would move it on)");
        if (count("waiting-for-input")) problems.push("a step waits for input while the job runs");
        break;
      case "waiting-for-input":
        if (count("waiting-for-input") !== 1)
          problems.push(`it waits for input with ${count("waiting-for-input")} waiting steps (one expected)`);
        if (count("in-progress")) problems.push("a step runs while the job waits for input");
        break;
      case "succeeded":
        if (list.some((x) => x.status !== "succeeded"))
          problems.push(
            `it succeeded but ${list
              .filter((x) => x.status !== "succeeded")
              .map((x) => `step ${x.ordinal} is ${x.status}`)
              .join(", ")}`,
          );
        break;
      case "failed":
        if (!job.error?.message) problems.push("it failed without a reason (no error message)");
        if (count("in-progress") || count("waiting-for-input")) problems.push("it failed but a step is still running or waiting");
        break;
      case "cancelled":
        if (list.some((x) => x.status === "in-progress" || x.status === "waiting-for-input" || x.status === "not-started"))
          problems.push("it was cancelled but a step is still pending, running or waiting");
        break;
    }
    if (!isUnfinished(job.status) && job.stepDueAt != null) problems.push(`it is ${job.status} but still has a step due`);
    if (problems.length) push("job-status-steps", `${jobLabel(job)} (${job.status}): ${problems.join("; ")}.`);
  }
}

/** recovery_plans.current_job_id is the plan's one unfinished plan job, and the other way round. */
function checkPlanLocks(tx: Tx, options: InvariantOptions, jobs: JobLite[], jobById: Map<string, JobLite>, out: Violation[]): void {
  const plans = tx
    .select({
      id: s.recoveryPlans.id,
      vaultId: s.recoveryPlans.vaultId,
      name: s.recoveryPlans.name,
      currentJobId: s.recoveryPlans.currentJobId,
    })
    .from(s.recoveryPlans)
    .where(options.vaultId ? eq(s.recoveryPlans.vaultId, options.vaultId) : undefined)
    .all();
  const planById = new Map(plans.map((p) => [p.id, p]));
  for (const plan of plans) {
    if (!plan.currentJobId) continue;
    const job = jobById.get(plan.currentJobId);
    let why: string | null = null;
    if (!job) why = `its current job ${short(plan.currentJobId)} does not exist`;
    else if (job.targetType !== "recovery-plan" || job.targetId !== plan.id)
      why = `its current job is ${jobLabel(job)}, which operates on ${job.targetType} ${job.targetId}`;
    else if (!isUnfinished(job.status)) why = `its current job is ${jobLabel(job)}, which is ${job.status} (the plan stays locked)`;
    if (why)
      out.push({ invariant: "plan-lock", vaultId: plan.vaultId, subject: `recovery plan ${plan.name}`, message: `${plan.name}: ${why}.` });
  }
  for (const job of jobs) {
    if (job.targetType !== "recovery-plan" || !isUnfinished(job.status)) continue;
    const plan = planById.get(job.targetId);
    if (plan?.currentJobId === job.id) continue;
    out.push({
      invariant: "plan-lock",
      vaultId: job.vaultId,
      subject: jobLabel(job),
      message: plan
        ? `${jobLabel(job)} is ${job.status} on ${plan.name}, but the plan's current job is ${plan.currentJobId ? short(plan.currentJobId) : "none"}.`
        : `${jobLabel(job)} is ${job.status} on recovery plan ${job.targetId}, which does not exist.`,
    });
  }
}

/** The report `npm run check-invariants` prints: one line per violation, grouped by invariant. */
export function formatViolations(violations: Violation[]): string {
  const lines: string[] = [];
  for (const key of INVARIANTS) {
    const mine = violations.filter((v) => v.invariant === key);
    if (!mine.length) continue;
    lines.push(`${INVARIANT_TITLE[key]} [${key}]: ${mine.length}`);
    for (const v of mine) lines.push(`  - ${v.vaultId}: ${v.message}`);
  }
  return lines.join("\n");
}
