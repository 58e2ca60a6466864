/** Failover to Azure (stage 1 → 2), planned or unplanned, with a recovery point. */
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { FAILOVER, failoverSteps, type FailoverJobInput } from "@/server/jobs/definitions/failover";
import { failoverInput, type FailoverInput } from "./inputs";

export { failoverInput, type FailoverInput };

export type ItemOperationResult = { jobId: string; itemId: string; warnings: string[] };

export function failoverToAzure(db: DbOrTx, raw: FailoverInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(failoverInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = envFabric(tx, input.vaultId, now, env);
    assertAllowed("failover-to-azure", item, itemWorld(tx, fabric, item));
    const picked = pickRecoveryPoint(tx, item, "to-azure", input.recoveryPoint, input.recoveryPointId);
    const jobInput: FailoverJobInput = {
      direction: "to-azure",
      mode: input.mode,
      recoveryPointId: picked.point.id,
      recoveryPointChoice: input.recoveryPoint,
      pendingMb: picked.pendingMb,
    };
    const jobId = startItemJob(
      tx,
      item,
      "failover-to-azure",
      now,
      {
        type: FAILOVER,
        name: input.mode === "planned" ? "Planned failover" : "Failover",
        steps: failoverSteps(jobInput),
        input: jobInput,
        userId: env?.userId,
      },
      { azureVmId: item.azureVmId },
    );
    return { jobId, itemId: item.id, warnings: picked.warnings };
  });
}
