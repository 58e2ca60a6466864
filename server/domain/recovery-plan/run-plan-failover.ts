/** Recovery plan failover: to Azure (Failover) or to on-premises (Unplanned failover, failback), one recovery point choice for all items. */
import type { DbOrTx } from "@/db/client";
import { parseInput } from "../validation";
import type { VerbEnv } from "../replicated-item/common";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";
import { runPlanFailoverInput, type RunPlanFailoverInput } from "./inputs";

export { runPlanFailoverInput, type RunPlanFailoverInput };

export function runPlanFailover(db: DbOrTx, raw: RunPlanFailoverInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(runPlanFailoverInput, raw);
  return startPlanOperation(
    db,
    input,
    {
      operation: "failover",
      direction: input.direction,
      recoveryPoint: input.recoveryPoint,
    },
    env,
  );
}
