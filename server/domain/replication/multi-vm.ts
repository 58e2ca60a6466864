/**
 * Multi-VM consistency, stated once: a recovery point is multi-VM consistent only when the
 * policy that applies to the item in its replication direction has multi-VM consistency on AND
 * the item is in a replication group with other items. The seed: "If you enabled Multi-VM when
 * you configured replication properties you can recover to the latest app or crash-consistent
 * recovery point" — a group alone does not make its points multi-VM consistent, and neither does
 * a policy for a machine that shares no group.
 *
 * Used by the first points of initial replication and of re-protect (jobs `enable-replication`,
 * `reprotect`) and by every point of the replication tick (`simulate.ts`).
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";

/** The pure rule: the applying policy (null: none) and the number of members of the item's group (0: no group). */
export function isMultiVmConsistent(policy: { multiVmConsistency: boolean } | null | undefined, groupSize: number): boolean {
  return !!policy?.multiVmConsistency && groupSize > 1;
}

/**
 * Members of each of `groups` in a vault: items carrying the group name, except those whose
 * replication is disabled (they replicate nothing). Groups with no member are absent (size 0).
 */
export function replicationGroupSizes(db: DbOrTx, vaultId: string, groups: readonly string[]): Map<string, number> {
  if (!groups.length) return new Map();
  const rows = db
    .select({ group: s.replicatedItems.replicationGroup, n: sql<number>`count(*)` })
    .from(s.replicatedItems)
    .where(
      and(
        eq(s.replicatedItems.vaultId, vaultId),
        inArray(s.replicatedItems.replicationGroup, [...new Set(groups)]),
        ne(s.replicatedItems.state, "replication-disabled"),
      ),
    )
    .groupBy(s.replicatedItems.replicationGroup)
    .all();
  return new Map(rows.map((r) => [r.group!, r.n]));
}

/**
 * Whether the points an item makes now are multi-VM consistent: its policy (the item's policy is
 * the one for its current direction: re-protect switches it to the failback twin and back) and
 * its group's size.
 */
export function itemPointsAreMultiVm(
  db: DbOrTx,
  item: { vaultId: string; policyId: string | null; replicationGroup: string | null },
): boolean {
  if (!item.replicationGroup || !item.policyId) return false;
  const policy = db
    .select({ multiVmConsistency: s.replicationPolicies.multiVmConsistency })
    .from(s.replicationPolicies)
    .where(eq(s.replicationPolicies.id, item.policyId))
    .get();
  return isMultiVmConsistent(policy, replicationGroupSizes(db, item.vaultId, [item.replicationGroup]).get(item.replicationGroup) ?? 0);
}
