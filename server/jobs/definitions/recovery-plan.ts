/**
 * Job "Recovery plan failover" (and commit, reprotect, test failover, cleanup): one job on the
 * plan whose steps go group by group — the group's pre actions (a manual action waits for input
 * until someone resumes the job), then "start": the ITEM verbs enqueue each item's own job
 * (the item rules and item job definitions are reused, never copied), then "wait": the plan
 * waits until those item jobs have finished, then the post actions. The last step releases the
 * plan lock (recovery_plans.current_job_id).
 *
 * Waiting for the item jobs: the plan job stays "In progress" ("Waiting for input" is only for a
 * manual action). The item jobs a plan starts run under a member type
 * (`recovery-plan-member:<type>`) that is the item definition plus a last step, and failure and
 * cancellation hooks, that wake the plan job up; the plan's wait step then re-checks the items
 * (and, should a wake-up ever be missed, every few simulated minutes by itself).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { JobDefinition, JobRow, StepOutcome } from "../types";
import { JOB_TYPES, PLAN_MEMBER_NOTIFY_STEP, PLAN_MEMBER_PREFIX, type RecoveryPlanJobInput, type StepRef } from "@/server/domain/steps";
import { jobByIdQuery, loadSteps, startStep, wakeJob } from "../engine";
import { cancelJob, CANCELLABLE } from "../operations";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { planBusyError, unlockPlan } from "@/server/domain/recovery-plan/common";
import { runItemVerb } from "@/server/domain/recovery-plan/item-dispatch";
import { failoverDefinition } from "./failover";
import { commitDefinition } from "./commit";
import { reprotectDefinition } from "./reprotect";
import { testFailoverDefinition } from "./test-failover";
import { testFailoverCleanupDefinition } from "./test-failover-cleanup";

export const MEMBER_PREFIX = PLAN_MEMBER_PREFIX;
const NOTIFY = PLAN_MEMBER_NOTIFY_STEP;
/** The plan steps that wait for item jobs (a manual action waits for a person instead). */
const WAKEABLE = new Set(["wait-group", "start-group", "finalize"]);

const planInput = (job: JobRow) => job.input as unknown as RecoveryPlanJobInput;

type MemberState = {
  itemId: string;
  name: string;
  jobId: string | undefined;
  status: string | undefined;
  error: string | undefined;
};

function memberStates(tx: DbOrTx, input: RecoveryPlanJobInput, ordinals: (o: number) => boolean): MemberState[] {
  const itemIds = input.groups.filter((g) => ordinals(g.ordinal)).flatMap((g) => g.itemIds);
  if (!itemIds.length) return [];
  const names = new Map(
    tx
      .select({ id: s.replicatedItems.id, name: s.replicatedItems.name })
      .from(s.replicatedItems)
      .where(inArray(s.replicatedItems.id, itemIds))
      .all()
      .map((r) => [r.id, r.name]),
  );
  const jobIds = itemIds.map((i) => input.itemJobs[i]).filter((x): x is string => !!x);
  const rows = jobIds.length
    ? tx.select({ id: s.jobs.id, status: s.jobs.status, error: s.jobs.error }).from(s.jobs).where(inArray(s.jobs.id, jobIds)).all()
    : [];
  return itemIds.map((itemId) => {
    const jobId = input.itemJobs[itemId];
    const row = rows.find((r) => r.id === jobId);
    return {
      itemId,
      name: names.get(itemId) ?? itemId,
      jobId,
      status: row?.status,
      error: row?.error?.message,
    };
  });
}

function unfinishedError(group: number, members: MemberState[]): DomainError {
  const failed = members.filter((m) => m.status !== "succeeded");
  return new DomainError("NotAllowed", {
    code: CODES.recoveryPlanItemFailed,
    message: `Group ${group}: ${failed.map((m) => `the job of ${m.name} ${m.status === "failed" ? `failed${m.error ? ` (${m.error})` : ""}` : m.status ? `is ${m.status}` : "was not started"}`).join("; ")}.`,
    possibleCauses: "An item of the recovery plan could not complete its operation.",
    recommendedAction: "Open the item's job in Jobs, fix the cause and restart it; then restart this recovery plan job.",
  });
}

/** Earlier item jobs: all succeeded ⇒ go on; one failed ⇒ fail the plan; some still running ⇒ wait, in progress (woken up when they end). */
function awaitMembers(members: MemberState[], group: number): StepOutcome {
  if (members.some((m) => !m.jobId || m.status === "failed" || m.status === "cancelled")) throw unfinishedError(group, members);
  const running = members.filter((m) => m.status !== "succeeded");
  if (running.length)
    return {
      waitForJobs: true,
      message: `Waiting for the jobs of ${running.map((m) => m.name).join(", ")} to finish; the plan continues by itself.`,
    };
}

function startGroup(tx: Tx, job: JobRow, ordinal: number, now: Date): StepOutcome {
  const input = planInput(job);
  // Normally done already (the wait step); after a manual Resume of that wait, wait here instead.
  const earlier = awaitMembers(
    memberStates(tx, input, (o) => o < ordinal),
    ordinal - 1,
  );
  if (earlier) return earlier;
  const group = input.groups.find((g) => g.ordinal === ordinal);
  const itemJobs = { ...input.itemJobs };
  for (const itemId of group?.itemIds ?? []) {
    if (itemJobs[itemId]) continue;
    // The item job runs under the member type: the item definition plus a last step that wakes the plan up.
    const { jobId } = runItemVerb(tx, job.vaultId, itemId, input.params, {
      now,
      userId: job.createdBy,
      memberOf: { planJobId: job.id, planId: job.targetId, planName: job.targetName },
    });
    itemJobs[itemId] = jobId;
  }
  tx.update(s.jobs)
    .set({ input: { ...input, itemJobs } })
    .where(eq(s.jobs.id, job.id))
    .run();
}

function waitGroup(tx: Tx, job: JobRow, ordinal: number): StepOutcome {
  return awaitMembers(
    memberStates(tx, planInput(job), (o) => o === ordinal),
    ordinal,
  );
}

/** An item job of the plan ended (or reached its last step): let the plan's waiting step look again. */
function wakePlan(tx: Tx, memberJob: JobRow, now: Date): void {
  const planJobId = (memberJob.input.recoveryPlan as { planJobId?: string } | undefined)?.planJobId;
  if (!planJobId) return;
  const planJob = jobByIdQuery(tx).get({ id: planJobId });
  if (!planJob) return;
  if (planJob.status === "in-progress") {
    wakeJob(tx, planJobId, now.getTime(), WAKEABLE);
    return;
  }
  // A plan job persisted by an earlier version waits for its items in "Waiting for input".
  if (planJob.status !== "waiting-for-input") return;
  const waiting = loadSteps(tx, planJobId).find((st) => st.status === "waiting-for-input");
  if (!waiting || !WAKEABLE.has(waiting.key)) return;
  const res = tx
    .update(s.jobs)
    .set({ status: "in-progress" })
    .where(and(eq(s.jobs.id, planJobId), eq(s.jobs.status, "waiting-for-input")))
    .run();
  if (res.changes === 1) startStep(tx, planJobId, waiting, now.getTime());
}

function refOf(job: JobRow, ordinal: number): StepRef {
  return planInput(job).refs[ordinal - 1] ?? { group: 0 };
}

export const recoveryPlanDefinition: JobDefinition = {
  type: JOB_TYPES.recoveryPlan,
  steps: {
    "manual-action": ({ job, step }) => {
      const ref = refOf(job, step.ordinal);
      return {
        waitForInput: true,
        message: `Manual action "${ref.name ?? step.name}"${ref.details ? `: ${ref.details}` : ""} Resume the job when it is done.`,
      };
    },
    "script-action": () => {},
    "start-group": ({ tx, job, step, now }) => startGroup(tx, job, refOf(job, step.ordinal).group, now),
    "wait-group": ({ tx, job, step }) => waitGroup(tx, job, refOf(job, step.ordinal).group),
    finalize: ({ tx, job, now }) => {
      const waiting = awaitMembers(
        memberStates(tx, planInput(job), () => true),
        Math.max(...planInput(job).groups.map((g) => g.ordinal)),
      );
      if (waiting) return waiting;
      unlockPlan(tx, planInput(job).planId, job.id, now);
    },
  },
  onFailed: ({ tx, job, now }) => unlockPlan(tx, planInput(job).planId, job.id, now),
  onCancelled: ({ tx, job, now }) => {
    for (const m of memberStates(tx, planInput(job), () => true)) {
      if (m.jobId && m.status && (CANCELLABLE as readonly string[]).includes(m.status))
        cancelJob(tx, { vaultId: job.vaultId, jobId: m.jobId, now });
    }
    unlockPlan(tx, planInput(job).planId, job.id, now);
  },
  onRestart: ({ tx, job, now }) => {
    const input = planInput(job);
    const plan = tx.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, input.planId)).get();
    if (!plan) return;
    if (plan.currentJobId === job.id) return;
    if (plan.currentJobId) throw planBusyError(plan);
    tx.update(s.recoveryPlans).set({ currentJobId: job.id, updatedAt: now }).where(eq(s.recoveryPlans.id, plan.id)).run();
  },
};

function memberDefinition(inner: JobDefinition): JobDefinition {
  return {
    type: `${MEMBER_PREFIX}${inner.type}`,
    steps: {
      ...inner.steps,
      [NOTIFY]: ({ tx, job, now }) => wakePlan(tx, job, now),
    },
    onFailed: (ctx) => {
      inner.onFailed?.(ctx);
      wakePlan(ctx.tx, ctx.job, ctx.now);
    },
    onCancelled: (ctx) => {
      inner.onCancelled?.(ctx);
      wakePlan(ctx.tx, ctx.job, ctx.now);
    },
    onRestart: inner.onRestart,
  };
}

/** The item definitions a plan's item jobs run under, each extended by the wake-up step. */
export const recoveryPlanMemberDefinitions: JobDefinition[] = [
  failoverDefinition,
  commitDefinition,
  reprotectDefinition,
  testFailoverDefinition,
  testFailoverCleanupDefinition,
].map(memberDefinition);
