/** Failover to Azure (stage 1 → 2), planned or unplanned, with a recovery point. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { FAILOVER_MODES, failoverJob, type FailoverJobInput } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint, recoveryPointFields } from "./recovery-points";

export type { ItemOperationResult };

export const failoverInput = itemTarget.extend({ mode: z.enum(FAILOVER_MODES).default("unplanned"), ...recoveryPointFields });
export type FailoverInput = z.input<typeof failoverInput>;

export function failoverToAzure(db: DbOrTx, raw: FailoverInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, failoverInput, raw, env, "failover-to-azure", ({ tx, input, item, startJob }) => {
    const picked = pickRecoveryPoint(tx, item, "to-azure", input.recoveryPoint, input.recoveryPointId);
    const jobInput: FailoverJobInput = {
      direction: "to-azure",
      mode: input.mode,
      recoveryPointId: picked.point.id,
      recoveryPointChoice: input.recoveryPoint,
      pendingMb: picked.pendingMb,
    };
    const jobId = startJob(failoverJob(jobInput), { azureVmId: item.azureVmId });
    return { jobId, itemId: item.id, warnings: picked.warnings };
  });
}
