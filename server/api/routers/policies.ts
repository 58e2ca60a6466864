/** Replication policies (each creates its read-only failback policy). */
import { contributorProcedure, createTRPCRouter, readerProcedure, verb } from "../trpc";
import { listPolicies } from "@/server/domain/policy/queries";
import { createReplicationPolicy, createReplicationPolicyInput } from "@/server/domain/policy/create-replication-policy";
import { vaultInput } from "../inputs";

export const policiesRouter = createTRPCRouter({
  list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listPolicies(ctx.db, input.vaultId)),
  create: contributorProcedure
    .meta({ operation: "managePolicies" })
    .input(createReplicationPolicyInput)
    .mutation(verb(createReplicationPolicy, (i) => i.name)),
});
