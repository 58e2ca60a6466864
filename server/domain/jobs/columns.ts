import * as s from "@/db/schema";

/** A job as a history list shows it: name, status and its times (plan runs, an item's recent jobs). */
export const JOB_SUMMARY_COLUMNS = {
  id: s.jobs.id,
  name: s.jobs.name,
  status: s.jobs.status,
  createdAt: s.jobs.createdAt,
  startedAt: s.jobs.startedAt,
  endedAt: s.jobs.endedAt,
};
