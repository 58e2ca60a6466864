/**
 * Recovery plan re-protect. Azure → on-premises asks for the values once (process server, master
 * target, account, datastore, retention drive) and applies them to every machine; items of a
 * replication group go through with viaRecoveryPlan and the plan's one master target (check 11).
 * On-premises → Azure asks for the process server.
 */
import type { DbOrTx } from "@/db/client";
import { parseInput } from "../validation";
import type { VerbEnv } from "../replicated-item/common";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";
import { planReprotectInput, type PlanReprotectInput } from "./inputs";

export { planReprotectInput, type PlanReprotectInput };

export function planReprotect(db: DbOrTx, raw: PlanReprotectInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(planReprotectInput, raw);
  const { vaultId, planId, ...values } = input;
  return startPlanOperation(db, { vaultId, planId }, { operation: "reprotect", ...values }, env);
}
