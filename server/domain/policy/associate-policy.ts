/**
 * Associate a replication policy with a configuration server (Replication policies > Associate).
 * Its failback policy follows it: both are associated in one transaction. A policy is associated
 * with one configuration server; a failback policy is read-only and is never associated on its own.
 */
import { loadPolicy } from "./paired";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError, notFound } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer } from "../infrastructure/load";
import { associatePolicyInput, type AssociatePolicyInput } from "./inputs";
import { failbackReadOnlyReason } from "./read-only";

export { associatePolicyInput, type AssociatePolicyInput };

export function associatePolicy(
  db: DbOrTx,
  raw: AssociatePolicyInput,
  env?: VerbEnv,
): { policyId: string; failbackPolicyId: string | null } {
  return vaultVerb(db, associatePolicyInput, raw, env, ({ tx, input }) => {
    const policy = loadPolicy(tx, input.vaultId, input.policyId);
    const twin = policy.pairedPolicyId
      ? tx
          .select({ name: s.replicationPolicies.name })
          .from(s.replicationPolicies)
          .where(eq(s.replicationPolicies.id, policy.pairedPolicyId))
          .get()
      : undefined;
    if (policy.direction === "failback")
      throw new DomainError("NotAllowed", {
        code: CODES.failbackPolicyReadOnly,
        message: `${policy.name} is a failback policy: ${failbackReadOnlyReason(twin?.name ?? null)}`,
        possibleCauses: "The failback policy was chosen instead of its replication policy.",
        recommendedAction: `Associate ${twin?.name ?? "its replication policy"} on Replication policies; its failback policy follows it.`,
      });
    const cs = findConfigurationServer(tx, input.vaultId, input.configurationServerId);
    if (!cs) throw notFound("Configuration server", input.configurationServerId);
    if (policy.configurationServerId) {
      const current = tx
        .select({ name: s.configurationServers.name })
        .from(s.configurationServers)
        .where(eq(s.configurationServers.id, policy.configurationServerId))
        .get();
      const same = policy.configurationServerId === cs.id;
      throw new DomainError(same ? "Invalid" : "NotAllowed", {
        code: CODES.policyAlreadyAssociated,
        message: same
          ? `${policy.name} is associated with ${cs.name} already.`
          : `${policy.name} is associated with ${current?.name ?? "another configuration server"}; a policy is associated with one configuration server.`,
        possibleCauses: same ? "The policy was associated before." : "The policy serves the machines of another configuration server.",
        recommendedAction: same
          ? `Choose it in the Replicate wizard of ${cs.name}.`
          : `Create another policy on Replication policies and associate it with ${cs.name}.`,
        fieldErrors: {
          configurationServerId: [same ? `Associated with ${cs.name} already.` : `Associated with ${current?.name} already.`],
        },
      });
    }
    const ids = [policy.id, ...(policy.pairedPolicyId ? [policy.pairedPolicyId] : [])];
    for (const id of ids) {
      const res = tx
        .update(s.replicationPolicies)
        .set({ configurationServerId: cs.id })
        .where(and(eq(s.replicationPolicies.id, id), eq(s.replicationPolicies.vaultId, input.vaultId)))
        .run();
      if (res.changes !== 1) throw notFound("Replication policy", id);
    }
    return { policyId: policy.id, failbackPolicyId: policy.pairedPolicyId };
  });
}
