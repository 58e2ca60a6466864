/**
 * The contract between the job engine (server/jobs/engine.ts) and the job definitions
 * (server/jobs/definitions/*.ts) that the domain verbs enqueue.
 *
 * A job is a persisted, ordered list of steps. Each step takes a simulated duration; when it is
 * due the engine calls the definition's handler for that step inside one SQLite transaction and
 * marks the step succeeded (or failed, if the handler throws a DomainError). Handlers must be
 * idempotent: after a crash the engine re-runs the step whose completion was not committed.
 */
import type { Tx } from "@/db/client";
import type { jobs, jobSteps, JobError } from "@/db/schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobStepRow = typeof jobSteps.$inferSelect;

export type StepSpec = {
  key: string;
  name: string;
  /** Simulated seconds the step takes. */
  durationSeconds: number;
};

export type JobSpec = {
  vaultId: string;
  type: string;
  name: string;
  targetType: JobRow["targetType"];
  targetId: string;
  targetName: string;
  input?: Record<string, unknown>;
  steps: StepSpec[];
  createdBy?: string | null;
  /** Simulated creation time; defaults to the vault's simulated now (server/jobs/clock.ts). */
  now?: Date;
  /** Job id; a random UUID unless given (the verb may need it before enqueueing, e.g. for item.currentJobId). */
  id?: string;
};

export type StepContext = {
  tx: Tx;
  job: JobRow;
  step: JobStepRow;
  /** Simulated time now: the moment the step completes (its due time), so a clock jump replays steps in order. */
  now: Date;
};

/**
 * What a step handler may ask for instead of completing: pause for a manual action (the job is
 * "Waiting for input" until someone resumes it), or wait for other jobs (the job stays "In
 * progress"; the step runs again when `wakeJob` is called for it, or after `recheckSeconds`).
 */
export type StepOutcome =
  void | { waitForInput: true; message?: string } | { waitForJobs: true; message?: string; recheckSeconds?: number };

export type JobDefinition = {
  type: string;
  /** Runs when the step is due; throw DomainError to fail the job at this step. */
  steps: Record<string, (ctx: StepContext) => StepOutcome>;
  /** Runs in the same transaction as the job's final failure or cancellation, to release locks and restore state. */
  onFailed?: (ctx: { tx: Tx; job: JobRow; error: JobError; now: Date }) => void;
  onCancelled?: (ctx: { tx: Tx; job: JobRow; now: Date }) => void;
  /** Runs when a failed job is restarted, before its failed step runs again; may throw DomainError to refuse. */
  onRestart?: (ctx: { tx: Tx; job: JobRow; now: Date }) => void;
};
