/**
 * The Jobs blade's filters, stated once for the list query and the filter controls (zod only:
 * the blade imports this module into the browser).
 */
import { z } from "zod";
import { JOB_STATUSES } from "@/db/schema/enums";
import type { JOB_TYPES } from "../steps";

type JobType = (typeof JOB_TYPES)[keyof typeof JOB_TYPES];

/** Every operation a job runs, by its persisted type, with the portal's word for it (Operation filter). */
export const JOB_OPERATION_LABEL: Record<JobType, string> = {
  "enable-replication": "Enable replication",
  failover: "Failover",
  commit: "Commit",
  "change-recovery-point": "Change recovery point",
  "test-failover": "Test failover",
  "test-failover-cleanup": "Test failover cleanup",
  reprotect: "Reprotect",
  "disable-replication": "Disable replication",
  "deploy-process-server": "Deploy process server",
  "register-process-server": "Register process server",
  "discover-vcenter": "Discover vCenter server",
  "recovery-plan": "Recovery plan",
};
export const JOB_OPERATIONS = Object.keys(JOB_OPERATION_LABEL) as [JobType, ...JobType[]];
export type JobOperation = JobType;

/** The Time range filter: how far back from the vault's (simulated) now a job was created. */
export const JOB_TIME_RANGES = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
} as const;
export type JobTimeRange = keyof typeof JOB_TIME_RANGES;
export const JOB_TIME_RANGE_KEYS = Object.keys(JOB_TIME_RANGES) as [JobTimeRange, ...JobTimeRange[]];

export const MAX_JOBS_PAGE_SIZE = 200;

export const listJobsInput = z.object({
  vaultId: z.string().min(1).max(200),
  status: z.union([z.enum(JOB_STATUSES), z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length)]).optional(),
  /** A persisted job type, exactly. */
  type: z.string().min(1).max(100).optional(),
  /** An operation: its item jobs, including those a recovery plan started for its items. */
  operation: z.enum(JOB_OPERATIONS).optional(),
  /** The job's target: a replicated item, a recovery plan, a server. */
  targetId: z.string().min(1).max(200).optional(),
  /** Only jobs created in this range before the vault's now. */
  range: z.enum(JOB_TIME_RANGE_KEYS).optional(),
  /** Only failed jobs whose error has this code. */
  errorCode: z.string().min(1).max(50).optional(),
  /** Case-insensitive match on the job name, target name or job id. */
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(MAX_JOBS_PAGE_SIZE).optional(),
  cursor: z.string().max(300).nullish(),
});
