/** Disable replication: the machine stops being protected. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { DISABLE_REPLICATION, disableReplicationSteps } from "@/server/jobs/definitions/disable-replication";
import type { ItemOperationResult } from "./failover";

export const disableReplicationInput = z.object({ vaultId: z.string().min(1), itemId: z.string().min(1) });
export type DisableReplicationInput = z.input<typeof disableReplicationInput>;

export function disableReplication(db: DbOrTx, raw: DisableReplicationInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(disableReplicationInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    assertAllowed("disable-replication", item, itemWorld(tx, envFabric(tx, input.vaultId, now, env), item));
    const jobId = startItemJob(tx, item, "disable-replication", now, {
      type: DISABLE_REPLICATION,
      name: "Disable replication",
      steps: disableReplicationSteps(),
      input: {},
      userId: env?.userId,
    });
    const warnings =
      item.activeLocation === "azure"
        ? [`${item.name} runs in Azure; after disabling replication it can no longer fail back through Site Recovery.`]
        : [];
    return { jobId, itemId: item.id, warnings };
  });
}
