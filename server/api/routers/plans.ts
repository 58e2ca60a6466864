import { z } from "zod";
import { contributorProcedure, createTRPCRouter, operatorProcedure, readerProcedure, runMutation } from "../trpc";
import { getRecoveryPlan, listRecoveryPlans } from "@/server/domain/recovery-plan/queries";
import { createRecoveryPlan, createRecoveryPlanInput } from "@/server/domain/recovery-plan/create-recovery-plan";
import { runPlanFailover, runPlanFailoverInput } from "@/server/domain/recovery-plan/run-plan-failover";
import { planCommit, planCommitInput } from "@/server/domain/recovery-plan/plan-commit";
import { planReprotect, planReprotectInput } from "@/server/domain/recovery-plan/plan-reprotect";
import {
  planCleanupTestFailover,
  planCleanupTestFailoverInput,
  planTestFailover,
  planTestFailoverInput,
} from "@/server/domain/recovery-plan/plan-test-failover";
import { planPreviewInput, previewPlanOperation } from "@/server/domain/recovery-plan/preview";
import { vaultInput, verbEnv } from "../inputs";

export const plansRouter = createTRPCRouter({
  list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listRecoveryPlans(ctx.db, input.vaultId)),
  get: readerProcedure
    .input(vaultInput.extend({ planId: z.string().min(1) }))
    .query(({ ctx, input }) => getRecoveryPlan(ctx.db, input.vaultId, input.planId)),
  /** Per group, each item allowed or refused (with the reason) for an operation and direction. */
  preview: readerProcedure.input(planPreviewInput).query(({ ctx, input }) => previewPlanOperation(ctx.db, input)),
  create: contributorProcedure
    .meta({ operation: "editPlans" })
    .input(createRecoveryPlanInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.create",
          target: input.name,
          input,
          vaultId: input.vaultId,
        },
        (tx) => createRecoveryPlan(tx, input, verbEnv(ctx)),
      ),
    ),
  failover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(runPlanFailoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.failover",
          target: input.planId,
          input,
          vaultId: input.vaultId,
        },
        (tx) => runPlanFailover(tx, input, verbEnv(ctx)),
      ),
    ),
  commit: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planCommitInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.commit",
          target: input.planId,
          input,
          vaultId: input.vaultId,
        },
        (tx) => planCommit(tx, input, verbEnv(ctx)),
      ),
    ),
  reprotect: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planReprotectInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.reprotect",
          target: input.planId,
          input,
          vaultId: input.vaultId,
        },
        (tx) => planReprotect(tx, input, verbEnv(ctx)),
      ),
    ),
  testFailover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planTestFailoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.testFailover",
          target: input.planId,
          input,
          vaultId: input.vaultId,
        },
        (tx) => planTestFailover(tx, input, verbEnv(ctx)),
      ),
    ),
  cleanupTestFailover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planCleanupTestFailoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "plans.cleanupTestFailover",
          target: input.planId,
          input,
          vaultId: input.vaultId,
        },
        (tx) => planCleanupTestFailover(tx, input, verbEnv(ctx)),
      ),
    ),
});
