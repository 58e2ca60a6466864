/**
 * The one path every plan operation takes (failover, commit, reprotect, test failover, cleanup):
 * one synchronous transaction that
 *  1. asks the state machine about every item and refuses with the list of blocked items;
 *  2. dry-runs the item verb of every item (VerbEnv.checkOnly: every check, no lock, no job) in a
 *     savepoint that is rolled back, so the item's own prerequisite checks (the 12 failback checks,
 *     recovery points …) refuse now, not later;
 *  3. takes the plan lock (guarded update of recovery_plans.current_job_id) and enqueues ONE job
 *     whose steps go group by group: pre actions, start the items' jobs, wait for them, post actions.
 * Refusals roll back, so they change nothing.
 */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { enqueueJob } from "@/server/jobs/engine";
import { JOB_TYPES, recoveryPlanSteps, type RecoveryPlanJobInput } from "../steps";
import { DomainError } from "../errors";
import { parseInput } from "../validation";
import { envNow, type VerbEnv } from "../env";
import { OPERATION_COMMAND } from "../replicated-item/state";
import {
  blockedItemsError,
  emptyPlanError,
  itemOperationFor,
  loadPlan,
  lockPlan,
  planBusyError,
  planVerdicts,
  PLAN_JOB_NAME,
} from "./common";
import { runItemVerb, type PlanParams } from "./item-dispatch";

import { planTarget } from "../targets";

export { planTarget };

export type PlanOperationResult = {
  jobId: string;
  planId: string;
  warnings: string[];
};

/**
 * A plan verb: its input (planTarget and the values the operation needs) and how those become
 * the params every item's verb gets.
 */
export function planVerb<S extends z.ZodType<{ vaultId: string; planId: string }>>(schema: S, params: (input: z.output<S>) => PlanParams) {
  return (db: DbOrTx, raw: z.input<S>, env?: VerbEnv): PlanOperationResult => {
    const input = parseInput(schema, raw);
    return startPlanOperation(db, input, params(input), env);
  };
}

class DryRun extends Error {}

export function startPlanOperation(db: DbOrTx, target: z.input<typeof planTarget>, params: PlanParams, env?: VerbEnv): PlanOperationResult {
  const { vaultId, planId } = parseInput(planTarget, target);
  return db.transaction((tx) => {
    const now = envNow(tx, vaultId, env);
    const { plan, groups } = loadPlan(tx, vaultId, planId);
    const op = itemOperationFor(params.operation, params.direction);
    const command = OPERATION_COMMAND[op];
    if (plan.currentJobId) throw planBusyError(plan);
    if (!groups.some((g) => g.items.length)) throw emptyPlanError(plan.name);

    const blocked = planVerdicts(tx, vaultId, groups, op, now, env)
      .flatMap((g) => g.items)
      .filter((v) => !v.allowed)
      .map((v) => ({ name: v.name, reason: v.reason ?? "" }));
    if (blocked.length) throw blockedItemsError(plan, command, blocked);

    // The item verbs' own prerequisite checks, without keeping anything.
    const warnings: string[] = [];
    const refused: { name: string; reason: string }[] = [];
    for (const item of groups.flatMap((g) => g.items)) {
      try {
        tx.transaction((sp) => {
          warnings.push(...runItemVerb(sp, vaultId, item.id, params, { ...env, now, checkOnly: true }).warnings);
          throw new DryRun();
        });
      } catch (err) {
        if (err instanceof DryRun) continue;
        if (err instanceof DomainError) {
          if (err.kind === "Invalid") throw err;
          refused.push({ name: item.name, reason: err.message });
        } else throw err;
      }
    }
    if (refused.length) throw blockedItemsError(plan, command, refused);

    const jobId = crypto.randomUUID();
    lockPlan(tx, plan, jobId, now);
    const { steps, refs } = recoveryPlanSteps(groups, params);
    const input: RecoveryPlanJobInput = {
      planId: plan.id,
      params,
      groups: groups.map((g) => ({
        ordinal: g.ordinal,
        itemIds: g.items.map((i) => i.id),
      })),
      refs,
      itemJobs: {},
    };
    enqueueJob(tx, {
      id: jobId,
      now,
      vaultId,
      type: JOB_TYPES.recoveryPlan,
      name: PLAN_JOB_NAME[params.operation],
      targetType: "recovery-plan",
      targetId: plan.id,
      targetName: plan.name,
      input,
      steps,
      createdBy: env?.userId ?? null,
    });
    return { jobId, planId: plan.id, warnings: [...new Set(warnings)] };
  });
}
