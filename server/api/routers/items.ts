/** Replicated items: read models and the item verbs (validate → authorize → one domain call). */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { contributorProcedure, createTRPCRouter, operatorProcedure, readerProcedure, verb } from "../trpc";
import {
  getItem,
  getReplicateOptions,
  getReprotectOptions,
  getReprotectToAzureOptions,
  listItems,
  listItemsInput,
  listItemRecoveryPoints,
  listItemRecoveryPointsInput,
  listItemsPage,
  listItemsPageInput,
} from "@/server/domain/replicated-item/queries";
import { drillReport, itemHistory } from "@/server/domain/replicated-item/history";
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
import { bulkItemOperation, bulkItemOperationInput, bulkItemVerdicts, bulkItemVerdictsInput } from "@/server/domain/replicated-item/bulk";
import { vaultInput } from "../inputs";

const itemInput = vaultInput.extend({ itemId: z.string().max(ID_MAX).min(1) });

/** A bulk action of the grid: the operation fixed by the procedure, so each has its own role. */
const bulk = <O extends "test-failover" | "cleanup-test-failover" | "disable-replication">(operation: O) =>
  verb(
    (tx, input: Omit<z.input<typeof bulkItemOperationInput>, "operation">, env) => bulkItemOperation(tx, { ...input, operation }, env),
    (i) => (Array.isArray(i.itemIds) ? i.itemIds.join(",").slice(0, 200) : null),
  );
const bulkInput = bulkItemOperationInput.omit({ operation: true });

export const itemsRouter = createTRPCRouter({
  /** The grid: one page (≤ 100 rows) filtered and sorted in SQL, with the total matching. */
  list: readerProcedure.input(listItemsPageInput).query(({ ctx, input }) => listItemsPage(ctx.db, input)),
  /** Every matching item by name, for pickers that offer them all (not polled). */
  all: readerProcedure.input(listItemsInput).query(({ ctx, input }) => listItems(ctx.db, input)),
  get: readerProcedure.input(itemInput).query(({ ctx, input }) => getItem(ctx.db, input.vaultId, input.itemId)),
  /** The grid's bulk actions over the selected items: which each runs on, which it refuses and why (the verbs' state machine). */
  bulkVerdicts: readerProcedure.input(bulkItemVerdictsInput).query(({ ctx, input }) => bulkItemVerdicts(ctx.db, input)),
  recoveryPoints: readerProcedure.input(listItemRecoveryPointsInput).query(({ ctx, input }) => listItemRecoveryPoints(ctx.db, input)),
  reprotectOptions: readerProcedure.input(itemInput).query(({ ctx, input }) => getReprotectOptions(ctx.db, input.vaultId, input.itemId)),
  reprotectToAzureOptions: readerProcedure
    .input(itemInput)
    .query(({ ctx, input }) => getReprotectToAzureOptions(ctx.db, input.vaultId, input.itemId)),
  history: readerProcedure.input(itemInput).query(({ ctx, input }) => itemHistory(ctx.db, input.vaultId, input.itemId)),
  /** The drill evidence report of an item's (itemId) or a recovery plan's (planId) latest test failover. */
  drillReport: readerProcedure
    .input(vaultInput.extend({ itemId: z.string().min(1).max(ID_MAX).optional(), planId: z.string().min(1).max(ID_MAX).optional() }))
    .query(({ ctx, input }) =>
      drillReport(ctx.db, input.vaultId, input.planId ? { planId: input.planId } : { itemId: input.itemId ?? "" }),
    ),
  readiness: readerProcedure.input(readinessInput).query(({ ctx, input }) => readinessCheck(ctx.db, input)),
  replicateOptions: readerProcedure.input(vaultInput).query(({ ctx, input }) => getReplicateOptions(ctx.db, input.vaultId)),

  enableReplication: contributorProcedure
    .meta({ operation: "enableReplication" })
    .input(enableReplicationInput)
    .mutation(verb(enableReplication, (i) => i.machineIds.join(","))),
  failover: operatorProcedure
    .meta({ operation: "failover" })
    .input(failoverInput)
    .mutation(verb(failoverToAzure, (i) => i.itemId)),
  failoverReplicationGroup: operatorProcedure
    .meta({ operation: "failover" })
    .input(failoverReplicationGroupInput)
    .mutation(verb(failoverReplicationGroup, (i) => i.replicationGroup)),
  unplannedFailover: operatorProcedure
    .meta({ operation: "unplannedFailover" })
    .input(unplannedFailoverToOnPremisesInput)
    .mutation(verb(unplannedFailoverToOnPremises, (i) => i.itemId)),
  commit: operatorProcedure
    .meta({ operation: "commit" })
    .input(commitInput)
    .mutation(verb(commit, (i) => i.itemId)),
  changeRecoveryPoint: operatorProcedure
    .meta({ operation: "changeRecoveryPoint" })
    .input(changeRecoveryPointInput)
    .mutation(verb(changeRecoveryPoint, (i) => i.itemId)),
  bulkTestFailover: operatorProcedure.meta({ operation: "testFailover" }).input(bulkInput).mutation(bulk("test-failover")),
  bulkCleanupTestFailover: operatorProcedure
    .meta({ operation: "cleanupTestFailover" })
    .input(bulkInput)
    .mutation(bulk("cleanup-test-failover")),
  bulkDisableReplication: contributorProcedure
    .meta({ operation: "disableReplication" })
    .input(bulkInput)
    .mutation(bulk("disable-replication")),
  testFailover: operatorProcedure
    .meta({ operation: "testFailover" })
    .input(testFailoverInput)
    .mutation(verb(testFailover, (i) => i.itemId)),
  cleanupTestFailover: operatorProcedure
    .meta({ operation: "cleanupTestFailover" })
    .input(cleanupTestFailoverInput)
    .mutation(verb(cleanupTestFailover, (i) => i.itemId)),
  reprotectToOnPremises: operatorProcedure
    .meta({ operation: "reprotect" })
    .input(reprotectToOnPremisesInput)
    .mutation(verb(reprotectToOnPremises, (i) => i.itemId)),
  reprotectToAzure: operatorProcedure
    .meta({ operation: "reprotect" })
    .input(reprotectToAzureInput)
    .mutation(verb(reprotectToAzure, (i) => i.itemId)),
  disableReplication: contributorProcedure
    .meta({ operation: "disableReplication" })
    .input(disableReplicationInput)
    .mutation(verb(disableReplication, (i) => i.itemId)),
});
