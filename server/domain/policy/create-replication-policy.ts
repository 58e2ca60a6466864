/**
 * Create a replication policy (to Azure). It also creates its read-only failback policy
 * (RPO 15 min, retention 24 h, app-consistent every 60 min) associated with the configuration server.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { vaultTarget } from "../validation";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { loadConfigurationServer } from "../infrastructure/load";

export const FAILBACK_POLICY = { rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60 } as const;

export const createReplicationPolicyInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1, "Choose the configuration server to associate."),
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(60)
    .regex(/^[A-Za-z0-9-_]+$/, "Letters, digits, - and _ only."),
  rpoThresholdMinutes: z.number().int().min(1).max(1440),
  retentionHours: z
    .number()
    .int()
    .min(0)
    .max(72 * 24),
  appConsistentFrequencyMinutes: z.number().int().min(0).max(720),
  multiVmConsistency: z.boolean().default(false),
});
export type CreateReplicationPolicyInput = z.input<typeof createReplicationPolicyInput>;

export function createReplicationPolicy(db: DbOrTx, raw: CreateReplicationPolicyInput, env?: VerbEnv) {
  return vaultVerb(db, createReplicationPolicyInput, raw, env, ({ tx, input, now }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    if (input.appConsistentFrequencyMinutes > input.retentionHours * 60 && input.appConsistentFrequencyMinutes > 0)
      throw new DomainError("Invalid", {
        code: CODES.invalidInput,
        message: "The app-consistent snapshot frequency must be within the retention window.",
        fieldErrors: { appConsistentFrequencyMinutes: ["At most the retention period."] },
      });
    const failbackName = `${input.name}-failback`;
    for (const name of [input.name, failbackName]) {
      if (
        tx
          .select({ id: s.replicationPolicies.id })
          .from(s.replicationPolicies)
          .where(and(eq(s.replicationPolicies.vaultId, input.vaultId), eq(s.replicationPolicies.name, name)))
          .get()
      )
        throw new DomainError("Invalid", {
          code: CODES.invalidInput,
          message: `A policy named ${name} exists already.`,
          fieldErrors: { name: ["Choose another name."] },
        });
    }
    const id = crypto.randomUUID();
    const failbackId = crypto.randomUUID();
    tx.insert(s.replicationPolicies)
      .values([
        {
          id,
          vaultId: input.vaultId,
          name: input.name,
          direction: "to-azure",
          rpoThresholdMinutes: input.rpoThresholdMinutes,
          retentionHours: input.retentionHours,
          appConsistentFrequencyMinutes: input.appConsistentFrequencyMinutes,
          multiVmConsistency: input.multiVmConsistency,
          editable: true,
          pairedPolicyId: failbackId,
          configurationServerId: cs.id,
          createdAt: now,
        },
        {
          id: failbackId,
          vaultId: input.vaultId,
          name: failbackName,
          direction: "failback",
          ...FAILBACK_POLICY,
          // A replication group fails back to one common multi-VM point, as it failed over.
          multiVmConsistency: input.multiVmConsistency,
          editable: false,
          pairedPolicyId: id,
          configurationServerId: cs.id,
          createdAt: now,
        },
      ])
      .run();
    return { policyId: id, failbackPolicyId: failbackId };
  });
}
