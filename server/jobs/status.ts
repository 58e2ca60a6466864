import type { JobStatus } from "@/db/schema";

/** The portal's words for job statuses (shared by refusals and the Jobs blade). */
export const STATUS_LABEL: Record<JobStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  "waiting-for-input": "Waiting for input",
};
