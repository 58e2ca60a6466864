/** What a plan operation would do, per group: each item allowed or refused with the reason. Reads only. */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { parseInput } from "../validation";
import { envNow, type VerbEnv } from "../env";
import { OPERATION_COMMAND } from "../replicated-item/state";
import { itemOperationFor, loadPlan, planVerdicts, PLAN_OPERATIONS, type GroupPreview } from "./common";
import { planTarget } from "./plan-operation";

export const planPreviewInput = planTarget.extend({
  operation: z.enum(PLAN_OPERATIONS),
  direction: z.enum(REPLICATION_DIRECTIONS).default("to-azure"),
});
export type PlanPreviewInput = z.input<typeof planPreviewInput>;

export function previewPlanOperation(
  db: DbOrTx,
  raw: PlanPreviewInput,
  env?: VerbEnv,
): {
  command: string;
  busy: boolean;
  allowed: boolean;
  groups: GroupPreview[];
} {
  const input = parseInput(planPreviewInput, raw);
  const { plan, groups } = loadPlan(db, input.vaultId, input.planId);
  const op = itemOperationFor(input.operation, input.direction);
  const previews = planVerdicts(db, input.vaultId, groups, op, envNow(db, input.vaultId, env), env);
  const items = previews.flatMap((g) => g.items);
  return {
    command: OPERATION_COMMAND[op],
    busy: !!plan.currentJobId,
    allowed: !plan.currentJobId && items.length > 0 && items.every((i) => i.allowed),
    groups: previews,
  };
}
