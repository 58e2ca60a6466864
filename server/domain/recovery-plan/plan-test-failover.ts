/** Recovery plan test failover (into an Azure network) and its cleanup. */
import { planVerb } from "./plan-operation";
import {
  planTestFailoverInput,
  planCleanupTestFailoverInput,
  type PlanTestFailoverInput,
  type PlanCleanupTestFailoverInput,
} from "./inputs";

export { planTestFailoverInput, planCleanupTestFailoverInput, type PlanTestFailoverInput, type PlanCleanupTestFailoverInput };

export const planTestFailover = planVerb(planTestFailoverInput, (input) => ({
  operation: "test-failover",
  direction: "to-azure",
  networkId: input.networkId,
  recoveryPoint: input.recoveryPoint,
}));

export const planCleanupTestFailover = planVerb(planCleanupTestFailoverInput, (input) => ({
  operation: "cleanup-test-failover",
  direction: "to-azure",
  notes: input.notes,
}));
