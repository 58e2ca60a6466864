/**
 * Recovery plan re-protect. Azure → on-premises asks for the values once (process server, master
 * target, account, datastore, retention drive) and applies them to every machine; items of a
 * replication group go through with viaRecoveryPlan and the plan's one master target (check 11).
 * On-premises → Azure asks for the process server.
 */
import { planVerb } from "./plan-operation";
import { planReprotectInput, type PlanReprotectInput } from "./inputs";

export { planReprotectInput, type PlanReprotectInput };

export const planReprotect = planVerb(planReprotectInput, ({ vaultId: _vaultId, planId: _planId, ...values }) => ({
  operation: "reprotect",
  ...values,
}));
