/** Replication policies (each creates its read-only failback policy). */
import { z } from "zod";
import { contributorProcedure, createTRPCRouter, readerProcedure, runMutation } from "../trpc";
import { listPolicies } from "@/server/domain/policy/queries";
import { createReplicationPolicy, createReplicationPolicyInput } from "@/server/domain/policies/create-replication-policy";

export const policiesRouter = createTRPCRouter({
  list: readerProcedure.input(z.object({ vaultId: z.string().min(1) })).query(({ ctx, input }) => listPolicies(ctx.db, input.vaultId)),
  create: contributorProcedure
    .meta({ operation: "managePolicies" })
    .input(createReplicationPolicyInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "policies.create", target: input.name, input, vaultId: input.vaultId }, (tx) => createReplicationPolicy(tx, input, { userId: ctx.user?.id ?? null })),
    ),
});
