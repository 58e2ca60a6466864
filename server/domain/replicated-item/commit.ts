/** Commit (stage 2 → 3, or after failback 5 → 6, which deletes the Azure VM). */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { COMMIT, commitSteps } from "@/server/jobs/definitions/commit";
import type { ItemOperationResult } from "./failover";

export const commitInput = z.object({ vaultId: z.string().min(1), itemId: z.string().min(1) });
export type CommitInput = z.input<typeof commitInput>;

export function commit(db: DbOrTx, raw: CommitInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(commitInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    assertAllowed("commit", item, itemWorld(tx, envFabric(tx, input.vaultId, now, env), item));
    const jobId = startItemJob(tx, item, "commit", now, {
      type: COMMIT,
      name: "Commit",
      steps: commitSteps(item.replicationDirection),
      input: {},
      userId: env?.userId,
    });
    const warnings =
      item.replicationDirection === "to-on-premises"
        ? [`The Azure VM of ${item.name} is deleted. The machine is not protected until you re-protect it to Azure.`]
        : [];
    return { jobId, itemId: item.id, warnings };
  });
}
