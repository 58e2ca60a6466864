import { planTarget } from "@/server/domain/targets";
import { contributorProcedure, createTRPCRouter, operatorProcedure, readerProcedure, verb } from "../trpc";
import { getRecoveryPlan, listRecoveryPlans } from "@/server/domain/recovery-plan/queries";
import { getPlanCommands } from "@/server/domain/recovery-plan/commands";
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
import { getPlanReprotectOptions, getPlanReprotectToAzureOptions } from "@/server/domain/recovery-plan/reprotect-options";
import {
  deleteRecoveryPlan,
  deleteRecoveryPlanInput,
  planEditOptions,
  planRuns,
  updateRecoveryPlan,
  updateRecoveryPlanInput,
} from "@/server/domain/recovery-plan/edit-recovery-plan";
import { vaultInput } from "../inputs";

export const plansRouter = createTRPCRouter({
  list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listRecoveryPlans(ctx.db, input.vaultId)),
  get: readerProcedure.input(planTarget).query(({ ctx, input }) => getRecoveryPlan(ctx.db, input.vaultId, input.planId)),
  /** The plan page's commands: each allowed or why not (the plan verbs' first rule), and the direction it would go. */
  commands: readerProcedure.input(planTarget).query(({ ctx, input }) => getPlanCommands(ctx.db, input.vaultId, input.planId)),
  /** The Re-protect (Azure to on-premises) choices over every machine of the plan: one any machine's Re-protect refuses is disabled, naming it. */
  reprotectOptions: readerProcedure
    .input(planTarget)
    .query(({ ctx, input }) => getPlanReprotectOptions(ctx.db, input.vaultId, input.planId)),
  /** The Re-protect (on-premises to Azure) process servers over every machine of the plan: one any machine's Re-protect refuses is disabled, naming it. */
  reprotectToAzureOptions: readerProcedure
    .input(planTarget)
    .query(({ ctx, input }) => getPlanReprotectToAzureOptions(ctx.db, input.vaultId, input.planId)),
  /** Per group, each item allowed or refused (with the reason) for an operation and direction. */
  preview: readerProcedure.input(planPreviewInput).query(({ ctx, input }) => previewPlanOperation(ctx.db, input)),
  /** The plan's last runs. */
  runs: readerProcedure.input(planTarget).query(({ ctx, input }) => planRuns(ctx.db, input.vaultId, input.planId)),
  editOptions: readerProcedure.input(vaultInput).query(({ ctx, input }) => planEditOptions(ctx.db, input.vaultId)),
  update: contributorProcedure
    .meta({ operation: "editPlans" })
    .input(updateRecoveryPlanInput)
    .mutation(verb(updateRecoveryPlan, (i) => i.planId)),
  delete: contributorProcedure
    .meta({ operation: "editPlans" })
    .input(deleteRecoveryPlanInput)
    .mutation(verb(deleteRecoveryPlan, (i) => i.planId)),
  create: contributorProcedure
    .meta({ operation: "editPlans" })
    .input(createRecoveryPlanInput)
    .mutation(verb(createRecoveryPlan, (i) => i.name)),
  failover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(runPlanFailoverInput)
    .mutation(verb(runPlanFailover, (i) => i.planId)),
  commit: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planCommitInput)
    .mutation(verb(planCommit, (i) => i.planId)),
  reprotect: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planReprotectInput)
    .mutation(verb(planReprotect, (i) => i.planId)),
  testFailover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planTestFailoverInput)
    .mutation(verb(planTestFailover, (i) => i.planId)),
  cleanupTestFailover: operatorProcedure
    .meta({ operation: "runPlan" })
    .input(planCleanupTestFailoverInput)
    .mutation(verb(planCleanupTestFailover, (i) => i.planId)),
});
