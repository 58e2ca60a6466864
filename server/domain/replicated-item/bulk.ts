/**
 * Bulk actions of the Replicated items grid: one item operation on each selected item. Each item
 * runs through its own verb (its own savepoint and job), so a refused item changes nothing and
 * stops no other; the result says, per item, the job started or the refusal.
 */
import type { DbOrTx } from "@/db/client";
import { DomainError, invalid } from "../errors";
import type { VerbEnv } from "../env";
import { parseInput } from "../validation";
import { cleanupTestFailover } from "./cleanup-test-failover";
import { disableReplication } from "./disable-replication";
import { testFailover } from "./test-failover";
import { bulkItemOperationInput, type BulkItemOperationInput } from "./inputs";

export { bulkItemOperationInput, type BulkItemOperationInput };

export type BulkItemResult =
  | { itemId: string; ok: true; jobId: string; warnings: string[] }
  | { itemId: string; ok: false; code: string; message: string; recommendedAction: string | null };

export function bulkItemOperation(
  db: DbOrTx,
  raw: BulkItemOperationInput,
  env?: VerbEnv,
): { operation: string; started: number; refused: number; results: BulkItemResult[] } {
  const input = parseInput(bulkItemOperationInput, raw);
  if (input.operation === "test-failover" && !input.networkId) throw invalid("networkId", "Choose an Azure network.");
  const itemIds = [...new Set(input.itemIds)];
  const results = itemIds.map((itemId): BulkItemResult => {
    const target = { vaultId: input.vaultId, itemId };
    try {
      const r =
        input.operation === "test-failover"
          ? testFailover(db, { ...target, networkId: input.networkId! }, env)
          : input.operation === "cleanup-test-failover"
            ? cleanupTestFailover(db, { ...target, notes: input.notes }, env)
            : disableReplication(db, target, env);
      return { itemId, ok: true, jobId: r.jobId, warnings: r.warnings };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const e = err.toJSON();
      return { itemId, ok: false, code: e.code, message: e.message, recommendedAction: e.recommendedAction ?? null };
    }
  });
  return {
    operation: input.operation,
    started: results.filter((r) => r.ok).length,
    refused: results.filter((r) => !r.ok).length,
    results,
  };
}
