import { sqliteTable, text, integer, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, json, ownedBy } from "./columns";
import { vaults } from "./vault";
import { JOB_STATUSES, JOB_TARGET_TYPES, STEP_STATUSES } from "./enums";

export type JobError = {
  code: string;
  message: string;
  possibleCauses: string;
  recommendedAction: string;
};

export const jobs = sqliteTable(
  "jobs",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    /** Definition key, e.g. "reprotect". */
    type: text("type").notNull(),
    /** Display name as the portal shows it, e.g. "Reprotect". */
    name: text("name").notNull(),
    targetType: text("target_type", { enum: JOB_TARGET_TYPES }).notNull(),
    targetId: text("target_id").notNull(),
    targetName: text("target_name").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("not-started"),
    /** Verb input the step handlers need (no secrets). */
    input: json<Record<string, unknown>>("input").notNull().default({}),
    error: json<JobError>("error"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at").notNull(),
    startedAt: timestamp("started_at"),
    endedAt: timestamp("ended_at"),
    /** Simulated time at which the running step completes. */
    stepDueAt: integer("step_due_at"),
    cancelRequested: integer("cancel_requested", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("jobs_vault_created").on(t.vaultId, t.createdAt),
    index("jobs_vault_status").on(t.vaultId, t.status),
    // The Jobs blade's filters (status, operation, item), newest first, at any depth of paging.
    index("jobs_vault_status_created").on(t.vaultId, t.status, t.createdAt, t.id),
    index("jobs_vault_type_created").on(t.vaultId, t.type, t.createdAt, t.id),
    index("jobs_target_created").on(t.targetId, t.createdAt, t.id),
  ],
);

export const jobSteps = sqliteTable(
  "job_steps",
  {
    id: id(),
    jobId: ownedBy("job_id", () => jobs.id),
    ordinal: integer("ordinal").notNull(),
    /** Step key understood by the job definition. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: STEP_STATUSES }).notNull().default("not-started"),
    /** Simulated duration of the step in seconds. */
    durationSeconds: real("duration_seconds").notNull().default(1),
    progress: real("progress").notNull().default(0),
    startedAt: timestamp("started_at"),
    endedAt: timestamp("ended_at"),
    error: json<JobError>("error"),
    /** Why the step waits for input (the manual action to perform), shown until it is resumed. */
    message: text("message"),
  },
  (t) => [uniqueIndex("job_steps_ordinal").on(t.jobId, t.ordinal)],
);
