/** Recovery plan test failover (into an Azure network) and its cleanup. */
import { z } from "zod";
import { planTarget, planVerb } from "./plan-operation";
import { PLAN_RECOVERY_POINTS } from "./item-dispatch";

export const planTestFailoverInput = planTarget.extend({
  networkId: z.string().min(1, "Choose an Azure network."),
  recoveryPoint: z.enum(PLAN_RECOVERY_POINTS).default("latest-processed"),
});
export type PlanTestFailoverInput = z.input<typeof planTestFailoverInput>;

export const planTestFailover = planVerb(planTestFailoverInput, (input) => ({
  operation: "test-failover",
  direction: "to-azure",
  networkId: input.networkId,
  recoveryPoint: input.recoveryPoint,
}));

export const planCleanupTestFailoverInput = planTarget.extend({ notes: z.string().max(1000).optional() });
export type PlanCleanupTestFailoverInput = z.input<typeof planCleanupTestFailoverInput>;

export const planCleanupTestFailover = planVerb(planCleanupTestFailoverInput, (input) => ({
  operation: "cleanup-test-failover",
  direction: "to-azure",
  notes: input.notes,
}));
