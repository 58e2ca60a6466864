/** Recovery plan commit: commits every item's completed failover (to Azure, or after failback). */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { parseInput } from "../validation";
import type { VerbEnv } from "../env";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";

export const planCommitInput = z.object({
  vaultId: z.string().min(1),
  planId: z.string().min(1),
});
export type PlanCommitInput = z.input<typeof planCommitInput>;

export function planCommit(db: DbOrTx, raw: PlanCommitInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(planCommitInput, raw);
  // The direction does not change the item verb (Commit); it is only recorded on the job.
  return startPlanOperation(db, input, { operation: "commit", direction: "to-azure" }, env);
}
