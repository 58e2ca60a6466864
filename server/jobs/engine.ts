/**
 * The persisted job engine. Jobs and their ordered steps live in SQLite; the engine only moves
 * them forward on simulated time. Each completed step is all or nothing (handler + step succeeded +
 * next step started, in a savepoint of the vault's one transaction per tick), so after a crash the
 * engine resumes at the first step whose completion was not committed (handlers are idempotent).
 * See server/jobs/README.md.
 */
import { performance } from "node:perf_hooks";
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { preparedQuery, type DB, type DbOrTx, type Tx } from "@/db/client";
import { jobs, jobSteps, vaults, type JobError, type JobStatus } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { logger } from "@/server/lib/logger";
import { dbClock, type Clock } from "./clock";
import { getJobDefinition } from "./registry";
import { publishChanges } from "@/server/changes/feed";
import type { JobDefinition, JobRow, JobSpec, JobStepRow, StepSpec } from "./types";

/** The running portal's job budget per vault and tick (JobEngineOptions.jobBudgetMs). */
export const PORTAL_JOB_BUDGET_MS = 100;

export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["succeeded", "failed", "cancelled"];
export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["not-started", "in-progress"];

/** A failure the engine itself decides (unknown type or step); recorded like a DomainError. */
class EngineFailure extends Error {
  constructor(readonly jobError: JobError) {
    super(jobError.message);
  }
}

/** Thrown inside a step transaction when the job changed under us: roll back, record nothing. */
class StaleJob extends Error {}

export const INTERNAL_STEP_ERROR: JobError = {
  code: CODES.internalError,
  message: "The step failed because of an unexpected error in the portal.",
  possibleCauses: "An internal error occurred while the step ran. The details are in the server log.",
  recommendedAction: "Restart the job. If it fails again, give your administrator the job id.",
};

/** The error a job records for whatever a step threw: a DomainError keeps its texts; anything else is generic. */
export function toJobError(err: unknown): JobError {
  if (err instanceof EngineFailure) return err.jobError;
  if (err instanceof DomainError) {
    return { code: err.code, message: err.message, possibleCauses: err.possibleCauses, recommendedAction: err.recommendedAction };
  }
  return INTERNAL_STEP_ERROR;
}

function unknownTypeError(type: string): JobError {
  return {
    code: CODES.jobTypeUnknown,
    message: `The portal does not know how to run jobs of type '${type}'.`,
    possibleCauses: "The job was created by a different version of the portal, or its definition is not registered.",
    recommendedAction: "Upgrade the portal to a version that knows this job type, then run the operation again.",
  };
}

function unknownStepError(type: string, key: string): JobError {
  return {
    code: CODES.jobStepUnknown,
    message: `The job definition '${type}' has no step '${key}'.`,
    possibleCauses: "The job was created by a different version of the portal.",
    recommendedAction: "Run the operation again to create a new job.",
  };
}

/**
 * Runs `fn` in a transaction: BEGIN IMMEDIATE on the root database (so read-check-write cannot
 * interleave with another connection's writer), a savepoint inside a caller's transaction.
 */
export function transaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  const isRoot = Object.prototype.hasOwnProperty.call(db, "$client");
  return isRoot ? (db as DB).transaction(fn, { behavior: "immediate" }) : (db as DB).transaction(fn);
}

/** A job's steps must have finite, non-negative durations (a definition's bug otherwise, not the user's). */
export function assertStepsValid(type: string, steps: readonly StepSpec[]): void {
  for (const s of steps) {
    if (!Number.isFinite(s.durationSeconds) || s.durationSeconds < 0) {
      throw new Error(`Job '${type}': step '${s.key}' has an invalid duration (${s.durationSeconds}).`);
    }
  }
}

/**
 * Inserts a job (not started) and its steps in the caller's transaction and returns its id.
 * The engine starts it on its next tick.
 */
export function enqueueJob(tx: DbOrTx, spec: JobSpec): string {
  assertStepsValid(spec.type, spec.steps);
  const id = spec.id ?? crypto.randomUUID();
  const createdAt = spec.now ?? new Date(dbClock(tx).now(spec.vaultId));
  const { insertJob, insertStep } = enqueueStatements(tx);
  insertJob.run({
    id,
    vaultId: spec.vaultId,
    type: spec.type,
    name: spec.name,
    targetType: spec.targetType,
    targetId: spec.targetId,
    targetName: spec.targetName,
    input: spec.input ?? {},
    createdBy: spec.createdBy ?? null,
    createdAt,
  });
  spec.steps.forEach((s, i) =>
    insertStep.run({ id: crypto.randomUUID(), jobId: id, ordinal: i + 1, key: s.key, name: s.name, durationSeconds: s.durationSeconds }),
  );
  return id;
}

/** enqueueJob's inserts, prepared once per connection (a recovery plan enqueues 100 jobs in a step). */
const enqueueStatements = preparedQuery((db) => {
  const p = (name: string) => sql.placeholder(name);
  return {
    insertJob: db
      .insert(jobs)
      .values({
        id: p("id"),
        vaultId: p("vaultId"),
        type: p("type"),
        name: p("name"),
        targetType: p("targetType"),
        targetId: p("targetId"),
        targetName: p("targetName"),
        status: "not-started",
        input: p("input"),
        createdBy: p("createdBy"),
        createdAt: p("createdAt"),
      })
      .prepare(),
    // The id is bound too: a column default made by a function would be made once, when prepared.
    insertStep: db
      .insert(jobSteps)
      .values({
        id: p("id"),
        jobId: p("jobId"),
        ordinal: p("ordinal"),
        key: p("key"),
        name: p("name"),
        durationSeconds: p("durationSeconds"),
        status: "not-started",
      })
      .prepare(),
  };
});

/** A job by id (prepared: the engine's hooks and the plans' member jobs read jobs at every step). */
export const jobByIdQuery = preparedQuery((db) =>
  db
    .select()
    .from(jobs)
    .where(eq(jobs.id, sql.placeholder("id")))
    .prepare(),
);
const jobDueQuery = preparedQuery((db) =>
  db
    .select({ status: jobs.status, stepDueAt: jobs.stepDueAt })
    .from(jobs)
    .where(eq(jobs.id, sql.placeholder("id")))
    .prepare(),
);
const stepsQuery = preparedQuery((db) =>
  db
    .select()
    .from(jobSteps)
    .where(eq(jobSteps.jobId, sql.placeholder("id")))
    .orderBy(asc(jobSteps.ordinal))
    .prepare(),
);

export function loadSteps(db: DbOrTx, jobId: string): JobStepRow[] {
  return stepsQuery(db).all({ id: jobId });
}

/** How long a step that waits for other jobs sleeps before it looks again, if nobody wakes it first. */
export const DEFAULT_RECHECK_SECONDS = 300;

/**
 * Makes the running step of an in-progress job due at `at` (if it is due later): a job that
 * waits for other jobs (StepOutcome waitForJobs) is woken up when one of them ends. Guarded:
 * a job that is not in progress is left alone. Answers whether the job was woken.
 */
export function wakeJob(tx: Tx, jobId: string, at: number, stepKeys?: ReadonlySet<string>): boolean {
  const job = jobDueQuery(tx).get({ id: jobId });
  if (!job || job.status !== "in-progress" || job.stepDueAt == null || job.stepDueAt <= at) return false;
  if (stepKeys) {
    const running = loadSteps(tx, jobId).find((s) => s.status === "in-progress");
    if (!running || !stepKeys.has(running.key)) return false;
  }
  const res = tx
    .update(jobs)
    .set({ stepDueAt: at })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "in-progress"), eq(jobs.stepDueAt, job.stepDueAt)))
    .run();
  return res.changes === 1;
}

/** Starts `step` at `at` and makes the job wait for it (jobs.stepDueAt). */
export function startStep(tx: Tx, jobId: string, step: JobStepRow, at: number): number {
  const dueAt = at + Math.round(step.durationSeconds * 1000);
  tx.update(jobSteps)
    .set({ status: "in-progress", startedAt: new Date(at), endedAt: null, progress: 0, error: null, message: null })
    .where(eq(jobSteps.id, step.id))
    .run();
  tx.update(jobs).set({ stepDueAt: dueAt }).where(eq(jobs.id, jobId)).run();
  return dueAt;
}

/** The step to start after `done` (or the first one): the next not-started step, if any. */
function nextStep(steps: JobStepRow[], done: JobStepRow | null): JobStepRow | undefined {
  return steps.find((s) => s.status === "not-started" && (!done || s.ordinal > done.ordinal));
}

/** After `done` finished at `at`: start the next not-started step, or succeed the job. */
export function continueAfter(tx: Tx, jobId: string, steps: JobStepRow[], done: JobStepRow | null, at: number): void {
  const next = nextStep(steps, done);
  if (next) {
    tx.update(jobs).set({ status: "in-progress" }).where(eq(jobs.id, jobId)).run();
    startStep(tx, jobId, next, at);
  } else {
    tx.update(jobs)
      .set({ status: "succeeded", endedAt: new Date(at), stepDueAt: null, error: null })
      .where(eq(jobs.id, jobId))
      .run();
  }
}

/** "advanced": the job moved and may have another step due now; "idle": nothing more to do now. */
type StepResult = "advanced" | "idle";

/** A placeholder in `set()`, bound as the stored value (epoch ms for timestamps). */
const stored = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * The statements of the engine's hot path, prepared once per engine: building and preparing
 * them per job and per step cost more than running them. Placeholders in `where` are not
 * encoded by drizzle, so timestamps there are epoch milliseconds.
 */
function prepareEngineStatements(db: DB) {
  const id = sql.placeholder("id");
  return {
    /** Active jobs with something to do now: not started, or their running step is due. */
    dueJobs: db
      .select({ id: jobs.id, createdAt: jobs.createdAt })
      .from(jobs)
      .where(
        and(
          eq(jobs.vaultId, sql.placeholder("vaultId")),
          inArray(jobs.status, [...ACTIVE_JOB_STATUSES]),
          or(eq(jobs.status, "not-started"), lte(jobs.stepDueAt, sql.placeholder("now"))),
        ),
      )
      .prepare(),
    job: db.select().from(jobs).where(eq(jobs.id, id)).prepare(),
    steps: db.select().from(jobSteps).where(eq(jobSteps.jobId, id)).orderBy(asc(jobSteps.ordinal)).prepare(),
    startJob: db
      .update(jobs)
      .set({ status: "in-progress", startedAt: stored("atMs") })
      .where(and(eq(jobs.id, id), eq(jobs.status, "not-started")))
      .prepare(),
    /** Clears the due time of the step that completes, guarded against a job moved under us. */
    completeJobStep: db
      .update(jobs)
      .set({ stepDueAt: null })
      .where(and(eq(jobs.id, id), eq(jobs.status, "in-progress"), eq(jobs.stepDueAt, sql.placeholder("dueAt"))))
      .prepare(),
    waitForInput: db
      .update(jobs)
      .set({ status: "waiting-for-input", stepDueAt: null })
      .where(and(eq(jobs.id, id), eq(jobs.status, "in-progress"), eq(jobs.stepDueAt, sql.placeholder("dueAt"))))
      .prepare(),
    /** A step that waits for other jobs: due again at nextDueAt, the job still in progress. */
    recheckLater: db
      .update(jobs)
      .set({ stepDueAt: stored("nextDueAt") })
      .where(and(eq(jobs.id, id), eq(jobs.status, "in-progress"), eq(jobs.stepDueAt, sql.placeholder("dueAt"))))
      .prepare(),
    stepMessage: db
      .update(jobSteps)
      .set({ message: stored("message") })
      .where(eq(jobSteps.id, id))
      .prepare(),
    stepWaiting: db
      .update(jobSteps)
      .set({ status: "waiting-for-input", progress: 100, message: stored("message") })
      .where(eq(jobSteps.id, id))
      .prepare(),
    stepSucceeded: db
      .update(jobSteps)
      .set({ status: "succeeded", progress: 100, endedAt: stored("atMs") })
      .where(eq(jobSteps.id, id))
      .prepare(),
    stepStarted: db
      .update(jobSteps)
      .set({ status: "in-progress", startedAt: stored("atMs"), endedAt: null, progress: 0, error: null, message: null })
      .where(eq(jobSteps.id, id))
      .prepare(),
    /** continueAfter's two job writes (in progress, then the started step's due time) in one. */
    jobWaitsForStep: db
      .update(jobs)
      .set({ status: "in-progress", stepDueAt: stored("dueAt") })
      .where(eq(jobs.id, id))
      .prepare(),
    jobSucceeded: db
      .update(jobs)
      .set({ status: "succeeded", endedAt: stored("atMs"), stepDueAt: null, error: null })
      .where(eq(jobs.id, id))
      .prepare(),
  };
}
type EngineStatements = ReturnType<typeof prepareEngineStatements>;

/**
 * Per-vault work the engine runs each tick before the jobs (heartbeats, replication). A hook that
 * answers `true` has more due at this simulated time than it took: the engine runs it again, at the
 * same time, in a continuation after pending I/O (so requests are answered in between).
 */
export type TickHook = (db: DB, vaultId: string, now: Date) => boolean | void;

export type JobEngineOptions = {
  db: DB;
  clock: Clock;
  /** Runs once per vault per tick, each in its own try/catch. */
  hooks?: TickHook[];
  /** Upper bound of steps one job may complete in a tick (a guard against a runaway clock). */
  maxStepsPerJobPerTick?: number;
  /**
   * Time (ms) a tick may spend on one vault's jobs before it leaves the rest for the next tick
   * (default: no limit). The tick is synchronous and shares the server's event loop with the
   * requests: a recovery plan's 100 item jobs at the fastest speed are hundreds of step
   * transactions, which held every request (even the next plan's Failover) for seconds. A tick
   * cut short starts the next one at once (after pending I/O) with the jobs it did not reach.
   */
  jobBudgetMs?: number;
  /** Monotonic milliseconds the budget is measured with (tests pass their own). */
  workClock?: () => number;
};

export class JobEngine {
  private readonly db: DB;
  private readonly clock: Clock;
  private readonly hooks: TickHook[];
  private readonly maxSteps: number;
  private readonly jobBudgetMs: number;
  private readonly workClock: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticking = false;
  private prepared: EngineStatements | null = null;
  /**
   * Per vault, the last job a tick cut short advanced (the next tick starts after it, round robin)
   * and that tick's simulated time, which its continuation keeps: no simulated time passes without
   * the hooks (at 3,600× a second is an hour, and the servers' heartbeats would look lost).
   */
  private readonly resumeAfter = new Map<string, { createdAt: number; id: string; now: number }>();
  /** Per vault, the hooks that answered "more" and the simulated time they run again at. */
  private readonly hooksLeft = new Map<string, { hooks: TickHook[]; now: number }>();

  constructor(opts: JobEngineOptions) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.hooks = opts.hooks ?? [];
    this.maxSteps = opts.maxStepsPerJobPerTick ?? 1000;
    this.jobBudgetMs = opts.jobBudgetMs ?? Number.POSITIVE_INFINITY;
    this.workClock = opts.workClock ?? (() => performance.now());
  }

  /** Prepared on first use (the database may be migrated after the engine is built). */
  private get stmt(): EngineStatements {
    return (this.prepared ??= prepareEngineStatements(this.db));
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /**
   * Ticks every `intervalMs` (a tick that took longer is followed at once); a tick cut short by
   * the job budget is followed by its continuations as soon as pending I/O has run, and they count
   * within the tick's interval: the next tick is due `intervalMs` after the tick began, not after
   * its last continuation (at the fastest speed half a second idle is half an hour of steps due).
   */
  start(intervalMs = 500): void {
    if (this.timer) return;
    let tickBegan = Date.now();
    const loop = () => {
      const continuing = this.resumeAfter.size > 0 || this.hooksLeft.size > 0;
      if (!continuing) tickBegan = Date.now();
      let more = false;
      try {
        more = continuing ? this.continueJobs() : this.tick();
      } catch (err) {
        logger.error({ err }, "job engine: tick failed");
      }
      if (!this.timer) return; // stopped meanwhile
      this.timer = setTimeout(loop, more ? 0 : Math.max(0, intervalMs - (Date.now() - tickBegan)));
      this.timer.unref?.();
    };
    this.timer = setTimeout(loop, intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * One pass: for each vault, its hooks, then its active jobs (found through the status index),
   * oldest first, within the job budget. Answers whether a vault's jobs were left for the next tick.
   */
  tick(): boolean {
    return this.exclusive(() => {
      let vaultIds: string[];
      try {
        vaultIds = this.db
          .select({ id: vaults.id })
          .from(vaults)
          .all()
          .map((v) => v.id);
      } catch (err) {
        logger.error({ err }, "job engine: cannot list vaults");
        return false;
      }
      let more = false;
      for (const vaultId of vaultIds) if (this.tickVault(vaultId)) more = true;
      return more;
    });
  }

  /**
   * After a tick cut short: only the vaults it left work for, at the tick's simulated time — the
   * hooks that answered "more" (the others ran a moment ago and have next to nothing to do), then
   * the jobs. Answers whether work is still left.
   */
  continueJobs(): boolean {
    return this.exclusive(() => {
      let more = false;
      for (const vaultId of new Set([...this.hooksLeft.keys(), ...this.resumeAfter.keys()]))
        if (this.tickVault(vaultId, false)) more = true;
      return more;
    });
  }

  /** Runs `fn` unless a tick or continuation is already running (then answers false: nothing left over). */
  private exclusive(fn: () => boolean): boolean {
    if (this.ticking) return false;
    this.ticking = true;
    try {
      return fn();
    } finally {
      this.ticking = false;
    }
  }

  /** A vault's hooks and jobs; answers whether a hook or the job budget left some of its work for a continuation. */
  private tickVault(vaultId: string, hooks = true): boolean {
    // After a tick cut short: the hooks that had more, and the jobs it did not reach first, then the others.
    const after = this.resumeAfter.get(vaultId);
    this.resumeAfter.delete(vaultId);
    const left = this.hooksLeft.get(vaultId);
    this.hooksLeft.delete(vaultId);
    let now: number;
    try {
      now = !hooks && (after || left) ? (after?.now ?? left!.now) : this.clock.now(vaultId);
    } catch (err) {
      logger.error({ err, vaultId }, "job engine: cannot read the simulated clock");
      return false;
    }
    const again: TickHook[] = [];
    for (const hook of hooks ? this.hooks : (left?.hooks ?? [])) {
      try {
        if (hook(this.db, vaultId, new Date(now)) === true) again.push(hook);
      } catch (err) {
        logger.error({ err, vaultId, hook: hook.name }, "job engine: tick hook failed");
      }
    }
    if (again.length) this.hooksLeft.set(vaultId, { hooks: again, now });
    this.publish();
    let active: { id: string; createdAt: Date }[];
    try {
      // No ORDER BY: it would make SQLite walk jobs_vault_created (every job of the vault)
      // instead of jobs_vault_status (only the active ones). Oldest first, sorted here.
      // Only jobs with something to do now open a transaction: an idle tick writes nothing.
      active = this.stmt.dueJobs.all({ vaultId, now }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || cmp(a.id, b.id));
    } catch (err) {
      logger.error({ err, vaultId }, "job engine: cannot list active jobs");
      return again.length > 0;
    }
    if (after) {
      const i = active.findIndex(
        (j) => j.createdAt.getTime() > after.createdAt || (j.createdAt.getTime() === after.createdAt && j.id > after.id),
      );
      if (i > 0) active = [...active.slice(i), ...active.slice(0, i)];
    }
    const began = this.workClock();
    let more = again.length > 0;
    if (active.length) {
      try {
        // One commit for the batch; each step stays all or nothing in its own savepoint (stepOnce).
        transaction(this.db, (batch) => {
          for (const [i, { id, createdAt }] of active.entries()) {
            try {
              this.runJob(id, now, batch);
            } catch (err) {
              logger.error({ err, jobId: id }, "job engine: job could not be advanced");
            }
            if (!this.db.$client.inTransaction) break; // SQLite rolled the batch back (e.g. disk full): stop here
            if (i < active.length - 1 && this.workClock() - began >= this.jobBudgetMs) {
              this.resumeAfter.set(vaultId, { createdAt: createdAt.getTime(), id, now });
              more = true;
              break;
            }
          }
        });
      } catch (err) {
        // Nothing of the batch was kept: its jobs are still due and run again next tick.
        logger.error({ err, vaultId }, "job engine: the jobs' batch could not be committed");
      }
    }
    this.publish();
    return more;
  }

  /**
   * After the tick's transactions committed: their changes (and any other write committed on this
   * connection since) go to the vaults' change streams, one batch per vault per tick.
   */
  private publish(): void {
    try {
      publishChanges(this.db);
    } catch (err) {
      logger.error({ err }, "job engine: cannot publish changes");
    }
  }

  /** Moves one job as far as simulated time `now` allows (its steps in savepoints of `db` when it is a transaction). */
  runJob(jobId: string, now: number, db: DbOrTx = this.db): void {
    for (let i = 0; i < this.maxSteps; i++) {
      if (this.stepOnce(jobId, now, db) !== "advanced") return;
    }
    logger.warn({ jobId }, "job engine: step limit per tick reached; continuing next tick");
  }

  /**
   * Completes at most one step of the job in one transaction (a savepoint of the tick's batch). Answers "advanced" only when the
   * job's next step is already due, so a job that now waits costs no second transaction.
   */
  private stepOnce(jobId: string, now: number, db: DbOrTx): StepResult {
    let failedAt = now;
    let failedStepId: string | null = null;
    try {
      return transaction(db, (tx) => {
        const stmt = this.stmt;
        const job = stmt.job.get({ id: jobId });
        if (!job) return "idle";
        if (job.status === "not-started") {
          const def = getJobDefinition(job.type);
          const steps = stmt.steps.all({ id: jobId });
          failedStepId = steps[0]?.id ?? null;
          if (!def) throw new EngineFailure(unknownTypeError(job.type));
          const started = stmt.startJob.run({ id: jobId, atMs: now });
          if (started.changes !== 1) throw new StaleJob();
          return this.continueAfter(jobId, steps, null, now) <= now ? "advanced" : "idle";
        }
        if (job.status !== "in-progress" || job.stepDueAt == null || job.stepDueAt > now) return "idle";

        const steps = stmt.steps.all({ id: jobId });
        const step = steps.find((s) => s.status === "in-progress");
        const dueAt = job.stepDueAt;
        failedAt = dueAt;
        if (!step) {
          // Inconsistent row (no running step): carry on with the next one rather than stall.
          const last = [...steps].reverse().find((s) => s.status === "succeeded") ?? null;
          return this.continueAfter(jobId, steps, last, dueAt) <= now ? "advanced" : "idle";
        }
        failedStepId = step.id;
        const def = getJobDefinition(job.type);
        if (!def) throw new EngineFailure(unknownTypeError(job.type));
        const handler = def.steps[step.key];
        if (!handler) throw new EngineFailure(unknownStepError(job.type, step.key));

        const outcome = handler({ tx, job, step, now: new Date(dueAt) });

        // The handler may not move its own job; if it (or anyone) did, keep nothing.
        if (outcome && "waitForJobs" in outcome) {
          // Still in progress, the same step due again later (or earlier, when woken up).
          const next = Math.max(dueAt, now) + Math.round((outcome.recheckSeconds ?? DEFAULT_RECHECK_SECONDS) * 1000);
          const res = stmt.recheckLater.run({ id: jobId, dueAt, nextDueAt: next });
          if (res.changes !== 1) throw new StaleJob();
          stmt.stepMessage.run({ id: step.id, message: outcome.message ?? null });
          return "idle";
        }
        if (outcome && outcome.waitForInput) {
          const res = stmt.waitForInput.run({ id: jobId, dueAt });
          if (res.changes !== 1) throw new StaleJob();
          stmt.stepWaiting.run({ id: step.id, message: outcome.message ?? null });
          return "idle";
        }
        const res = stmt.completeJobStep.run({ id: jobId, dueAt });
        if (res.changes !== 1) throw new StaleJob();
        stmt.stepSucceeded.run({ id: step.id, atMs: dueAt });
        return this.continueAfter(jobId, steps, step, dueAt) <= now ? "advanced" : "idle";
      });
    } catch (err) {
      if (err instanceof StaleJob) return "idle";
      const error = toJobError(err);
      if (!(err instanceof DomainError) && !(err instanceof EngineFailure)) {
        logger.error({ err, jobId, stepId: failedStepId }, "job step threw an unexpected error");
      }
      this.recordFailure(db, jobId, failedStepId, error, failedAt);
      return "idle";
    }
  }

  /**
   * The exported continueAfter through the prepared statements; answers when the job next has
   * something to do (the started step's due time), or +Infinity once it succeeded.
   */
  private continueAfter(jobId: string, steps: JobStepRow[], done: JobStepRow | null, at: number): number {
    const next = nextStep(steps, done);
    if (!next) {
      this.stmt.jobSucceeded.run({ id: jobId, atMs: at });
      return Number.POSITIVE_INFINITY;
    }
    const dueAt = at + Math.round(next.durationSeconds * 1000);
    this.stmt.stepStarted.run({ id: next.id, atMs: at });
    this.stmt.jobWaitsForStep.run({ id: jobId, dueAt });
    return dueAt;
  }

  /** Records a failure after the step's transaction rolled back; runs onFailed in the same transaction. */
  private recordFailure(db: DbOrTx, jobId: string, stepId: string | null, error: JobError, at: number): void {
    try {
      transaction(db, (tx) => failJob(tx, jobId, stepId, error, at, true));
    } catch (err) {
      // onFailed itself threw: still record the failure, without the hook.
      logger.error({ err, jobId }, "job definition onFailed threw; recording the failure without it");
      try {
        transaction(db, (tx) => failJob(tx, jobId, stepId, error, at, false));
      } catch (err2) {
        logger.error({ err: err2, jobId }, "job engine: cannot record a job failure");
      }
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function failJob(tx: Tx, jobId: string, stepId: string | null, error: JobError, at: number, runHook: boolean): void {
  const job = tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
  if (!job || (job.status !== "in-progress" && job.status !== "not-started")) return;
  const when = new Date(at);
  if (stepId) {
    tx.update(jobSteps).set({ status: "failed", error, endedAt: when }).where(eq(jobSteps.id, stepId)).run();
  }
  const res = tx
    .update(jobs)
    .set({ status: "failed", error, endedAt: when, stepDueAt: null, startedAt: job.startedAt ?? when })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, job.status)))
    .run();
  if (res.changes !== 1) return;
  if (!runHook) return;
  const def: JobDefinition | undefined = getJobDefinition(job.type);
  const failed: JobRow = { ...job, status: "failed", error, endedAt: when, stepDueAt: null };
  def?.onFailed?.({ tx, job: failed, error, now: when });
}
