/**
 * What the recovery-plan verbs share: loading a plan with its groups and member items, the
 * plan operations and the item operation each maps to, the plan lock (recovery_plans.current_job_id)
 * and the per-item verdicts of the state machine (the preview, and the refusal that lists them).
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { ReplicationDirection } from "@/db/schema";
import { DomainError, notFound } from "../errors";
import { CODES } from "../checks/codes";
import { envFabric, type VerbEnv } from "../env";
import { itemWorld } from "../replicated-item/common";
import { canPerform, type Operation } from "../replicated-item/state";
import type { ItemRow } from "../replicated-item/load";

export const PLAN_OPERATIONS = ["failover", "commit", "reprotect", "test-failover", "cleanup-test-failover"] as const;
export type PlanOperation = (typeof PLAN_OPERATIONS)[number];
export type PlanDirection = ReplicationDirection;

/** The job name (and command) of each plan operation. */
export const PLAN_JOB_NAME: Record<PlanOperation, string> = {
  failover: "Recovery plan failover",
  commit: "Recovery plan commit",
  reprotect: "Recovery plan reprotect",
  "test-failover": "Recovery plan test failover",
  "cleanup-test-failover": "Recovery plan test failover cleanup",
};

/** The item operation a plan operation runs on each of its items. */
export function itemOperationFor(op: PlanOperation, direction: PlanDirection): Operation {
  switch (op) {
    case "failover":
      return direction === "to-azure" ? "failover-to-azure" : "unplanned-failover-to-on-premises";
    case "commit":
      return "commit";
    case "reprotect":
      return direction === "to-on-premises" ? "reprotect-to-on-premises" : "reprotect-to-azure";
    case "test-failover":
      return "test-failover";
    case "cleanup-test-failover":
      return "cleanup-test-failover";
  }
}

export type PlanRow = typeof s.recoveryPlans.$inferSelect;
export type PlanAction = typeof s.recoveryPlanActions.$inferSelect;
export type PlanGroup = {
  id: string;
  ordinal: number;
  items: ItemRow[];
  actions: PlanAction[];
};

/** The plan's own row (NotFound when the vault has no such plan), without its groups. */
export function loadPlanRow(db: DbOrTx, vaultId: string, planId: string): PlanRow {
  const plan = db
    .select()
    .from(s.recoveryPlans)
    .where(and(eq(s.recoveryPlans.vaultId, vaultId), eq(s.recoveryPlans.id, planId)))
    .get();
  if (!plan) throw notFound("Recovery plan", planId);
  return plan;
}

export function loadPlan(db: DbOrTx, vaultId: string, planId: string): { plan: PlanRow; groups: PlanGroup[] } {
  const plan = loadPlanRow(db, vaultId, planId);
  const groups = db
    .select()
    .from(s.recoveryPlanGroups)
    .where(eq(s.recoveryPlanGroups.planId, plan.id))
    .orderBy(asc(s.recoveryPlanGroups.ordinal))
    .all();
  const ids = groups.map((g) => g.id);
  const members = ids.length
    ? db
        .select({
          groupId: s.recoveryPlanItems.groupId,
          item: s.replicatedItems,
        })
        .from(s.recoveryPlanItems)
        .innerJoin(s.replicatedItems, eq(s.replicatedItems.id, s.recoveryPlanItems.replicatedItemId))
        .where(inArray(s.recoveryPlanItems.groupId, ids))
        .orderBy(asc(s.replicatedItems.name))
        .all()
    : [];
  const actions = ids.length
    ? db
        .select()
        .from(s.recoveryPlanActions)
        .where(inArray(s.recoveryPlanActions.groupId, ids))
        .orderBy(asc(s.recoveryPlanActions.ordinal))
        .all()
    : [];
  return {
    plan,
    groups: groups.map((g) => ({
      id: g.id,
      ordinal: g.ordinal,
      items: members.filter((m) => m.groupId === g.id).map((m) => m.item),
      actions: actions.filter((a) => a.groupId === g.id),
    })),
  };
}

export type ItemVerdict = {
  id: string;
  name: string;
  allowed: boolean;
  reason: string | null;
  recommendedAction: string | null;
};
export type GroupPreview = {
  ordinal: number;
  items: ItemVerdict[];
  pre: string[];
  post: string[];
};

/** Per group, each item's verdict for the item operation (state machine: allowedOperations/canPerform). */
export function planVerdicts(db: DbOrTx, vaultId: string, groups: PlanGroup[], op: Operation, now: Date, env?: VerbEnv): GroupPreview[] {
  const fabric = envFabric(db, vaultId, now, env);
  return groups.map((g) => ({
    ordinal: g.ordinal,
    pre: g.actions.filter((a) => a.phase === "pre").map((a) => a.name),
    post: g.actions.filter((a) => a.phase === "post").map((a) => a.name),
    items: g.items.map((item) => {
      const v = canPerform(op, item, itemWorld(db, fabric, item));
      return {
        id: item.id,
        name: item.name,
        allowed: v.allowed,
        reason: v.allowed ? null : (v.reason ?? "Not allowed now."),
        recommendedAction: v.allowed ? null : (v.recommendedAction ?? null),
      };
    }),
  }));
}

/** The refusal that names every blocked item and why. */
export function blockedItemsError(plan: PlanRow, command: string, blocked: { name: string; reason: string }[]): DomainError {
  return new DomainError("NotAllowed", {
    code: CODES.recoveryPlanItemsNotReady,
    message: `${command} of the recovery plan ${plan.name} is not possible: ${blocked.length} item${blocked.length === 1 ? "" : "s"} cannot take part. ${blocked.map((b) => `${b.name}: ${b.reason}`).join(" ")}`,
    possibleCauses: "Every item of a recovery plan must be in a stage of the round trip that allows the operation.",
    recommendedAction: "Bring the listed items to the right stage (see Replicated items), or remove them from the plan, then try again.",
  });
}

/** A plan operation or its options on a plan whose groups hold no item. */
export function emptyPlanError(planName: string): DomainError {
  return new DomainError("NotAllowed", {
    code: CODES.recoveryPlanEmpty,
    message: `The recovery plan ${planName} has no replicated items.`,
    recommendedAction: "Add replicated items to the plan's groups first.",
  });
}

export function planBusyError(plan: PlanRow): DomainError {
  return new DomainError("Conflict", {
    code: CODES.operationInProgress,
    message: `Another operation is in progress on the recovery plan ${plan.name}.`,
    possibleCauses: "A recovery plan runs one operation at a time.",
    recommendedAction: "Wait for the running job to finish (see Jobs), then try again.",
  });
}

/** Guarded update: takes the plan lock only if nobody holds it. */
export function lockPlan(tx: Tx, plan: PlanRow, jobId: string, now: Date): void {
  const res = tx
    .update(s.recoveryPlans)
    .set({ currentJobId: jobId, updatedAt: now })
    .where(and(eq(s.recoveryPlans.id, plan.id), isNull(s.recoveryPlans.currentJobId)))
    .run();
  if (res.changes !== 1) throw planBusyError(plan);
}

export function unlockPlan(tx: DbOrTx, planId: string, jobId: string, now: Date): void {
  tx.update(s.recoveryPlans)
    .set({ currentJobId: null, updatedAt: now })
    .where(and(eq(s.recoveryPlans.id, planId), eq(s.recoveryPlans.currentJobId, jobId)))
    .run();
}
