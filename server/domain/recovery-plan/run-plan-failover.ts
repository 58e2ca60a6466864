/** Recovery plan failover: to Azure (Failover) or to on-premises (Unplanned failover, failback), one recovery point choice for all items. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { parseInput } from "../validation";
import type { VerbEnv } from "../env";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";

export const PLAN_RECOVERY_POINTS = ["latest", "latest-processed", "latest-app-consistent"] as const;

export const runPlanFailoverInput = z.object({
  vaultId: z.string().min(1),
  planId: z.string().min(1),
  direction: z.enum(REPLICATION_DIRECTIONS),
  recoveryPoint: z.enum(PLAN_RECOVERY_POINTS).default("latest-processed"),
});
export type RunPlanFailoverInput = z.input<typeof runPlanFailoverInput>;

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
