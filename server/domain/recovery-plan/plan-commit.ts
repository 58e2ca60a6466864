/** Recovery plan commit: commits every item's completed failover (to Azure, or after failback). */
import type { z } from "zod";
import { planTarget, planVerb } from "./plan-operation";

export const planCommitInput = planTarget;
export type PlanCommitInput = z.input<typeof planCommitInput>;

// The direction does not change the item verb (Commit); it is only recorded on the job.
export const planCommit = planVerb(planCommitInput, () => ({ operation: "commit", direction: "to-azure" }));
