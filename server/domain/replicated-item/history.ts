/**
 * An item's history as its page and the drill evidence report show it: its recent jobs, whether it
 * completed a round trip, and its test failovers with what an auditor asks for (recovery point
 * used and its age — the achieved RPO —, time from start to the test VM running — the achieved
 * RTO —, checks, who ran it, cleanup and notes). Read only.
 */
import { JOB_SUMMARY_COLUMNS } from "../jobs/columns";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { JobStatus } from "@/db/schema";
import { jobTypesOf, JOB_TYPES, type RecoveryPlanJobInput } from "../steps";
import { loadPlanRow } from "../recovery-plan/common";
import { csvField } from "../audit/entries";
import { loadItem } from "./load";

export type ItemJob = {
  id: string;
  name: string;
  status: JobStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  errorCode: string | null;
};

export type DrillRun = {
  itemId: string;
  itemName: string;
  jobId: string;
  status: JobStatus;
  startedBy: string;
  startedAt: Date | null;
  /** The recovery point the test VM was created from. */
  recoveryPointAt: Date | null;
  /** Achieved RPO: the recovery point's age when the test failover started (the data-loss window). */
  rpoSeconds: number | null;
  /** When the test VM was running. */
  vmRunningAt: Date | null;
  /** Achieved RTO: from the start of the test failover to the test VM running. */
  rtoSeconds: number | null;
  /** The prerequisite checks: passed, failed, or not yet run. */
  checks: "Passed" | "Failed" | "Not run";
  cleanupJobId: string | null;
  cleanupStatus: JobStatus | null;
  cleanupAt: Date | null;
  notes: string | null;
  /** The recovery plan job that started it, when a plan did. */
  planJobId: string | null;
};

const ITEM_JOBS_SHOWN = 15;

/** The item page's history: recent jobs and test failovers (newest first). */
export function itemHistory(db: DbOrTx, vaultId: string, itemId: string) {
  const item = loadItem(db, vaultId, itemId);
  const jobs = db
    .select({
      ...JOB_SUMMARY_COLUMNS,
      errorCode: sql<string | null>`json_extract(${s.jobs.error}, '$.code')`,
    })
    .from(s.jobs)
    .where(eq(s.jobs.targetId, item.id))
    .orderBy(desc(s.jobs.createdAt), desc(s.jobs.id))
    .limit(ITEM_JOBS_SHOWN)
    .all() satisfies ItemJob[];
  return { jobs, testFailovers: drillRuns(db, [item.id]).reverse() };
}

/** Whether the item was re-protected to Azure after a failback: its protected-to-Azure state is then stage 7. */
export function completedRoundTrip(db: DbOrTx, itemId: string): boolean {
  const reprotectedToAzure = db
    .select({ id: s.jobs.id })
    .from(s.jobs)
    .where(
      and(
        eq(s.jobs.targetId, itemId),
        inArray(s.jobs.type, jobTypesOf(JOB_TYPES.reprotect)),
        eq(s.jobs.status, "succeeded"),
        sql`json_extract(${s.jobs.input}, '$.direction') = 'to-azure'`,
      ),
    )
    .limit(1)
    .get();
  return !!reprotectedToAzure;
}

/** Test failovers of the given items (oldest first), each with its cleanup; `onlyJobIds` keeps those runs only. */
export function drillRuns(db: DbOrTx, itemIds: string[], onlyJobIds?: ReadonlySet<string>): DrillRun[] {
  if (!itemIds.length) return [];
  const testTypes = jobTypesOf(JOB_TYPES.testFailover);
  const rows = db
    .select({
      id: s.jobs.id,
      type: s.jobs.type,
      status: s.jobs.status,
      targetId: s.jobs.targetId,
      targetName: s.jobs.targetName,
      input: s.jobs.input,
      createdAt: s.jobs.createdAt,
      startedAt: s.jobs.startedAt,
      endedAt: s.jobs.endedAt,
      userName: s.users.name,
      createdBy: s.jobs.createdBy,
    })
    .from(s.jobs)
    .leftJoin(s.users, eq(s.users.id, s.jobs.createdBy))
    .where(and(inArray(s.jobs.targetId, itemIds), inArray(s.jobs.type, [...testTypes, ...jobTypesOf(JOB_TYPES.testFailoverCleanup)])))
    .orderBy(asc(s.jobs.createdAt), asc(s.jobs.id))
    .all();
  const tests = rows.filter((r) => testTypes.includes(r.type) && (!onlyJobIds || onlyJobIds.has(r.id)));
  if (!tests.length) return [];
  const steps = db
    .select({ jobId: s.jobSteps.jobId, key: s.jobSteps.key, status: s.jobSteps.status, endedAt: s.jobSteps.endedAt })
    .from(s.jobSteps)
    .where(
      and(
        inArray(
          s.jobSteps.jobId,
          tests.map((t) => t.id),
        ),
        inArray(s.jobSteps.key, ["prerequisites", "start-test-vm"]),
      ),
    )
    .all();
  const pointIds = tests.map((t) => t.input.recoveryPointId).filter((x): x is string => typeof x === "string");
  const pointAt = new Map(
    pointIds.length
      ? db
          .select({ id: s.recoveryPoints.id, at: s.recoveryPoints.at })
          .from(s.recoveryPoints)
          .where(inArray(s.recoveryPoints.id, pointIds))
          .all()
          .map((p) => [p.id, p.at])
      : [],
  );
  return tests.map((t) => {
    const later = rows.filter((r) => r.targetId === t.targetId && r.createdAt.getTime() >= t.createdAt.getTime() && r.id !== t.id);
    const nextTest = later.find((r) => testTypes.includes(r.type));
    const cleanup = later.find((r) => !testTypes.includes(r.type) && (!nextTest || r.createdAt.getTime() <= nextTest.createdAt.getTime()));
    const stepOf = (key: string) => steps.find((x) => x.jobId === t.id && x.key === key);
    const prerequisites = stepOf("prerequisites");
    const vm = stepOf("start-test-vm");
    // The point's time as the verb recorded it (points age out of retention), else as stored.
    const recordedAt = typeof t.input.recoveryPointAt === "number" ? new Date(t.input.recoveryPointAt) : null;
    const recoveryPointAt = recordedAt ?? pointAt.get(String(t.input.recoveryPointId)) ?? null;
    const start = t.startedAt ?? t.createdAt;
    const vmRunningAt = vm?.status === "succeeded" ? vm.endedAt : null;
    const plan = t.input.recoveryPlan as { planJobId?: string } | undefined;
    return {
      itemId: t.targetId,
      itemName: t.targetName,
      jobId: t.id,
      status: t.status,
      startedBy: t.userName ?? (t.createdBy === "seed" || !t.createdBy ? "System" : "A user who no longer exists"),
      startedAt: t.startedAt,
      recoveryPointAt,
      rpoSeconds: recoveryPointAt ? Math.max(0, Math.round((t.createdAt.getTime() - recoveryPointAt.getTime()) / 1000)) : null,
      vmRunningAt,
      rtoSeconds: vmRunningAt ? Math.max(0, Math.round((vmRunningAt.getTime() - start.getTime()) / 1000)) : null,
      checks: prerequisites?.status === "succeeded" ? "Passed" : prerequisites?.status === "failed" ? "Failed" : "Not run",
      cleanupJobId: cleanup?.id ?? null,
      cleanupStatus: cleanup?.status ?? null,
      cleanupAt: cleanup?.status === "succeeded" ? cleanup.endedAt : null,
      notes: typeof cleanup?.input.notes === "string" && cleanup.input.notes ? cleanup.input.notes : null,
      planJobId: plan?.planJobId ?? null,
    } satisfies DrillRun;
  });
}

export type DrillReport = {
  subject: { kind: "item" | "plan"; id: string; name: string };
  /** The recovery plan's test failover job the report is about (plan reports). */
  planJob: { id: string; status: JobStatus; startedAt: Date | null; endedAt: Date | null; startedBy: string } | null;
  runs: DrillRun[];
};

/**
 * The drill evidence report: an item's latest test failover, or the items of a recovery plan's
 * latest test failover, with what an auditor asks for. Null when there is no test failover yet.
 */
export function drillReport(db: DbOrTx, vaultId: string, target: { itemId: string } | { planId: string }): DrillReport | null {
  if ("itemId" in target) {
    const item = loadItem(db, vaultId, target.itemId);
    const latest = drillRuns(db, [item.id]).at(-1);
    if (!latest) return null;
    return { subject: { kind: "item", id: item.id, name: item.name }, planJob: null, runs: [latest] };
  }
  const plan = loadPlanRow(db, vaultId, target.planId);
  const job = db
    .select({
      id: s.jobs.id,
      status: s.jobs.status,
      input: s.jobs.input,
      startedAt: s.jobs.startedAt,
      endedAt: s.jobs.endedAt,
      userName: s.users.name,
    })
    .from(s.jobs)
    .leftJoin(s.users, eq(s.users.id, s.jobs.createdBy))
    .where(
      and(
        eq(s.jobs.targetId, plan.id),
        eq(s.jobs.type, JOB_TYPES.recoveryPlan),
        sql`json_extract(${s.jobs.input}, '$.params.operation') = 'test-failover'`,
      ),
    )
    .orderBy(desc(s.jobs.createdAt), desc(s.jobs.id))
    .limit(1)
    .get();
  if (!job) return null;
  const itemJobs = (job.input as Partial<RecoveryPlanJobInput>).itemJobs ?? {};
  return {
    subject: { kind: "plan", id: plan.id, name: plan.name },
    planJob: { id: job.id, status: job.status, startedAt: job.startedAt, endedAt: job.endedAt, startedBy: job.userName ?? "System" },
    runs: drillRuns(db, Object.keys(itemJobs), new Set(Object.values(itemJobs))),
  };
}

export const DRILL_CSV_COLUMNS = [
  "Item",
  "Test failover job",
  "Status",
  "Started by",
  "Started",
  "Recovery point used",
  "Achieved RPO (seconds)",
  "VM running",
  "Achieved RTO (seconds)",
  "Prerequisite checks",
  "Cleanup",
  "Notes",
  "Recovery plan job",
] as const;

/** The report as CSV (one line per item; cells guarded against spreadsheet formulas). */
export function drillReportCsv(report: DrillReport): string {
  const lines = report.runs.map((r) =>
    [
      r.itemName,
      r.jobId,
      r.status,
      r.startedBy,
      r.startedAt,
      r.recoveryPointAt,
      r.rpoSeconds,
      r.vmRunningAt,
      r.rtoSeconds,
      r.checks,
      r.cleanupAt ?? (r.cleanupStatus ? r.cleanupStatus : "Not cleaned up"),
      r.notes,
      r.planJobId,
    ]
      .map(csvField)
      .join(","),
  );
  return [DRILL_CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
