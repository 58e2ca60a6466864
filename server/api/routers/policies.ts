/** Replication policies (each creates its read-only failback policy) and their associations with configuration servers. */
import { contributorProcedure, createTRPCRouter, readerProcedure, verb } from "../trpc";
import { getPolicy, listPolicies } from "@/server/domain/policy/queries";
import { createReplicationPolicy, createReplicationPolicyInput } from "@/server/domain/policy/create-replication-policy";
import { associatePolicy, associatePolicyInput, dissociatePolicy, dissociatePolicyInput } from "@/server/domain/policy/associate-policy";
import { policyTarget } from "@/server/domain/policy/inputs";
import { vaultInput } from "../inputs";

export const policiesRouter = createTRPCRouter({
  list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listPolicies(ctx.db, input.vaultId)),
  get: readerProcedure.input(policyTarget).query(({ ctx, input }) => getPolicy(ctx.db, input.vaultId, input.policyId)),
  create: contributorProcedure
    .meta({ operation: "managePolicies" })
    .input(createReplicationPolicyInput)
    .mutation(verb(createReplicationPolicy, (i) => i.name)),
  associate: contributorProcedure
    .meta({ operation: "managePolicies" })
    .input(associatePolicyInput)
    .mutation(verb(associatePolicy, (i) => i.policyId)),
  dissociate: contributorProcedure
    .meta({ operation: "managePolicies" })
    .input(dissociatePolicyInput)
    .mutation(verb(dissociatePolicy, (i) => i.policyId)),
});
