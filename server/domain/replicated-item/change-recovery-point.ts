/** Change recovery point of a completed (not yet committed) failover. */
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { changeRecoveryPointSteps, JOB_TYPES } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { changeRecoveryPointInput, type ChangeRecoveryPointInput } from "./inputs";

export { changeRecoveryPointInput, type ChangeRecoveryPointInput };

export function changeRecoveryPoint(db: DbOrTx, raw: ChangeRecoveryPointInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, changeRecoveryPointInput, raw, env, "change-recovery-point", ({ tx, input, item, startJob }) => {
    const picked = pickRecoveryPoint(tx, item, item.replicationDirection, input.recoveryPoint, input.recoveryPointId);
    const jobId = startJob({
      type: JOB_TYPES.changeRecoveryPoint,
      name: "Change recovery point",
      steps: changeRecoveryPointSteps(),
      input: { recoveryPointId: picked.point.id },
    });
    return { jobId, itemId: item.id, warnings: picked.warnings };
  });
}
