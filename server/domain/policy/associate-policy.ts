/**
 * Associate a replication policy with a configuration server, or dissociate it (Replication
 * policies > Associate / Dissociate). A policy may be associated with several configuration
 * servers. Its failback policy follows it: both change in one transaction; a failback policy is
 * read-only and is never associated or dissociated on its own. Dissociate is refused while an item
 * of that configuration server uses the policy or its failback policy.
 */
import { loadPolicy } from "./paired";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError, notFound } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer } from "../infrastructure/load";
import { associatePolicyInput, dissociatePolicyInput, type AssociatePolicyInput, type DissociatePolicyInput } from "./inputs";
import { failbackReadOnlyReason } from "./read-only";
import { isAssociated, itemsUsingOn, policyPair } from "./associations";

export { associatePolicyInput, dissociatePolicyInput, type AssociatePolicyInput, type DissociatePolicyInput };

type Result = { policyId: string; failbackPolicyId: string | null };

/** The policy (not a failback policy) and the configuration server of the vault, or a typed refusal. */
function loadPair(tx: Tx, input: { vaultId: string; policyId: string; configurationServerId: string }, verb: "Associate" | "Dissociate") {
  const policy = loadPolicy(tx, input.vaultId, input.policyId);
  if (policy.direction === "failback") {
    const twin = policy.pairedPolicyId
      ? tx
          .select({ name: s.replicationPolicies.name })
          .from(s.replicationPolicies)
          .where(eq(s.replicationPolicies.id, policy.pairedPolicyId))
          .get()
      : undefined;
    throw new DomainError("NotAllowed", {
      code: CODES.failbackPolicyReadOnly,
      message: `${policy.name} is a failback policy: ${failbackReadOnlyReason(twin?.name ?? null)}`,
      possibleCauses: "The failback policy was chosen instead of its replication policy.",
      recommendedAction: `${verb} ${twin?.name ?? "its replication policy"} on Replication policies; its failback policy follows it.`,
    });
  }
  const cs = findConfigurationServer(tx, input.vaultId, input.configurationServerId);
  if (!cs) throw notFound("Configuration server", input.configurationServerId);
  return { policy, cs, ids: policyPair(policy) };
}

export function associatePolicy(db: DbOrTx, raw: AssociatePolicyInput, env?: VerbEnv): Result {
  return vaultVerb(db, associatePolicyInput, raw, env, ({ tx, input, now }) => {
    const { policy, cs, ids } = loadPair(tx, input, "Associate");
    if (isAssociated(tx, policy.id, cs.id))
      throw new DomainError("Invalid", {
        code: CODES.policyAlreadyAssociated,
        message: `${policy.name} is associated with ${cs.name} already.`,
        possibleCauses: "The policy was associated before.",
        recommendedAction: `Choose it in the Replicate wizard of ${cs.name}.`,
        fieldErrors: { configurationServerId: [`Associated with ${cs.name} already.`] },
      });
    tx.insert(s.policyConfigurationServers)
      .values(ids.map((policyId) => ({ policyId, configurationServerId: cs.id, createdAt: now })))
      .onConflictDoNothing()
      .run();
    return { policyId: policy.id, failbackPolicyId: policy.pairedPolicyId };
  });
}

export function dissociatePolicy(db: DbOrTx, raw: DissociatePolicyInput, env?: VerbEnv): Result {
  return vaultVerb(db, dissociatePolicyInput, raw, env, ({ tx, input }) => {
    const { policy, cs, ids } = loadPair(tx, input, "Dissociate");
    if (!isAssociated(tx, policy.id, cs.id))
      throw new DomainError("Invalid", {
        code: CODES.policyNotAssociated,
        message: `${policy.name} is not associated with ${cs.name}.`,
        recommendedAction: "Refresh Replication policies: the association may have been removed already.",
        fieldErrors: { configurationServerId: [`Not associated with ${cs.name}.`] },
      });
    const items = itemsUsingOn(tx, ids, cs.id);
    if (items.length) {
      const shown = items.slice(0, 5).map((i) => i.name);
      throw new DomainError("NotAllowed", {
        code: CODES.policyInUse,
        message: `${policy.name} is used by ${items.length} replicated item${items.length === 1 ? "" : "s"} of ${cs.name} (${shown.join(", ")}${items.length > shown.length ? ", …" : ""}); it can't be dissociated from ${cs.name}.`,
        possibleCauses: `Replication of these machines applies ${policy.name} or its failback policy.`,
        recommendedAction: `Disable replication of these items (Replicated items), then dissociate ${policy.name} from ${cs.name}.`,
      });
    }
    tx.delete(s.policyConfigurationServers)
      .where(and(inArray(s.policyConfigurationServers.policyId, ids), eq(s.policyConfigurationServers.configurationServerId, cs.id)))
      .run();
    return { policyId: policy.id, failbackPolicyId: policy.pairedPolicyId };
  });
}
