/**
 * Create a replication policy (to Azure). It also creates its read-only failback policy
 * (RPO 15 min, retention 24 h, app-consistent every 60 min). Both are associated with the configuration
 * server when one is named (the API's create), else later with Associate (the portal's create).
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { loadConfigurationServer } from "../infrastructure/load";
import { FAILBACK_POLICY, createReplicationPolicyInput, type CreateReplicationPolicyInput } from "./inputs";

export { createReplicationPolicyInput, type CreateReplicationPolicyInput };

export function createReplicationPolicy(db: DbOrTx, raw: CreateReplicationPolicyInput, env?: VerbEnv) {
  return vaultVerb(db, createReplicationPolicyInput, raw, env, ({ tx, input, now }) => {
    const cs = input.configurationServerId ? loadConfigurationServer(tx, input.vaultId, input.configurationServerId) : null;
    if (input.appConsistentFrequencyMinutes > input.retentionHours * 60 && input.appConsistentFrequencyMinutes > 0)
      throw new DomainError("Invalid", {
        code: CODES.invalidInput,
        message: "The app-consistent snapshot frequency must be within the retention window.",
        fieldErrors: { appConsistentFrequencyMinutes: ["At most the retention period."] },
      });
    const failbackName = `${input.name}-failback`;
    for (const name of [input.name, failbackName]) {
      if (
        tx
          .select({ id: s.replicationPolicies.id })
          .from(s.replicationPolicies)
          .where(and(eq(s.replicationPolicies.vaultId, input.vaultId), eq(s.replicationPolicies.name, name)))
          .get()
      )
        throw new DomainError("Invalid", {
          code: CODES.invalidInput,
          message: `A policy named ${name} exists already.`,
          fieldErrors: { name: ["Choose another name."] },
        });
    }
    const id = crypto.randomUUID();
    const failbackId = crypto.randomUUID();
    tx.insert(s.replicationPolicies)
      .values([
        {
          id,
          vaultId: input.vaultId,
          name: input.name,
          direction: "to-azure",
          rpoThresholdMinutes: input.rpoThresholdMinutes,
          retentionHours: input.retentionHours,
          appConsistentFrequencyMinutes: input.appConsistentFrequencyMinutes,
          multiVmConsistency: input.multiVmConsistency,
          editable: true,
          pairedPolicyId: failbackId,
          createdAt: now,
        },
        {
          id: failbackId,
          vaultId: input.vaultId,
          name: failbackName,
          direction: "failback",
          ...FAILBACK_POLICY,
          // A replication group fails back to one common multi-VM point, as it failed over.
          multiVmConsistency: input.multiVmConsistency,
          editable: false,
          pairedPolicyId: id,
          createdAt: now,
        },
      ])
      .run();
    if (cs)
      tx.insert(s.policyConfigurationServers)
        .values([id, failbackId].map((policyId) => ({ policyId, configurationServerId: cs.id, createdAt: now })))
        .run();
    return { policyId: id, failbackPolicyId: failbackId };
  });
}
