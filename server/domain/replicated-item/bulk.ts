/**
 * Bulk actions of the Replicated items grid: one item operation on each selected item. Each item
 * runs through its own verb (its own savepoint and job), so a refused item changes nothing and
 * stops no other; the result says, per item, the job started or the refusal.
 */
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { DomainError, invalid } from "../errors";
import type { VerbEnv } from "../env";
import { parseInput } from "../validation";
import { cleanupTestFailover } from "./cleanup-test-failover";
import { disableReplication } from "./disable-replication";
import { testFailover } from "./test-failover";
import { BULK_OPERATIONS, bulkItemOperationInput, bulkItemVerdictsInput, type BulkItemOperationInput } from "./inputs";
import { envFabric, envNow } from "../env";
import { loadItem } from "./load";
import { itemWorld } from "./common";
import { canPerform } from "./state";
import { CODES } from "../checks/codes";

export { bulkItemOperationInput, bulkItemVerdictsInput, type BulkItemOperationInput };

export type BulkOperation = (typeof BULK_OPERATIONS)[number];
export type BulkVerdict = { allowed: string[]; refused: { id: string; name: string; code: string; reason: string }[] };

/**
 * Each bulk action over the selected items, decided by the state machine each item's verb asks
 * first (`canPerform` with the item's recovery points and Azure VM, as `assertAllowed`): the items
 * it will run on, and those it will refuse with the reason and fix. The grid offers an action when
 * it runs on at least one item and names the others before anyone presses OK.
 */
export function bulkItemVerdicts(
  db: DbOrTx,
  raw: z.input<typeof bulkItemVerdictsInput>,
  env?: VerbEnv,
): Record<BulkOperation, BulkVerdict> {
  const input = parseInput(bulkItemVerdictsInput, raw);
  const now = envNow(db, input.vaultId, env);
  const fabric = envFabric(db, input.vaultId, now, env);
  const items = [...new Set(input.itemIds)].map((id) => loadItem(db, input.vaultId, id));
  const worlds = new Map(items.map((item) => [item.id, itemWorld(db, fabric, item)]));
  return Object.fromEntries(
    BULK_OPERATIONS.map((op) => {
      const verdict: BulkVerdict = { allowed: [], refused: [] };
      for (const item of items) {
        const v = canPerform(op, item, worlds.get(item.id));
        if (v.allowed) verdict.allowed.push(item.id);
        else
          verdict.refused.push({
            id: item.id,
            name: item.name,
            code: v.code ?? CODES.operationNotAllowed,
            reason: [v.reason, v.recommendedAction].filter(Boolean).join(" "),
          });
      }
      return [op, verdict];
    }),
  ) as Record<BulkOperation, BulkVerdict>;
}

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
