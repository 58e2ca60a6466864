/** Commit (stage 2 → 3, or after failback 5 → 6, which deletes the Azure VM). */
import { z } from "zod";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { commitSteps, JOB_TYPES } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";

export const commitInput = itemTarget.extend({
  /** The direction of the failover being committed (a recovery plan commits one direction); omitted: the item's. */
  direction: z.enum(REPLICATION_DIRECTIONS).optional(),
});
export type CommitInput = z.input<typeof commitInput>;

export function commit(db: DbOrTx, raw: CommitInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, commitInput, raw, env, "commit", ({ input, item, startJob }) => {
    if (input.direction && input.direction !== item.replicationDirection)
      throw new DomainError("NotAllowed", {
        code: CODES.operationNotAllowed,
        message:
          input.direction === "to-azure"
            ? `${item.name} failed back to on-premises; there is no failover to Azure to commit.`
            : `${item.name} failed over to Azure; there is no failback to on-premises to commit.`,
        recommendedAction: "Commit in the direction of the item's last failover.",
      });
    const jobId = startJob({ type: JOB_TYPES.commit, name: "Commit", steps: commitSteps(item.replicationDirection), input: {} });
    const warnings =
      item.replicationDirection === "to-on-premises"
        ? [`The Azure VM of ${item.name} is deleted. The machine is not protected until you re-protect it to Azure.`]
        : [];
    return { jobId, itemId: item.id, warnings };
  });
}
