/** A replication policy and its twin: every "to-azure" policy has a read-only "failback" one (and vice versa). */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { PolicyDirection } from "@/db/schema";
import { notFound } from "../errors";

/**
 * The id of the policy that applies in `direction` to an item whose policy is `policyId`: the
 * policy itself when it has that direction, else its twin. Null when the item has no policy (or
 * the policy has no twin); the caller then keeps what the item has.
 */
export function policyIdFor(db: DbOrTx, policyId: string | null, direction: PolicyDirection): string | null {
  const policy = policyId ? db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, policyId)).get() : undefined;
  if (!policy) return null;
  return policy.direction === direction ? policy.id : policy.pairedPolicyId;
}

/** A replication policy of the vault (either direction), or NotFound. */
export function loadPolicy(db: DbOrTx, vaultId: string, policyId: string) {
  const policy = db
    .select()
    .from(s.replicationPolicies)
    .where(and(eq(s.replicationPolicies.id, policyId), eq(s.replicationPolicies.vaultId, vaultId)))
    .get();
  if (!policy) throw notFound("Replication policy", policyId);
  return policy;
}
