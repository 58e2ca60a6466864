/** Commit (stage 2 → 3, or after failback 5 → 6, which deletes the Azure VM). */
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { commitSteps, JOB_TYPES } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";

export const commitInput = itemTarget;
export type CommitInput = z.input<typeof commitInput>;

export function commit(db: DbOrTx, raw: CommitInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, commitInput, raw, env, "commit", ({ item, startJob }) => {
    const jobId = startJob({ type: JOB_TYPES.commit, name: "Commit", steps: commitSteps(item.replicationDirection), input: {} });
    const warnings =
      item.replicationDirection === "to-on-premises"
        ? [`The Azure VM of ${item.name} is deleted. The machine is not protected until you re-protect it to Azure.`]
        : [];
    return { jobId, itemId: item.id, warnings };
  });
}
