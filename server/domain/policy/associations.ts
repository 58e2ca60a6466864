/** A policy's associations with configuration servers (a policy may serve several; its failback policy has the same ones). */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";

/** The policy and its twin: they are associated and dissociated together. */
export const policyPair = (policy: { id: string; pairedPolicyId: string | null }): string[] => [
  policy.id,
  ...(policy.pairedPolicyId ? [policy.pairedPolicyId] : []),
];

export function isAssociated(db: DbOrTx, policyId: string, configurationServerId: string): boolean {
  return !!db
    .select({ id: s.policyConfigurationServers.policyId })
    .from(s.policyConfigurationServers)
    .where(
      and(
        eq(s.policyConfigurationServers.policyId, policyId),
        eq(s.policyConfigurationServers.configurationServerId, configurationServerId),
      ),
    )
    .get();
}

/** The configuration servers each of `policyIds` is associated with, by name. */
export function associatedServers(db: DbOrTx, policyIds: string[]): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!policyIds.length) return out;
  const rows = db
    .select({ policyId: s.policyConfigurationServers.policyId, id: s.configurationServers.id, name: s.configurationServers.name })
    .from(s.policyConfigurationServers)
    .innerJoin(s.configurationServers, eq(s.configurationServers.id, s.policyConfigurationServers.configurationServerId))
    .where(inArray(s.policyConfigurationServers.policyId, policyIds))
    .orderBy(asc(s.configurationServers.name))
    .all();
  for (const { policyId, ...cs } of rows) out.set(policyId, [...(out.get(policyId) ?? []), cs]);
  return out;
}

/** The replicated items of a configuration server that use the policy or its twin (they keep the association). */
export function itemsUsingOn(db: DbOrTx, policyIds: string[], configurationServerId: string) {
  return db
    .select({ id: s.replicatedItems.id, name: s.replicatedItems.name })
    .from(s.replicatedItems)
    .where(and(inArray(s.replicatedItems.policyId, policyIds), eq(s.replicatedItems.configurationServerId, configurationServerId)))
    .orderBy(asc(s.replicatedItems.name))
    .all();
}
