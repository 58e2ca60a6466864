/** Cleanup test failover: deletes the test VM; the item is Protected again. */
import type { DbOrTx } from "@/db/client";
import type { VerbEnv } from "../env";
import { JOB_TYPES, testFailoverCleanupSteps } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { cleanupTestFailoverInput, type CleanupTestFailoverInput } from "./inputs";

export { cleanupTestFailoverInput, type CleanupTestFailoverInput };

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
