/** Failover to Azure (stage 1 → 2), planned or unplanned, with a recovery point. */
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { failoverJob, type FailoverJobInput } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { failoverInput, type FailoverInput } from "./inputs";

export { failoverInput, type FailoverInput };

export type { ItemOperationResult };

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
