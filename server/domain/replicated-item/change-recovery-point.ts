/** Change recovery point of a completed (not yet committed) failover. */
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { CHANGE_RECOVERY_POINT, changeRecoveryPointSteps } from "@/server/jobs/definitions/change-recovery-point";
import type { ItemOperationResult } from "./failover";
import { changeRecoveryPointInput, type ChangeRecoveryPointInput } from "./inputs";

export { changeRecoveryPointInput, type ChangeRecoveryPointInput };

export function changeRecoveryPoint(db: DbOrTx, raw: ChangeRecoveryPointInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(changeRecoveryPointInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    assertAllowed("change-recovery-point", item, itemWorld(tx, envFabric(tx, input.vaultId, now, env), item));
    const picked = pickRecoveryPoint(tx, item, item.replicationDirection, input.recoveryPoint, input.recoveryPointId);
    const jobId = startItemJob(tx, item, "change-recovery-point", now, {
      type: CHANGE_RECOVERY_POINT,
      name: "Change recovery point",
      steps: changeRecoveryPointSteps(),
      input: { recoveryPointId: picked.point.id },
      userId: env?.userId,
    });
    return { jobId, itemId: item.id, warnings: picked.warnings };
  });
}
