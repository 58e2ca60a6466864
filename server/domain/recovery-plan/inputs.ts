/**
 * The input schemas of the recovery-plan verbs. Plain zod, nothing else: the portal's forms import
 * them into the browser (lint keeps this module free of the database and the job engine).
 */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { PLAN_ACTION_KINDS, PLAN_ACTION_PHASES, REPLICATION_DIRECTIONS } from "@/db/schema/enums";
import { reprotectChoices } from "../replicated-item/inputs";
import { planTarget, vaultTarget } from "../targets";

/** The target site of every plan that fails over to Azure (the other site is a configuration server). */
export const AZURE_SITE = "Microsoft Azure";
export const MAX_PLAN_GROUPS = 7;
/** Azure Site Recovery's limit: a recovery plan holds at most 100 replicated items. */
export const MAX_PLAN_ITEMS = 100;
/**
 * The recovery points a plan offers for all its items. The multi-VM ones take each replication
 * group of the plan to its common point; the other items to their own latest processed or
 * app-consistent point.
 */
export const PLAN_TEST_FAILOVER_POINTS = [
  "latest",
  "latest-processed",
  "latest-app-consistent",
  "latest-multi-vm-processed",
  "latest-multi-vm-app-consistent",
] as const;
/** A plan's failover choices: the same, plus Latest tag for a failback (each item's master target tag). */
export const PLAN_RECOVERY_POINTS = [...PLAN_TEST_FAILOVER_POINTS, "latest-tag"] as const;

const action = z.object({
  phase: z.enum(PLAN_ACTION_PHASES),
  kind: z.enum(PLAN_ACTION_KINDS),
  name: z.string().trim().min(1, "Name the action.").max(120),
  details: z.string().trim().max(2000).default(""),
});

export const planActionInput = action;
export type PlanActionInput = z.input<typeof action>;

const planName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(64, "At most 64 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Use letters, digits, '-', '_' and '.', starting with a letter or digit.");

/** Group 1..N in order, each with its items and its pre/post actions. */
const planGroups = z
  .array(
    z.object({
      itemIds: z
        .array(z.string().max(ID_MAX).min(1))
        .min(1, "A group needs at least one item.")
        .max(MAX_PLAN_ITEMS, `A recovery plan has at most ${MAX_PLAN_ITEMS} replicated items.`),
      actions: z.array(action).max(20).default([]),
    }),
  )
  .min(1, "Choose at least one replicated item.")
  .max(MAX_PLAN_GROUPS, `A recovery plan has at most ${MAX_PLAN_GROUPS} groups.`)
  .refine((groups) => groups.reduce((n, g) => n + g.itemIds.length, 0) <= MAX_PLAN_ITEMS, {
    message: `A recovery plan has at most ${MAX_PLAN_ITEMS} replicated items. Split them over several plans.`,
  });

export const createRecoveryPlanInput = vaultTarget.extend({
  name: planName,
  source: z.string().max(ID_MAX).trim().min(1, "Choose a source."),
  target: z.string().max(ID_MAX).trim().min(1, "Choose a target."),
  groups: planGroups,
});
export type CreateRecoveryPlanInput = z.input<typeof createRecoveryPlanInput>;

/** Edit: rename, and the whole new layout of groups, items and actions (saved at once). */
export const updateRecoveryPlanInput = planTarget.extend({ name: planName, groups: planGroups });
export type UpdateRecoveryPlanInput = z.input<typeof updateRecoveryPlanInput>;

export const deleteRecoveryPlanInput = planTarget;
export type DeleteRecoveryPlanInput = z.input<typeof deleteRecoveryPlanInput>;

export const runPlanFailoverInput = planTarget.extend({
  direction: z.enum(REPLICATION_DIRECTIONS),
  recoveryPoint: z.enum(PLAN_RECOVERY_POINTS).default("latest-processed"),
});
export type RunPlanFailoverInput = z.input<typeof runPlanFailoverInput>;

export const planReprotectToOnPremisesInput = planTarget.extend({
  direction: z.literal("to-on-premises"),
  ...reprotectChoices.shape,
});
export const planReprotectToAzureInput = planTarget.extend({
  direction: z.literal("to-azure"),
  processServerId: z.string().max(ID_MAX).min(1, "Choose a process server."),
});
export const planReprotectInput = z.discriminatedUnion("direction", [planReprotectToOnPremisesInput, planReprotectToAzureInput]);
export type PlanReprotectInput = z.input<typeof planReprotectInput>;

export const planTestFailoverInput = planTarget.extend({
  networkId: z.string().max(ID_MAX).min(1, "Choose an Azure network."),
  recoveryPoint: z.enum(PLAN_TEST_FAILOVER_POINTS).default("latest-processed"),
});
export type PlanTestFailoverInput = z.input<typeof planTestFailoverInput>;

export const planCleanupTestFailoverInput = planTarget.extend({ notes: z.string().max(1000).optional() });
export type PlanCleanupTestFailoverInput = z.input<typeof planCleanupTestFailoverInput>;

/** The failover a plan commit completes: the failback when its items failed back to on-premises, the failover to Azure otherwise. */
export function planCommitDirection(items: { state: string; replicationDirection: string }[]): "to-azure" | "to-on-premises" {
  return items.some((i) => i.state === "failover-completed" && i.replicationDirection === "to-on-premises") ? "to-on-premises" : "to-azure";
}
