import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { configurationServers, replicationPolicies } from "@/db/schema";

export function listPolicies(db: DbOrTx, vaultId: string) {
  return db
    .select({
      id: replicationPolicies.id,
      name: replicationPolicies.name,
      direction: replicationPolicies.direction,
      rpoThresholdMinutes: replicationPolicies.rpoThresholdMinutes,
      retentionHours: replicationPolicies.retentionHours,
      appConsistentFrequencyMinutes: replicationPolicies.appConsistentFrequencyMinutes,
      multiVmConsistency: replicationPolicies.multiVmConsistency,
      editable: replicationPolicies.editable,
      pairedPolicyId: replicationPolicies.pairedPolicyId,
      configurationServerName: configurationServers.name,
    })
    .from(replicationPolicies)
    .leftJoin(configurationServers, eq(configurationServers.id, replicationPolicies.configurationServerId))
    .where(eq(replicationPolicies.vaultId, vaultId))
    .orderBy(asc(replicationPolicies.name))
    .all();
}
