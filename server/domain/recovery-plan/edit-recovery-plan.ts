/**
 * Edit a recovery plan (rename; add, remove, reorder groups; add, remove and move items; pre/post
 * script and manual actions) and delete one. The new layout is saved at once, in one transaction;
 * a plan that runs refuses both (its job follows the layout it started with).
 */
import { JOB_SUMMARY_COLUMNS } from "../jobs/columns";
import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { loadPlanRow, type PlanRow } from "./common";
import { assertPlanNameFree, checkPlanGroups, insertPlanGroups } from "./create-recovery-plan";
import { deleteRecoveryPlanInput, updateRecoveryPlanInput, type DeleteRecoveryPlanInput, type UpdateRecoveryPlanInput } from "./inputs";

export { deleteRecoveryPlanInput, updateRecoveryPlanInput, type DeleteRecoveryPlanInput, type UpdateRecoveryPlanInput };

function runningError(plan: PlanRow, what: string): DomainError {
  return new DomainError("Conflict", {
    code: CODES.operationInProgress,
    message: `The recovery plan ${plan.name} is running; it cannot be ${what} now.`,
    possibleCauses: "A recovery plan is not changed while one of its jobs runs: the job follows the groups it started with.",
    recommendedAction: "Wait for the plan's job to finish (see Jobs), or cancel it, then try again.",
  });
}

/** Removes the plan's groups with their items and actions. */
function removeGroups(tx: Tx, planId: string): void {
  const groupIds = tx
    .select({ id: s.recoveryPlanGroups.id })
    .from(s.recoveryPlanGroups)
    .where(eq(s.recoveryPlanGroups.planId, planId))
    .all()
    .map((g) => g.id);
  if (!groupIds.length) return;
  tx.delete(s.recoveryPlanActions).where(inArray(s.recoveryPlanActions.groupId, groupIds)).run();
  tx.delete(s.recoveryPlanItems).where(inArray(s.recoveryPlanItems.groupId, groupIds)).run();
  tx.delete(s.recoveryPlanGroups).where(eq(s.recoveryPlanGroups.planId, planId)).run();
}

/** Guarded: the plan must not have started a job since it was loaded. */
function touchIdle(tx: Tx, plan: PlanRow, set: Partial<PlanRow>, what: string): void {
  const res = tx
    .update(s.recoveryPlans)
    .set(set)
    .where(and(eq(s.recoveryPlans.id, plan.id), isNull(s.recoveryPlans.currentJobId)))
    .run();
  if (res.changes !== 1) throw runningError(plan, what);
}

export function updateRecoveryPlan(db: DbOrTx, raw: UpdateRecoveryPlanInput, env?: VerbEnv): { planId: string } {
  return vaultVerb(db, updateRecoveryPlanInput, raw, env, ({ tx, input, now }) => {
    const plan = loadPlanRow(tx, input.vaultId, input.planId);
    if (plan.currentJobId) throw runningError(plan, "edited");
    checkPlanGroups(tx, input.vaultId, input.groups);
    assertPlanNameFree(tx, input.vaultId, input.name, plan.id);
    touchIdle(tx, plan, { name: input.name, updatedAt: now }, "edited");
    removeGroups(tx, plan.id);
    insertPlanGroups(tx, plan.id, input.groups);
    return { planId: plan.id };
  });
}

export function deleteRecoveryPlan(db: DbOrTx, raw: DeleteRecoveryPlanInput, env?: VerbEnv): { planId: string } {
  return vaultVerb(db, deleteRecoveryPlanInput, raw, env, ({ tx, input }) => {
    const plan = loadPlanRow(tx, input.vaultId, input.planId);
    if (plan.currentJobId) throw runningError(plan, "deleted");
    removeGroups(tx, plan.id);
    const res = tx
      .delete(s.recoveryPlans)
      .where(and(eq(s.recoveryPlans.id, plan.id), isNull(s.recoveryPlans.currentJobId)))
      .run();
    if (res.changes !== 1) throw runningError(plan, "deleted");
    return { planId: plan.id };
  });
}

/** The plan's last runs (its own jobs), newest first. */
export function planRuns(db: DbOrTx, vaultId: string, planId: string, limit = 10) {
  const plan = loadPlanRow(db, vaultId, planId);
  return db
    .select({
      ...JOB_SUMMARY_COLUMNS,
      createdBy: s.users.name,
    })
    .from(s.jobs)
    .leftJoin(s.users, eq(s.users.id, s.jobs.createdBy))
    .where(and(eq(s.jobs.vaultId, vaultId), eq(s.jobs.targetId, plan.id)))
    .orderBy(desc(s.jobs.createdAt), desc(s.jobs.id))
    .limit(limit)
    .all();
}

/** The items an edit can add: every replicated item of the vault (replication not disabled). */
export function planEditOptions(db: DbOrTx, vaultId: string) {
  return db
    .select({ id: s.replicatedItems.id, name: s.replicatedItems.name })
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.vaultId, vaultId), ne(s.replicatedItems.state, "replication-disabled")))
    .orderBy(s.replicatedItems.name)
    .all();
}
