/**
 * The jobs read model: the Jobs blade's list and a job's details with per-step progress computed
 * from simulated time (the engine writes progress only when a step ends).
 */
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { jobs, jobSteps, replicatedItems, users, type JobStatus } from "@/db/schema";
import { DomainError, notFound } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { dbClock, defaultSimulationSpeed, getSimulationSettings } from "./clock";
import { CANCELLABLE, RESTARTABLE, RESUMABLE, elapsedPercent } from "./operations";
import { getJobDefinition } from "./registry";
import { JOB_TIME_RANGES, MAX_JOBS_PAGE_SIZE, listJobsInput } from "@/server/domain/jobs/inputs";
import { jobTypesOf, type RecoveryPlanJobInput } from "@/server/domain/steps";
import { redactSecrets } from "@/server/domain/audit/redact";
import type { JobRow, JobStepRow } from "./types";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = MAX_JOBS_PAGE_SIZE;

export { listJobsInput };

export type ListJobsInput = z.input<typeof listJobsInput> & {
  /** Simulated now, for durations and progress of running jobs; defaults to the vault's clock. */
  now?: Date;
};

export type JobListItem = {
  id: string;
  name: string;
  type: string;
  targetType: JobRow["targetType"];
  targetId: string;
  targetName: string;
  status: JobStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  progressPercent: number;
};

export type JobStepView = JobStepRow & { progressPercent: number; durationMs: number | null };

/** Who started a job: a user of the portal, or the system (the demo seed, a recovery plan for its items). */
export type JobStarter = { kind: "user"; name: string; email: string } | { kind: "system"; name: string };

/** The jobs a job is related to: a plan job's item jobs, or the plan job that started an item job. */
export type RelatedJobs = {
  itemJobs: { itemId: string; itemName: string; jobId: string | null; status: JobStatus | null; group: number }[];
  planJob: { jobId: string; planId: string; planName: string } | null;
};

export type JobDetails = {
  job: Omit<JobRow, "createdBy"> & { durationMs: number | null };
  startedBy: JobStarter;
  /** The job's input as the user gave it: secrets redacted, the engine's bookkeeping left out. */
  inputs: Record<string, unknown>;
  related: RelatedJobs;
  steps: JobStepView[];
  progressPercent: number;
  allowed: { cancel: boolean; restart: boolean; resume: boolean };
  /** The simulated time the view was computed at. */
  now: Date;
};

/** A step's progress at simulated `now`. */
export function stepProgress(step: Pick<JobStepRow, "status" | "startedAt" | "durationSeconds" | "progress">, now: number): number {
  switch (step.status) {
    case "succeeded":
      return 100;
    case "not-started":
      return 0;
    case "in-progress":
      return elapsedPercent(step.startedAt, step.durationSeconds, now);
    case "waiting-for-input":
      return 99;
    default:
      return Math.round(step.progress);
  }
}

/** A job's progress: its steps' progress weighted by their simulated durations. */
export function jobProgress(
  status: JobStatus,
  steps: Pick<JobStepRow, "status" | "startedAt" | "durationSeconds" | "progress">[],
  now: number,
): number {
  if (status === "succeeded") return 100;
  if (!steps.length) return 0;
  const total = steps.reduce((sum, s) => sum + s.durationSeconds, 0);
  const pct =
    total > 0
      ? steps.reduce((sum, s) => sum + s.durationSeconds * stepProgress(s, now), 0) / total
      : steps.reduce((sum, s) => sum + stepProgress(s, now), 0) / steps.length;
  return Math.min(99, Math.floor(pct));
}

function duration(startedAt: Date | null, endedAt: Date | null, now: number): number | null {
  if (!startedAt) return null;
  return Math.max(0, (endedAt ? endedAt.getTime() : now) - startedAt.getTime());
}

/** Above this many jobs containing a term (all vaults), the search scans instead of reading them by rowid. */
const RARE_TERM_JOBS = 500;

/**
 * The rowids of the jobs whose name, target name or id may contain `term` (a superset: the
 * trigram index folds case beyond ASCII; the LIKE filter decides), or null when the index cannot
 * help: a term under 3 characters (no trigram), or one that many jobs contain.
 */
function searchCandidates(db: DbOrTx, term: string): number[] | null {
  if ([...term].length < 3) return null;
  const phrase = `"${term.replace(/"/g, '""')}"`;
  const rows = db.all<{ rowid: number }>(sql`select rowid from jobs_search where jobs_search match ${phrase} limit ${RARE_TERM_JOBS + 1}`);
  return rows.length > RARE_TERM_JOBS ? null : rows.map((r) => r.rowid);
}

function encodeCursor(job: { createdAt: Date; id: string }): string {
  return `${job.createdAt.getTime()}_${job.id}`;
}

function decodeCursor(cursor: string): { at: number; id: string } {
  const sep = cursor.indexOf("_");
  const at = Number(cursor.slice(0, sep));
  if (sep <= 0 || !Number.isFinite(at)) {
    throw new DomainError("Invalid", {
      code: CODES.invalidCursor,
      message: "The page cursor is not valid.",
      fieldErrors: { cursor: ["Start from the first page."] },
    });
  }
  return { at, id: cursor.slice(sep + 1) };
}

export function listJobs(db: DbOrTx, input: ListJobsInput): { items: JobListItem[]; nextCursor: string | null } {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(input.limit ?? DEFAULT_PAGE_SIZE)));
  const now = input.now ? input.now.getTime() : dbClock(db).now(input.vaultId);
  const search = input.search?.trim().toLowerCase();
  // A rare term is looked up in the trigram index (jobs_search) and the query reads only its few
  // jobs (the vault's index then must not drive it: `+vault_id`); a short or common term scans
  // the vault's jobs newest first, where its matches are dense and the page fills quickly.
  const candidates = search ? searchCandidates(db, search) : null;
  const where: SQL[] = [candidates ? sql`+${jobs.vaultId} = ${input.vaultId}` : eq(jobs.vaultId, input.vaultId)];
  if (candidates) where.push(sql`${jobs}.rowid in (select value from json_each(${JSON.stringify(candidates)}))`);
  if (input.status !== undefined) {
    const statuses = Array.isArray(input.status) ? input.status : [input.status];
    if (statuses.length) where.push(inArray(jobs.status, statuses));
  }
  if (input.type) where.push(eq(jobs.type, input.type));
  if (input.operation) where.push(inArray(jobs.type, jobTypesOf(input.operation)));
  if (input.targetId) where.push(eq(jobs.targetId, input.targetId));
  if (input.range) where.push(gte(jobs.createdAt, new Date(now - JOB_TIME_RANGES[input.range].ms)));
  if (input.errorCode) where.push(sql`json_extract(${jobs.error}, '$.code') = ${input.errorCode}`);
  if (search) {
    // What the search means, with or without the index: a substring of the name, the target's name
    // or the id, ASCII case folded (LIKE folds as lower() does, without a lowered copy of three
    // columns of every job it scans). The user's %, _ and \ are escaped: they mean themselves.
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(${jobs.name} like ${pattern} escape '\\' or ${jobs.targetName} like ${pattern} escape '\\' or ${jobs.id} like ${pattern} escape '\\')`,
    );
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(or(lt(jobs.createdAt, new Date(c.at)), and(eq(jobs.createdAt, new Date(c.at)), lt(jobs.id, c.id)))!);
  }
  const rows = db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const stepsByJob = new Map<string, JobStepRow[]>();
  if (page.length) {
    const steps = db
      .select()
      .from(jobSteps)
      .where(
        inArray(
          jobSteps.jobId,
          page.map((j) => j.id),
        ),
      )
      .orderBy(asc(jobSteps.jobId), asc(jobSteps.ordinal))
      .all();
    for (const s of steps) {
      const list = stepsByJob.get(s.jobId) ?? [];
      list.push(s);
      stepsByJob.set(s.jobId, list);
    }
  }
  const items = page.map((j) => ({
    id: j.id,
    name: j.name,
    type: j.type,
    targetType: j.targetType,
    targetId: j.targetId,
    targetName: j.targetName,
    status: j.status,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    endedAt: j.endedAt,
    durationMs: duration(j.startedAt, j.endedAt, now),
    progressPercent: jobProgress(j.status, stepsByJob.get(j.id) ?? [], now),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export function getJob(db: DbOrTx, input: { vaultId: string; jobId: string; now?: Date }): JobDetails {
  const job = db.select().from(jobs).where(eq(jobs.id, input.jobId)).get();
  if (!job || job.vaultId !== input.vaultId) throw notFound("Job", input.jobId);
  const now = input.now ? input.now.getTime() : dbClock(db).now(input.vaultId);
  const steps = db.select().from(jobSteps).where(eq(jobSteps.jobId, job.id)).orderBy(asc(jobSteps.ordinal)).all();
  // Who started the job is in the activity log (by email); the user id never leaves the server.
  const { createdBy: _createdBy, ...shown } = job;
  return {
    job: { ...shown, durationMs: duration(job.startedAt, job.endedAt, now) },
    startedBy: starterOf(db, job.createdBy),
    inputs: publicInputs(job.input),
    related: relatedJobs(db, job),
    steps: steps.map((s) => ({ ...s, progressPercent: stepProgress(s, now), durationMs: duration(s.startedAt, s.endedAt, now) })),
    progressPercent: jobProgress(job.status, steps, now),
    allowed: {
      cancel: CANCELLABLE.includes(job.status),
      restart: RESTARTABLE.includes(job.status) && !!getJobDefinition(job.type),
      resume: RESUMABLE.includes(job.status),
    },
    now: new Date(now),
  };
}

/** Keys of a job's input that are the engine's and the verbs' bookkeeping, not what the user chose. */
const BOOKKEEPING = new Set(["previous", "startSet", "refs", "itemJobs", "groups", "recoveryPlan", "planId"]);

/** What the job page shows as the job's inputs: the user's choices, secrets redacted. */
export function publicInputs(input: Record<string, unknown>): Record<string, unknown> {
  const visible = Object.fromEntries(Object.entries(input).filter(([k, v]) => !BOOKKEEPING.has(k) && v !== null && v !== undefined));
  return redactSecrets(visible) as Record<string, unknown>;
}

function starterOf(db: DbOrTx, createdBy: string | null): JobStarter {
  if (!createdBy) return { kind: "system", name: "System" };
  if (createdBy === "seed") return { kind: "system", name: "System (demo history)" };
  const user = db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, createdBy)).get();
  return user ? { kind: "user", ...user } : { kind: "system", name: "A user who no longer exists" };
}

function relatedJobs(db: DbOrTx, job: JobRow): RelatedJobs {
  const plan = job.input.recoveryPlan as { planJobId?: string; planId?: string; planName?: string } | undefined;
  const planJob =
    plan?.planJobId && plan.planId ? { jobId: plan.planJobId, planId: plan.planId, planName: plan.planName ?? plan.planId } : null;
  if (job.targetType !== "recovery-plan") return { itemJobs: [], planJob };
  const input = job.input as Partial<RecoveryPlanJobInput>;
  const groups = input.groups ?? [];
  const itemIds = groups.flatMap((g) => g.itemIds);
  if (!itemIds.length) return { itemJobs: [], planJob };
  const itemJobIds = Object.values(input.itemJobs ?? {});
  const names = new Map(
    db
      .select({ id: replicatedItems.id, name: replicatedItems.name })
      .from(replicatedItems)
      .where(inArray(replicatedItems.id, itemIds))
      .all()
      .map((r) => [r.id, r.name]),
  );
  const statuses = new Map(
    itemJobIds.length
      ? db
          .select({ id: jobs.id, status: jobs.status })
          .from(jobs)
          .where(inArray(jobs.id, itemJobIds))
          .all()
          .map((r) => [r.id, r.status])
      : [],
  );
  return {
    planJob,
    itemJobs: groups.flatMap((g) =>
      g.itemIds.map((itemId) => {
        const jobId = input.itemJobs?.[itemId] ?? null;
        return {
          itemId,
          itemName: names.get(itemId) ?? itemId,
          jobId,
          status: jobId ? (statuses.get(jobId) ?? null) : null,
          group: g.ordinal,
        };
      }),
    ),
  };
}

/** The Item filter's choices: every replicated item or recovery plan some job of the vault ran on. */
export function jobTargets(db: DbOrTx, vaultId: string): { id: string; name: string; type: JobRow["targetType"] }[] {
  return db
    .selectDistinct({ id: jobs.targetId, name: jobs.targetName, type: jobs.targetType })
    .from(jobs)
    .where(and(eq(jobs.vaultId, vaultId), inArray(jobs.targetType, ["replicated-item", "recovery-plan"])))
    .orderBy(asc(jobs.targetName))
    .all();
}

/** A running step's progress is re-read at most this often (it grows with simulated time, not with writes). */
const MIN_PROGRESS_MS = 500;

/**
 * Real milliseconds until the running step's progress reaches its next whole percent, or null when
 * nothing in the view moves by time alone (not started, waiting for input or for other jobs, final).
 */
export function nextProgressInMs(db: DbOrTx, d: JobDetails): number | null {
  if (d.job.status !== "in-progress") return null;
  const step = d.steps.find((s) => s.status === "in-progress");
  if (!step?.startedAt || step.durationSeconds <= 0 || step.progressPercent >= 99) return null;
  const nextAt = step.startedAt.getTime() + ((step.progressPercent + 1) * step.durationSeconds * 1000) / 100;
  const speed = getSimulationSettings(db, d.job.vaultId)?.speed ?? defaultSimulationSpeed();
  return Math.max(MIN_PROGRESS_MS, (nextAt - d.now.getTime()) / speed);
}

/** What makes a job view worth sending again (progress in whole percents, not every millisecond). */
export function jobViewFingerprint(d: JobDetails): string {
  return JSON.stringify([
    d.job.status,
    d.job.error?.code,
    d.progressPercent,
    d.steps.map((s) => [s.status, s.progressPercent, s.error?.code ?? null]),
  ]);
}
