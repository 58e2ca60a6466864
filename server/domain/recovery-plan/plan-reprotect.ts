/**
 * Recovery plan re-protect. Azure → on-premises asks for the values once (process server, master
 * target, account, datastore, retention drive) and applies them to every machine; items of a
 * replication group go through with viaRecoveryPlan and the plan's one master target (check 11).
 * On-premises → Azure asks for the process server.
 */
import { z } from "zod";
import { planTarget, planVerb } from "./plan-operation";

const processServerId = z.string().min(1, "Choose a process server.");

export const planReprotectInput = z.discriminatedUnion("direction", [
  planTarget.extend({
    direction: z.literal("to-on-premises"),
    processServerId,
    masterTargetId: z.string().min(1, "Choose a master target server."),
    accountId: z.string().min(1, "Choose an account."),
    datastoreId: z.string().min(1, "Choose a datastore."),
    retentionVolumeId: z.string().min(1, "Choose a retention drive."),
  }),
  planTarget.extend({ direction: z.literal("to-azure"), processServerId }),
]);
export type PlanReprotectInput = z.input<typeof planReprotectInput>;

export const planReprotect = planVerb(planReprotectInput, ({ vaultId: _vaultId, planId: _planId, ...values }) => ({
  operation: "reprotect",
  ...values,
}));
