/**
 * The recovery plan page's commands, decided by the rule the plan verbs apply first
 * (`plan-operation.ts`): a plan runs one operation at a time, and an operation starts only when
 * the state machine allows its item operation for every item of the plan. Each command gets the
 * direction it would go (the dialogs open on it) and, when refused, the reason naming the items
 * that block it.
 */
import type { DbOrTx } from "@/db/client";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import type { VerbEnv } from "../env";
import { envNow } from "../env";
import {
  itemOperationFor,
  loadPlan,
  planVerdicts,
  PLAN_JOB_NAME,
  PLAN_OPERATIONS,
  type PlanDirection,
  type PlanGroup,
  type PlanOperation,
  type PlanRow,
} from "./common";

/** The directions each plan operation can take (test failover and its cleanup: towards Azure only). */
const DIRECTIONS_OF: Record<PlanOperation, readonly PlanDirection[]> = {
  failover: REPLICATION_DIRECTIONS,
  commit: REPLICATION_DIRECTIONS,
  reprotect: REPLICATION_DIRECTIONS,
  "test-failover": ["to-azure"],
  "cleanup-test-failover": ["to-azure"],
};

export type PlanCommandVerdict = { allowed: boolean; reason: string | null; direction: PlanDirection };

/** Blocked items named in a refusal (the rest counted). */
const NAMED = 3;

/** The plan page's commands: each allowed or why not, and the direction it would go. */
export function getPlanCommands(db: DbOrTx, vaultId: string, planId: string, env?: VerbEnv): Record<PlanOperation, PlanCommandVerdict> {
  const { plan, groups } = loadPlan(db, vaultId, planId);
  return planCommandVerdicts(db, plan, groups, env);
}

export function planCommandVerdicts(
  db: DbOrTx,
  plan: PlanRow,
  groups: PlanGroup[],
  env?: VerbEnv,
): Record<PlanOperation, PlanCommandVerdict> {
  const now = envNow(db, plan.vaultId, env);
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  return Object.fromEntries(
    PLAN_OPERATIONS.map((op): [PlanOperation, PlanCommandVerdict] => {
      const tries = DIRECTIONS_OF[op].map((direction) => ({
        direction,
        blocked: planVerdicts(db, plan.vaultId, groups, itemOperationFor(op, direction), now, env)
          .flatMap((g) => g.items)
          .filter((i) => !i.allowed),
      }));
      // The direction every item allows, else the one with the fewest blocked items.
      const best = tries.reduce((a, b) => (b.blocked.length < a.blocked.length ? b : a));
      const command = PLAN_JOB_NAME[op];
      if (plan.currentJobId)
        return [
          op,
          { allowed: false, direction: best.direction, reason: "Another operation is in progress on this recovery plan (see Jobs)." },
        ];
      if (!count) return [op, { allowed: false, direction: best.direction, reason: "The recovery plan has no replicated items." }];
      if (!best.blocked.length) return [op, { allowed: true, direction: best.direction, reason: null }];
      const named = best.blocked
        .slice(0, NAMED)
        .map((b) => `${b.name}: ${b.reason}`)
        .join(" ");
      const more = best.blocked.length > NAMED ? ` And ${best.blocked.length - NAMED} more.` : "";
      return [
        op,
        {
          allowed: false,
          direction: best.direction,
          reason: `${command} is not possible: ${best.blocked.length} of ${count} items cannot take part. ${named}${more}`,
        },
      ];
    }),
  ) as Record<PlanOperation, PlanCommandVerdict>;
}
