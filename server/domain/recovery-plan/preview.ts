/**
 * What a plan operation would do, per group, before OK: each item allowed or refused with the
 * reason; for a failover or test failover the recovery point it would use and its age (the
 * data-loss window); the prerequisite checks that would fail; and an estimated duration per item,
 * per group (its items run together) and in total. Reads only.
 */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { parseInput } from "../validation";
import { envFabric, envNow, type VerbEnv } from "../env";
import { DomainError } from "../errors";
import { OPERATION_COMMAND, stageOf, type Operation } from "../replicated-item/state";
import { pickRecoveryPoint } from "../replicated-item/recovery-points";
import { buildCheckWorld, CHECKS_FOR, proposalFromItem, runChecks } from "../checks";
import type { ItemRow } from "../replicated-item/load";
import { commitSteps, failoverSteps, recoveryPlanSteps, reprotectSteps, testFailoverCleanupSteps, testFailoverSteps } from "../steps";
import type { StepSpec } from "@/server/jobs/types";
import { itemOperationFor, loadPlan, planVerdicts, PLAN_OPERATIONS, type GroupPreview, type PlanGroup } from "./common";
import { PLAN_RECOVERY_POINTS } from "./inputs";
import { planTarget } from "./plan-operation";

export const planPreviewInput = planTarget.extend({
  operation: z.enum(PLAN_OPERATIONS),
  direction: z.enum(REPLICATION_DIRECTIONS).default("to-azure"),
  /** The recovery point the dialog has chosen (failover and test failover). */
  recoveryPoint: z.enum(PLAN_RECOVERY_POINTS).default("latest-processed"),
});
export type PlanPreviewInput = z.input<typeof planPreviewInput>;

export type ItemPlanPreview = {
  /** The recovery point the item's failover would use, and its age (the data-loss window). */
  recoveryPoint: { at: Date; type: string; ageSeconds: number } | null;
  /** Why no recovery point would do, when none would. */
  recoveryPointProblem: string | null;
  /** Prerequisite checks that would refuse the item now. */
  failingChecks: { number: number; title: string; message: string }[];
  estimatedSeconds: number;
};

export type PlanPreview = {
  command: string;
  busy: boolean;
  allowed: boolean;
  groups: (Omit<GroupPreview, "items"> & { estimatedSeconds: number; items: (GroupPreview["items"][number] & ItemPlanPreview)[] })[];
  estimatedSeconds: number;
};

const sum = (steps: StepSpec[]) => steps.reduce((n, s) => n + s.durationSeconds, 0);

/** The simulated duration of the item job the operation starts (the job's own step list). */
function itemJobSeconds(op: Operation, item: ItemRow, pendingMb: number): number {
  switch (op) {
    case "failover-to-azure":
      return sum(failoverSteps({ direction: "to-azure", mode: "unplanned", pendingMb }));
    case "unplanned-failover-to-on-premises":
      return sum(failoverSteps({ direction: "to-on-premises", mode: "unplanned", pendingMb }));
    case "commit":
      return sum(commitSteps(item.replicationDirection));
    case "test-failover":
      return sum(testFailoverSteps());
    case "cleanup-test-failover":
      return sum(testFailoverCleanupSteps());
    case "reprotect-to-on-premises":
      return sum(reprotectSteps("to-on-premises"));
    case "reprotect-to-azure":
      return sum(reprotectSteps("to-azure"));
    default:
      return 0;
  }
}

const POINT_DIRECTION: Partial<Record<Operation, "to-azure" | "to-on-premises">> = {
  "failover-to-azure": "to-azure",
  "test-failover": "to-azure",
  "unplanned-failover-to-on-premises": "to-on-premises",
};

export function previewPlanOperation(db: DbOrTx, raw: PlanPreviewInput, env?: VerbEnv): PlanPreview {
  const input = parseInput(planPreviewInput, raw);
  const { plan, groups } = loadPlan(db, input.vaultId, input.planId);
  const op = itemOperationFor(input.operation, input.direction);
  const now = envNow(db, input.vaultId, env);
  const previews = planVerdicts(db, input.vaultId, groups, op, now, env);
  const fabric = envFabric(db, input.vaultId, now, env);
  const itemOf = new Map(groups.flatMap((g: PlanGroup) => g.items.map((i) => [i.id, i] as const)));
  // The plan's own steps besides waiting for the items: start, scripts, finalize.
  const planSteps = recoveryPlanSteps(groups, { operation: input.operation, direction: input.direction });
  const groupOverhead = (ordinal: number) => sum(planSteps.steps.filter((_, i) => planSteps.refs[i]!.group === ordinal));

  const out = previews.map((g) => {
    const items = g.items.map((v) => {
      const item = itemOf.get(v.id)!;
      let recoveryPoint: ItemPlanPreview["recoveryPoint"] = null;
      let recoveryPointProblem: string | null = null;
      let pendingMb = 0;
      const direction = POINT_DIRECTION[op];
      if (direction && v.allowed) {
        try {
          const picked = pickRecoveryPoint(db, item, direction, input.recoveryPoint);
          pendingMb = picked.pendingMb;
          recoveryPoint = {
            at: picked.point.at,
            type: picked.point.type,
            ageSeconds: Math.max(0, Math.round((now.getTime() - picked.point.at.getTime()) / 1000)),
          };
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          recoveryPointProblem = err.message;
        }
      }
      let failingChecks: ItemPlanPreview["failingChecks"] = [];
      // Every check that would fail, not only the first (which refuses the item): the state allows the failback.
      if (op === "unplanned-failover-to-on-premises" && stageOf(item) === 4 && !item.currentJobId) {
        const proposal = { ...proposalFromItem(item), purpose: "failback-failover" as const };
        const report = runChecks(buildCheckWorld(db, fabric, item, proposal), proposal, CHECKS_FOR["failover-to-on-premises"]);
        failingChecks = report.checks
          .filter((c) => !c.passed && !c.advisory)
          .map((c) => ({ number: c.number, title: c.title, message: c.error?.message ?? "Failed." }));
      }
      return { ...v, recoveryPoint, recoveryPointProblem, failingChecks, estimatedSeconds: itemJobSeconds(op, item, pendingMb) };
    });
    // A group's items run together: the group takes as long as its slowest item, plus its own steps.
    const estimatedSeconds = groupOverhead(g.ordinal) + Math.max(0, ...items.map((i) => i.estimatedSeconds));
    return { ...g, items, estimatedSeconds };
  });
  const all = out.flatMap((g) => g.items);
  return {
    command: OPERATION_COMMAND[op],
    busy: !!plan.currentJobId,
    allowed: !plan.currentJobId && all.length > 0 && all.every((i) => i.allowed && !i.recoveryPointProblem && !i.failingChecks.length),
    groups: out,
    estimatedSeconds: out.reduce((n, g) => n + g.estimatedSeconds, 0) + groupOverhead(0),
  };
}
