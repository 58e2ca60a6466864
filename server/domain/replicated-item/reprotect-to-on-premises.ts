/**
 * Re-protect, direction Azure to On-premises (stage 3 → 4): process server, master target,
 * account, datastore, retention drive; the failback policy is applied. Optional legacy settings:
 * display name, cores, memory, per-NIC failback IP, folder name for leftover VMDKs.
 */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { FAILBACK_LOCATIONS, type FailbackLocation, type FailbackSettings } from "@/db/schema";
import { buildCheckWorld, type ReprotectProposal } from "../checks/world";
import { CHECKS_FOR, firstRefusal } from "../checks";
import { requireFailbackLocation } from "../failback/location";
import { failbackNotes } from "../checks/check-12-after-failback";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { policyIdFor } from "../policy/paired";
import { JOB_TYPES, reprotectSteps } from "../steps";
import { itemTarget, itemVerb, type ItemOperationResult } from "./common";

const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, "Enter an IPv4 address.");

export const reprotectToOnPremisesInput = itemTarget.extend({
  processServerId: z.string().min(1, "Choose a process server."),
  masterTargetId: z.string().min(1, "Choose a master target server."),
  accountId: z.string().min(1, "Choose an account."),
  datastoreId: z.string().min(1, "Choose a datastore."),
  retentionVolumeId: z.string().min(1, "Choose a retention drive."),
  /** Omitted: original VM when it exists, else alternate (never a silent switch from an explicit choice). */
  location: z.enum(FAILBACK_LOCATIONS).optional(),
  /** True when a recovery plan re-protects its items (replication groups need it). */
  viaRecoveryPlan: z.boolean().optional(),
  planMasterTargetId: z.string().min(1).optional(),
  legacy: z
    .object({
      displayName: z.string().trim().min(1).max(80).optional(),
      cores: z.number().int().min(1).max(128).optional(),
      memoryMb: z
        .number()
        .int()
        .min(512)
        .max(4 * 1024 * 1024)
        .optional(),
      nicIps: z
        .array(z.object({ nic: z.string().min(1), ip: ipv4 }))
        .max(16)
        .optional(),
      folderName: z
        .string()
        .trim()
        .min(1)
        .max(80)
        .regex(/^[^\\/:*?"<>|]+$/, 'A folder name cannot contain \\ / : * ? " < > |')
        .optional(),
    })
    .optional(),
});
export type ReprotectToOnPremisesInput = z.input<typeof reprotectToOnPremisesInput>;

export function reprotectToOnPremises(
  db: DbOrTx,
  raw: ReprotectToOnPremisesInput,
  env?: VerbEnv,
): ItemOperationResult & { location: FailbackLocation; locationReason: string } {
  return itemVerb(db, reprotectToOnPremisesInput, raw, env, "reprotect-to-on-premises", ({ tx, input, item, fabric, startJob }) => {
    const proposal: ReprotectProposal = {
      processServerId: input.processServerId,
      masterTargetId: input.masterTargetId,
      accountId: input.accountId,
      datastoreId: input.datastoreId,
      retentionVolumeId: input.retentionVolumeId,
      location: input.location,
      viaRecoveryPlan: input.viaRecoveryPlan,
      planMasterTargetId: input.planMasterTargetId,
    };
    const w = buildCheckWorld(tx, fabric, item, proposal);
    const unknownNic = input.legacy?.nicIps?.find((n) => !w.machine.nics.some((x) => x.name === n.nic));
    if (unknownNic)
      throw new DomainError("Invalid", {
        code: CODES.invalidInput,
        message: `${w.machine.name} has no network adapter '${unknownNic.nic}'.`,
        fieldErrors: { "legacy.nicIps": [`Unknown network adapter ${unknownNic.nic}.`] },
      });
    const refusal = firstRefusal(w, { ...proposal, purpose: "reprotect" }, CHECKS_FOR["reprotect-to-on-premises"]);
    if (refusal) throw refusal;
    const decision = requireFailbackLocation(w, proposal);

    const settings: FailbackSettings = { location: decision.location, ...(input.legacy ?? {}) };
    const jobId = startJob(
      {
        type: JOB_TYPES.reprotect,
        name: "Reprotect",
        steps: reprotectSteps("to-on-premises"),
        input: { direction: "to-on-premises", proposal: { ...proposal, location: decision.location } },
      },
      {
        replicationDirection: "to-on-premises",
        processServerId: input.processServerId,
        masterTargetId: input.masterTargetId,
        accountId: input.accountId,
        failbackDatastoreId: input.datastoreId,
        retentionVolumeId: input.retentionVolumeId,
        failbackSettings: settings,
        policyId: policyIdFor(tx, item.policyId, "failback") ?? item.policyId,
        initialReplicationPercent: 0,
      },
    );
    const warnings = [decision.reason, ...failbackNotes(w.machine, settings).map((n) => `After failback: ${n}`)];
    return { jobId, itemId: item.id, warnings, location: decision.location, locationReason: decision.reason };
  });
}
