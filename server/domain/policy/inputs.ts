/** The inputs of the replication-policy verbs (zod only: the policy dialogs validate with them in the browser). */
import { z } from "zod";
import { id, vaultTarget } from "../targets";

/** The failback policy's fixed settings: every failback policy is created with them and can't be edited. */
export const FAILBACK_POLICY = { rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60 } as const;

export const createReplicationPolicyInput = vaultTarget.extend({
  /** Associate the new policy (and its failback policy) with this configuration server at once; else use Associate later. */
  configurationServerId: id().optional(),
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(60, "At most 60 characters.")
    .regex(/^[A-Za-z0-9-_]+$/, "Letters, digits, - and _ only."),
  rpoThresholdMinutes: z
    .number({ error: "Enter the RPO threshold in minutes." })
    .int("Whole minutes.")
    .min(1, "At least 1 minute.")
    .max(1440, "At most 1440 minutes (24 hours)."),
  retentionHours: z
    .number({ error: "Enter the retention in hours." })
    .int("Whole hours.")
    .min(0, "0 hours or more.")
    .max(72 * 24, "At most 1728 hours (72 days)."),
  appConsistentFrequencyMinutes: z
    .number({ error: "Enter the frequency in minutes (0 turns app-consistent snapshots off)." })
    .int("Whole minutes.")
    .min(0, "0 minutes or more.")
    .max(720, "At most 720 minutes (12 hours)."),
  multiVmConsistency: z.boolean().default(false),
});
export type CreateReplicationPolicyInput = z.input<typeof createReplicationPolicyInput>;

export const associatePolicyInput = vaultTarget.extend({
  policyId: id("Choose a replication policy."),
  configurationServerId: id("Choose a configuration server."),
});
export type AssociatePolicyInput = z.input<typeof associatePolicyInput>;

export const dissociatePolicyInput = associatePolicyInput;
export type DissociatePolicyInput = z.input<typeof dissociatePolicyInput>;

export const policyTarget = vaultTarget.extend({ policyId: id() });
