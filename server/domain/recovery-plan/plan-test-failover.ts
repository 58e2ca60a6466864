/** Recovery plan test failover (into an Azure network) and its cleanup. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { parseInput } from "../validation";
import type { VerbEnv } from "../replicated-item/common";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";
import { planTestFailoverInput, type PlanTestFailoverInput } from "./inputs";

export { planTestFailoverInput, type PlanTestFailoverInput };

export function planTestFailover(db: DbOrTx, raw: PlanTestFailoverInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(planTestFailoverInput, raw);
  return startPlanOperation(
    db,
    input,
    {
      operation: "test-failover",
      direction: "to-azure",
      networkId: input.networkId,
      recoveryPoint: input.recoveryPoint,
    },
    env,
  );
}

export const planCleanupTestFailoverInput = z.object({
  vaultId: z.string().min(1),
  planId: z.string().min(1),
  notes: z.string().max(1000).optional(),
});
export type PlanCleanupTestFailoverInput = z.input<typeof planCleanupTestFailoverInput>;

export function planCleanupTestFailover(db: DbOrTx, raw: PlanCleanupTestFailoverInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(planCleanupTestFailoverInput, raw);
  return startPlanOperation(
    db,
    input,
    {
      operation: "cleanup-test-failover",
      direction: "to-azure",
      notes: input.notes,
    },
    env,
  );
}
