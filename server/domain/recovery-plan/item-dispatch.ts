/**
 * Runs the ITEM verb that a plan operation means for one item, in the caller's transaction
 * (a savepoint). The plan never copies an item rule: the item verbs decide, lock and enqueue.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { failoverToAzure } from "../replicated-item/failover";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { commit } from "../replicated-item/commit";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { reprotectToAzure } from "../replicated-item/reprotect-to-azure";
import { testFailover } from "../replicated-item/test-failover";
import { cleanupTestFailover } from "../replicated-item/cleanup-test-failover";
import type { VerbEnv } from "../env";
import type { PlanDirection, PlanOperation } from "./common";

/** The recovery points a plan offers for all its items. */
import { PLAN_RECOVERY_POINTS } from "./inputs";

export { PLAN_RECOVERY_POINTS };
export type PlanRecoveryPoint = (typeof PLAN_RECOVERY_POINTS)[number];

/** The values a plan operation applies once to every item. */
export type PlanParams = {
  operation: PlanOperation;
  direction: PlanDirection;
  recoveryPoint?: PlanRecoveryPoint;
  processServerId?: string;
  masterTargetId?: string;
  accountId?: string;
  datastoreId?: string;
  retentionVolumeId?: string;
  networkId?: string;
  notes?: string;
};

/** A multi-VM choice means a group's common point; an item outside a group takes its own point of that kind. */
const OUTSIDE_GROUP: Partial<Record<PlanRecoveryPoint, PlanRecoveryPoint>> = {
  "latest-multi-vm-processed": "latest-processed",
  "latest-multi-vm-app-consistent": "latest-app-consistent",
};

function pointFor(db: DbOrTx, itemId: string, p: PlanParams): PlanRecoveryPoint {
  const choice = p.recoveryPoint ?? "latest-processed";
  const alone = OUTSIDE_GROUP[choice];
  if (!alone) return choice;
  const item = db
    .select({ group: s.replicatedItems.replicationGroup })
    .from(s.replicatedItems)
    .where(eq(s.replicatedItems.id, itemId))
    .get();
  return item?.group ? choice : alone;
}

export function runItemVerb(
  db: DbOrTx,
  vaultId: string,
  itemId: string,
  p: PlanParams,
  env?: VerbEnv,
): { jobId: string; warnings: string[] } {
  const base = { vaultId, itemId };
  switch (p.operation) {
    case "failover":
      return p.direction === "to-azure"
        ? failoverToAzure(
            db,
            {
              ...base,
              mode: "unplanned",
              recoveryPoint: pointFor(db, itemId, p),
            },
            env,
          )
        : unplannedFailoverToOnPremises(db, { ...base, recoveryPoint: pointFor(db, itemId, p) }, env);
    case "commit":
      return commit(db, { ...base, direction: p.direction }, env);
    case "reprotect":
      return p.direction === "to-on-premises"
        ? reprotectToOnPremises(
            db,
            {
              ...base,
              processServerId: p.processServerId ?? "",
              masterTargetId: p.masterTargetId ?? "",
              accountId: p.accountId ?? "",
              datastoreId: p.datastoreId ?? "",
              retentionVolumeId: p.retentionVolumeId ?? "",
              // A plan re-protects replication groups together, all with the plan's master target (check 11).
              viaRecoveryPlan: true,
              planMasterTargetId: p.masterTargetId,
            },
            env,
          )
        : reprotectToAzure(db, { ...base, processServerId: p.processServerId ?? "" }, env);
    case "test-failover":
      return testFailover(
        db,
        {
          ...base,
          networkId: p.networkId ?? "",
          recoveryPoint: pointFor(db, itemId, p),
        },
        env,
      );
    case "cleanup-test-failover":
      return cleanupTestFailover(db, { ...base, notes: p.notes }, env);
  }
}
