/** Cleanup test failover: deletes the test VM; the item is Protected again. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { JOB_TYPES, testFailoverCleanupSteps } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";

export const cleanupTestFailoverInput = itemTarget.extend({ notes: z.string().max(1000).optional() });
export type CleanupTestFailoverInput = z.input<typeof cleanupTestFailoverInput>;

export function cleanupTestFailover(db: DbOrTx, raw: CleanupTestFailoverInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, cleanupTestFailoverInput, raw, env, "cleanup-test-failover", ({ input, item, startJob }) => {
    const jobId = startJob({
      type: JOB_TYPES.testFailoverCleanup,
      name: "Test failover cleanup",
      steps: testFailoverCleanupSteps(),
      input: { notes: input.notes ?? null },
    });
    return { jobId, itemId: item.id, warnings: [] };
  });
}
