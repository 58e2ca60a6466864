/**
 * What a user may do to a job: cancel, restart (a failed job, from the failed step) and resume
 * (a job waiting for a manual action). Each is one synchronous transaction whose updates name
 * the status they expect, so a concurrent change turns into Conflict instead of a lost update.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { jobs, jobSteps, type JobStatus } from "@/db/schema";
import { DomainError, notFound } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { dbClock } from "./clock";
import { continueAfter, loadSteps, startStep, transaction } from "./engine";
import { getJobDefinition } from "./registry";
import type { JobRow } from "./types";
import { STATUS_LABEL } from "./status";

export { STATUS_LABEL };

export type JobOperationInput = { vaultId: string; jobId: string; now?: Date };
export type JobOperationResult = { jobId: string; status: JobStatus };

export const CANCELLABLE: readonly JobStatus[] = ["not-started", "in-progress", "waiting-for-input"];
export const RESTARTABLE: readonly JobStatus[] = ["failed"];
export const RESUMABLE: readonly JobStatus[] = ["waiting-for-input"];

function loadJob(tx: Tx, vaultId: string, jobId: string): JobRow {
  const job = tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
  // A job of another vault is reported exactly like a missing one.
  if (!job || job.vaultId !== vaultId) throw notFound("Job", jobId);
  return job;
}

function conflict(job: JobRow): DomainError {
  return new DomainError("Conflict", {
    code: CODES.jobChanged,
    message: `The job '${job.name}' changed while the request was being processed.`,
    possibleCauses: "Someone else (or the job engine) updated the job at the same moment.",
    recommendedAction: "Refresh the job and try again if the action is still needed.",
  });
}

function nowFor(tx: Tx, input: JobOperationInput): number {
  return input.now ? input.now.getTime() : dbClock(tx).now(input.vaultId);
}

/** Guarded status change: 0 rows means someone else moved the job first. */
function moveJob(tx: Tx, job: JobRow, set: Partial<typeof jobs.$inferInsert>): void {
  const res = tx
    .update(jobs)
    .set(set)
    .where(and(eq(jobs.id, job.id), eq(jobs.status, job.status)))
    .run();
  if (res.changes !== 1) throw conflict(job);
}

/** Why a job operation is refused when the job's status is not among the allowed ones. */
type Refusal = { code: string; verb: string; possibleCauses: string; recommendedAction: (job: JobRow) => string };

/** The shape every job operation shares: one transaction that loads the job, refuses a status it does not allow, then runs `fn`. */
function onJob<T>(
  db: DbOrTx,
  input: JobOperationInput,
  allowed: readonly JobStatus[],
  refusal: Refusal,
  fn: (tx: Tx, job: JobRow) => T,
): T {
  return transaction(db, (tx) => {
    const job = loadJob(tx, input.vaultId, input.jobId);
    if (!allowed.includes(job.status)) {
      throw new DomainError("NotAllowed", {
        code: refusal.code,
        message: `The job '${job.name}' cannot be ${refusal.verb}: its status is ${STATUS_LABEL[job.status]}.`,
        possibleCauses: refusal.possibleCauses,
        recommendedAction: refusal.recommendedAction(job),
      });
    }
    return fn(tx, job);
  });
}

const CANCEL_REFUSAL: Refusal = {
  code: CODES.jobNotCancellable,
  verb: "cancelled",
  possibleCauses: "Only a job that is not started, in progress or waiting for input can be cancelled.",
  recommendedAction: (job) => (job.status === "failed" ? "Restart the job, or run the operation again." : "No action is needed."),
};
const RESTART_REFUSAL: Refusal = {
  code: CODES.jobNotRestartable,
  verb: "restarted",
  possibleCauses: "Only a failed job can be restarted.",
  recommendedAction: () => "No action is needed.",
};
const RESUME_REFUSAL: Refusal = {
  code: CODES.jobNotResumable,
  verb: "resumed",
  possibleCauses: "Only a job that waits for a manual action can be resumed.",
  recommendedAction: () => "No action is needed.",
};

export function cancelJob(db: DbOrTx, input: JobOperationInput): JobOperationResult {
  return onJob(db, input, CANCELLABLE, CANCEL_REFUSAL, (tx, job) => {
    const now = nowFor(tx, input);
    const when = new Date(now);
    moveJob(tx, job, { status: "cancelled", endedAt: when, stepDueAt: null, cancelRequested: true, startedAt: job.startedAt ?? when });
    for (const step of loadSteps(tx, job.id)) {
      if (!CANCELLABLE.includes(step.status)) continue;
      const progress = step.status === "in-progress" ? elapsedPercent(step.startedAt, step.durationSeconds, now) : step.progress;
      tx.update(jobSteps)
        .set({ status: "cancelled", endedAt: step.startedAt ? when : null, progress })
        .where(and(eq(jobSteps.id, step.id), inArray(jobSteps.status, [...CANCELLABLE])))
        .run();
    }
    getJobDefinition(job.type)?.onCancelled?.({ tx, job: { ...job, status: "cancelled", endedAt: when, stepDueAt: null }, now: when });
    return { jobId: job.id, status: "cancelled" as const };
  });
}

export function restartJob(db: DbOrTx, input: JobOperationInput): JobOperationResult {
  return onJob(db, input, RESTARTABLE, RESTART_REFUSAL, (tx, job) => {
    const def = getJobDefinition(job.type);
    if (!def) {
      throw new DomainError("NotAllowed", {
        code: CODES.jobTypeUnknown,
        message: `The job '${job.name}' cannot be restarted: the portal does not know how to run jobs of type '${job.type}'.`,
        possibleCauses: "The job was created by a different version of the portal.",
        recommendedAction: "Run the operation again to create a new job.",
      });
    }
    const now = nowFor(tx, input);
    const when = new Date(now);
    // The hook runs first so a refusal changes nothing (the transaction rolls back).
    def.onRestart?.({ tx, job, now: when });
    moveJob(tx, job, { status: "in-progress", error: null, endedAt: null, startedAt: job.startedAt ?? when });
    const steps = loadSteps(tx, job.id);
    const from = steps.find((s) => s.status === "failed") ?? steps.find((s) => s.status !== "succeeded");
    if (from) {
      tx.update(jobSteps).set({ error: null }).where(eq(jobSteps.id, from.id)).run();
      startStep(tx, job.id, from, now);
    } else {
      continueAfter(tx, job.id, steps, steps.at(-1) ?? null, now);
    }
    return { jobId: job.id, status: "in-progress" as const };
  });
}

export function resumeJob(db: DbOrTx, input: JobOperationInput): JobOperationResult {
  return onJob(db, input, RESUMABLE, RESUME_REFUSAL, (tx, job) => {
    const now = nowFor(tx, input);
    const when = new Date(now);
    moveJob(tx, job, { status: "in-progress", stepDueAt: null });
    const steps = loadSteps(tx, job.id);
    const waiting = steps.find((s) => s.status === "waiting-for-input") ?? null;
    if (waiting) {
      tx.update(jobSteps).set({ status: "succeeded", progress: 100, endedAt: when }).where(eq(jobSteps.id, waiting.id)).run();
    }
    continueAfter(tx, job.id, steps, waiting, now);
    const after = tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, job.id)).get();
    return { jobId: job.id, status: after?.status ?? "in-progress" };
  });
}

/** Share of a running step's simulated duration that has elapsed, 0..99 (100 only when it succeeds). */
export function elapsedPercent(startedAt: Date | null, durationSeconds: number, now: number): number {
  if (!startedAt) return 0;
  if (durationSeconds <= 0) return 99;
  const pct = ((now - startedAt.getTime()) / (durationSeconds * 1000)) * 100;
  return Math.max(0, Math.min(99, Math.floor(pct)));
}
