/** Change recovery point of a completed (not yet committed) failover. */
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { changeRecoveryPointSteps, JOB_TYPES } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint, recoveryPointFields } from "./recovery-points";

export const changeRecoveryPointInput = itemTarget.extend(recoveryPointFields);
export type ChangeRecoveryPointInput = z.input<typeof changeRecoveryPointInput>;

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
