/** Recovery plan failover: to Azure (Failover) or to on-premises (Unplanned failover, failback), one recovery point choice for all items. */
import { z } from "zod";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { planTarget, planVerb } from "./plan-operation";
import { PLAN_RECOVERY_POINTS } from "./item-dispatch";

export const runPlanFailoverInput = planTarget.extend({
  direction: z.enum(REPLICATION_DIRECTIONS),
  recoveryPoint: z.enum(PLAN_RECOVERY_POINTS).default("latest-processed"),
});
export type RunPlanFailoverInput = z.input<typeof runPlanFailoverInput>;

export const runPlanFailover = planVerb(runPlanFailoverInput, (input) => ({
  operation: "failover",
  direction: input.direction,
  recoveryPoint: input.recoveryPoint,
}));
