/** Read models of the Replication policies blade and of a policy's page. */
import { and, asc, count, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { notFound } from "../errors";
import { failbackReadOnlyReason } from "./read-only";
import { associatedServers, itemsUsingOn, policyPair } from "./associations";

const twin = alias(s.replicationPolicies, "twin");

/** The items per policy of the vault, counted in SQL. */
function itemCounts(db: DbOrTx, vaultId: string): Map<string, number> {
  const rows = db
    .select({ policyId: s.replicatedItems.policyId, n: count() })
    .from(s.replicatedItems)
    .where(eq(s.replicatedItems.vaultId, vaultId))
    .groupBy(s.replicatedItems.policyId)
    .all();
  return new Map(rows.flatMap((r) => (r.policyId ? [[r.policyId, r.n] as const] : [])));
}

function policies(db: DbOrTx, vaultId: string, policyId?: string) {
  const rows = db
    .select({
      id: s.replicationPolicies.id,
      name: s.replicationPolicies.name,
      direction: s.replicationPolicies.direction,
      rpoThresholdMinutes: s.replicationPolicies.rpoThresholdMinutes,
      retentionHours: s.replicationPolicies.retentionHours,
      appConsistentFrequencyMinutes: s.replicationPolicies.appConsistentFrequencyMinutes,
      multiVmConsistency: s.replicationPolicies.multiVmConsistency,
      editable: s.replicationPolicies.editable,
      pairedPolicyId: s.replicationPolicies.pairedPolicyId,
      pairedPolicyName: twin.name,
      createdAt: s.replicationPolicies.createdAt,
    })
    .from(s.replicationPolicies)
    .leftJoin(twin, eq(twin.id, s.replicationPolicies.pairedPolicyId))
    .where(and(eq(s.replicationPolicies.vaultId, vaultId), policyId === undefined ? undefined : eq(s.replicationPolicies.id, policyId)))
    .orderBy(asc(s.replicationPolicies.name))
    .all();
  const servers = associatedServers(
    db,
    rows.map((p) => p.id),
  );
  return rows.map((p) => ({
    ...p,
    /** The configuration servers it is associated with, by name. */
    configurationServers: servers.get(p.id) ?? [],
    readOnlyReason: p.direction === "failback" ? failbackReadOnlyReason(p.pairedPolicyName) : null,
  }));
}

/** Every policy of the vault with its associated configuration servers and how many items use it. */
export function listPolicies(db: DbOrTx, vaultId: string) {
  const counts = itemCounts(db, vaultId);
  return policies(db, vaultId).map((p) => ({ ...p, itemCount: counts.get(p.id) ?? 0 }));
}

/** One policy, its twin, and the replicated items that use it. */
export function getPolicy(db: DbOrTx, vaultId: string, policyId: string) {
  const [policy] = policies(db, vaultId, policyId);
  if (!policy) throw notFound("Replication policy", policyId);
  const items = db
    .select({
      id: s.replicatedItems.id,
      name: s.replicatedItems.name,
      state: s.replicatedItems.state,
      replicationHealth: s.replicatedItems.replicationHealth,
      activeLocation: s.replicatedItems.activeLocation,
      replicationDirection: s.replicatedItems.replicationDirection,
    })
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.vaultId, vaultId), eq(s.replicatedItems.policyId, policyId)))
    .orderBy(asc(s.replicatedItems.name))
    .all();
  const ids = policyPair(policy);
  return {
    ...policy,
    items,
    /** Per associated configuration server: the items of that server using the policy or its twin (they block Dissociate). */
    associations: policy.configurationServers.map((cs) => {
      const using = itemsUsingOn(db, ids, cs.id);
      return {
        ...cs,
        itemCount: using.length,
        dissociateBlockedReason: using.length
          ? `${using.length} replicated item${using.length === 1 ? "" : "s"} of ${cs.name} use${using.length === 1 ? "s" : ""} ${policy.name} or its failback policy.`
          : null,
      };
    }),
  };
}

/** The Replicate wizard's policies: every replication policy to Azure and the configuration servers it is associated with. */
export function replicatePolicies(db: DbOrTx, vaultId: string) {
  const rows = db
    .select({ id: s.replicationPolicies.id, name: s.replicationPolicies.name })
    .from(s.replicationPolicies)
    .where(and(eq(s.replicationPolicies.vaultId, vaultId), eq(s.replicationPolicies.direction, "to-azure")))
    .orderBy(asc(s.replicationPolicies.name))
    .all();
  const servers = associatedServers(
    db,
    rows.map((p) => p.id),
  );
  return rows.map((p) => ({ ...p, configurationServerIds: (servers.get(p.id) ?? []).map((cs) => cs.id) }));
}
