/**
 * Recovery plan re-protect. Azure → on-premises asks for the values once (process server, master
 * target, account, datastore, retention drive) and applies them to every machine; items of a
 * replication group go through with viaRecoveryPlan and the plan's one master target (check 11).
 * On-premises → Azure asks for the process server.
 */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { parseInput } from "../validation";
import type { VerbEnv } from "../env";
import { startPlanOperation, type PlanOperationResult } from "./plan-operation";

export const planReprotectInput = z.discriminatedUnion("direction", [
  z.object({
    vaultId: z.string().min(1),
    planId: z.string().min(1),
    direction: z.literal("to-on-premises"),
    processServerId: z.string().min(1, "Choose a process server."),
    masterTargetId: z.string().min(1, "Choose a master target server."),
    accountId: z.string().min(1, "Choose an account."),
    datastoreId: z.string().min(1, "Choose a datastore."),
    retentionVolumeId: z.string().min(1, "Choose a retention drive."),
  }),
  z.object({
    vaultId: z.string().min(1),
    planId: z.string().min(1),
    direction: z.literal("to-azure"),
    processServerId: z.string().min(1, "Choose a process server."),
  }),
]);
export type PlanReprotectInput = z.input<typeof planReprotectInput>;

export function planReprotect(db: DbOrTx, raw: PlanReprotectInput, env?: VerbEnv): PlanOperationResult {
  const input = parseInput(planReprotectInput, raw);
  const { vaultId, planId, ...values } = input;
  return startPlanOperation(db, { vaultId, planId }, { operation: "reprotect", ...values }, env);
}
