/** Failover to Azure (stage 1 → 2), planned or unplanned, with a recovery point. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint, RECOVERY_POINT_CHOICES } from "./recovery-points";
import { FAILOVER, failoverSteps, type FailoverJobInput } from "@/server/jobs/definitions/failover";

export const failoverInput = z.object({
  vaultId: z.string().min(1),
  itemId: z.string().min(1),
  mode: z.enum(["planned", "unplanned"]).default("unplanned"),
  recoveryPoint: z.enum(RECOVERY_POINT_CHOICES),
  recoveryPointId: z.string().min(1).optional(),
});
export type FailoverInput = z.input<typeof failoverInput>;
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
