/**
 * Re-protect, direction Azure to On-premises (stage 3 → 4): process server, master target,
 * account, datastore, retention drive; the failback policy is applied. Optional legacy settings:
 * display name, cores, memory, per-NIC failback IP, folder name for leftover VMDKs.
 */
import type { DbOrTx } from "@/db/client";
import { type FailbackLocation, type FailbackSettings } from "@/db/schema";
import { buildCheckWorld, type ReprotectProposal } from "../checks/world";
import { CHECKS_FOR, firstRefusal } from "../checks";
import { requireFailbackLocation } from "../failback/location";
import { failbackNotes } from "../checks/check-12-after-failback";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { policyIdFor } from "../policy/paired";
import { JOB_TYPES, reprotectSteps } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { reprotectToOnPremisesInput, type ReprotectToOnPremisesInput } from "./inputs";

export { reprotectToOnPremisesInput, type ReprotectToOnPremisesInput };

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
