/** Recovery plan failover: to Azure (Failover) or to on-premises (Unplanned failover, failback), one recovery point choice for all items. */
import { planVerb } from "./plan-operation";
import { runPlanFailoverInput, type RunPlanFailoverInput } from "./inputs";
import { assertChoiceApplies } from "../replicated-item/recovery-points";

export { runPlanFailoverInput, type RunPlanFailoverInput };

export const runPlanFailover = planVerb(runPlanFailoverInput, (input) => {
  assertChoiceApplies(input.recoveryPoint, input.direction);
  return { operation: "failover", direction: input.direction, recoveryPoint: input.recoveryPoint };
});
