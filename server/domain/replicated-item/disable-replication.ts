/** Disable replication: the machine stops being protected. */
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { disableReplicationSteps, JOB_TYPES } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";

export const disableReplicationInput = itemTarget;
export type DisableReplicationInput = z.input<typeof disableReplicationInput>;

export function disableReplication(db: DbOrTx, raw: DisableReplicationInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, disableReplicationInput, raw, env, "disable-replication", ({ item, startJob }) => {
    const jobId = startJob({
      type: JOB_TYPES.disableReplication,
      name: "Disable replication",
      steps: disableReplicationSteps(),
      input: {},
    });
    const warnings =
      item.activeLocation === "azure"
        ? [`${item.name} runs in Azure; after disabling replication it can no longer fail back through Site Recovery.`]
        : [];
    return { jobId, itemId: item.id, warnings };
  });
}
