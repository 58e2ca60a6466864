/** Replicated items: read models and the item verbs (validate → authorize → one domain call). */
import { z } from "zod";
import { contributorProcedure, createTRPCRouter, operatorProcedure, readerProcedure, runMutation } from "../trpc";
import {
  getItem,
  getRecoveryPoints,
  getReplicateOptions,
  getReprotectOptions,
  getReprotectToAzureOptions,
  listItems,
  listItemsInput,
} from "@/server/domain/replicated-item/queries";
import { readinessCheck, readinessInput } from "@/server/domain/replicated-item/readiness";
import { enableReplication, enableReplicationInput } from "@/server/domain/replicated-item/enable-replication";
import { failoverInput, failoverToAzure } from "@/server/domain/replicated-item/failover";
import { failoverReplicationGroup, failoverReplicationGroupInput } from "@/server/domain/replicated-item/failover-replication-group";
import {
  unplannedFailoverToOnPremises,
  unplannedFailoverToOnPremisesInput,
} from "@/server/domain/replicated-item/unplanned-failover-to-on-premises";
import { commit, commitInput } from "@/server/domain/replicated-item/commit";
import { changeRecoveryPoint, changeRecoveryPointInput } from "@/server/domain/replicated-item/change-recovery-point";
import { testFailover, testFailoverInput } from "@/server/domain/replicated-item/test-failover";
import { cleanupTestFailover, cleanupTestFailoverInput } from "@/server/domain/replicated-item/cleanup-test-failover";
import { reprotectToOnPremises, reprotectToOnPremisesInput } from "@/server/domain/replicated-item/reprotect-to-on-premises";
import { reprotectToAzure, reprotectToAzureInput } from "@/server/domain/replicated-item/reprotect-to-azure";
import { disableReplication, disableReplicationInput } from "@/server/domain/replicated-item/disable-replication";
import { vaultInput, verbEnv } from "../inputs";

const itemInput = vaultInput.extend({ itemId: z.string().min(1) });

export const itemsRouter = createTRPCRouter({
  list: readerProcedure.input(listItemsInput).query(({ ctx, input }) => listItems(ctx.db, input)),
  get: readerProcedure.input(itemInput).query(({ ctx, input }) => getItem(ctx.db, input.vaultId, input.itemId)),
  recoveryPoints: readerProcedure.input(itemInput).query(({ ctx, input }) => getRecoveryPoints(ctx.db, input.vaultId, input.itemId)),
  reprotectOptions: readerProcedure.input(itemInput).query(({ ctx, input }) => getReprotectOptions(ctx.db, input.vaultId, input.itemId)),
  reprotectToAzureOptions: readerProcedure
    .input(itemInput)
    .query(({ ctx, input }) => getReprotectToAzureOptions(ctx.db, input.vaultId, input.itemId)),
  readiness: readerProcedure.input(readinessInput).query(({ ctx, input }) => readinessCheck(ctx.db, input)),
  replicateOptions: readerProcedure.input(vaultInput).query(({ ctx, input }) => getReplicateOptions(ctx.db, input.vaultId)),

  enableReplication: contributorProcedure
    .meta({ operation: "enableReplication" })
    .input(enableReplicationInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.enableReplication", target: input.machineIds.join(","), input, vaultId: input.vaultId }, (tx) =>
        enableReplication(tx, input, verbEnv(ctx)),
      ),
    ),
  failover: operatorProcedure
    .meta({ operation: "failover" })
    .input(failoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.failover", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        failoverToAzure(tx, input, verbEnv(ctx)),
      ),
    ),
  failoverReplicationGroup: operatorProcedure
    .meta({ operation: "failover" })
    .input(failoverReplicationGroupInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        { operation: "items.failoverReplicationGroup", target: input.replicationGroup, input, vaultId: input.vaultId },
        (tx) => failoverReplicationGroup(tx, input, verbEnv(ctx)),
      ),
    ),
  unplannedFailover: operatorProcedure
    .meta({ operation: "unplannedFailover" })
    .input(unplannedFailoverToOnPremisesInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.unplannedFailover", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        unplannedFailoverToOnPremises(tx, input, verbEnv(ctx)),
      ),
    ),
  commit: operatorProcedure
    .meta({ operation: "commit" })
    .input(commitInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.commit", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        commit(tx, input, verbEnv(ctx)),
      ),
    ),
  changeRecoveryPoint: operatorProcedure
    .meta({ operation: "changeRecoveryPoint" })
    .input(changeRecoveryPointInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.changeRecoveryPoint", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        changeRecoveryPoint(tx, input, verbEnv(ctx)),
      ),
    ),
  testFailover: operatorProcedure
    .meta({ operation: "testFailover" })
    .input(testFailoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.testFailover", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        testFailover(tx, input, verbEnv(ctx)),
      ),
    ),
  cleanupTestFailover: operatorProcedure
    .meta({ operation: "cleanupTestFailover" })
    .input(cleanupTestFailoverInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.cleanupTestFailover", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        cleanupTestFailover(tx, input, verbEnv(ctx)),
      ),
    ),
  reprotectToOnPremises: operatorProcedure
    .meta({ operation: "reprotect" })
    .input(reprotectToOnPremisesInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.reprotectToOnPremises", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        reprotectToOnPremises(tx, input, verbEnv(ctx)),
      ),
    ),
  reprotectToAzure: operatorProcedure
    .meta({ operation: "reprotect" })
    .input(reprotectToAzureInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.reprotectToAzure", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        reprotectToAzure(tx, input, verbEnv(ctx)),
      ),
    ),
  disableReplication: contributorProcedure
    .meta({ operation: "disableReplication" })
    .input(disableReplicationInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "items.disableReplication", target: input.itemId, input, vaultId: input.vaultId }, (tx) =>
        disableReplication(tx, input, verbEnv(ctx)),
      ),
    ),
});
