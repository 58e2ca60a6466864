/** Cleanup test failover: deletes the test VM; the item is Protected again. */
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { TEST_FAILOVER_CLEANUP, testFailoverCleanupSteps } from "@/server/jobs/definitions/test-failover-cleanup";
import type { ItemOperationResult } from "./failover";
import { cleanupTestFailoverInput, type CleanupTestFailoverInput } from "./inputs";

export { cleanupTestFailoverInput, type CleanupTestFailoverInput };

export function cleanupTestFailover(db: DbOrTx, raw: CleanupTestFailoverInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(cleanupTestFailoverInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    assertAllowed("cleanup-test-failover", item, itemWorld(tx, envFabric(tx, input.vaultId, now, env), item));
    const jobId = startItemJob(tx, item, "cleanup-test-failover", now, {
      type: TEST_FAILOVER_CLEANUP,
      name: "Test failover cleanup",
      steps: testFailoverCleanupSteps(),
      input: { notes: input.notes ?? null },
      userId: env?.userId,
    });
    return { jobId, itemId: item.id, warnings: [] };
  });
}
