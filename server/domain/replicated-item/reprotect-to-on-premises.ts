/**
 * Re-protect, direction Azure to On-premises (stage 3 → 4): process server, master target,
 * account, datastore, retention drive; the failback policy is applied. Optional legacy settings:
 * display name, cores, memory, per-NIC failback IP, folder name for leftover VMDKs.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { FailbackSettings } from "@/db/schema";
import { buildCheckWorld, loadItem, type ReprotectProposal } from "../checks/world";
import { CHECKS_FOR, firstRefusal } from "../checks";
import { decideFailbackLocation, isLocationError } from "../failback/location";
import { failbackNotes } from "../checks/check-12-after-failback";
import { parseInput } from "../validation";
import { DomainError } from "../errors";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { REPROTECT, reprotectSteps } from "@/server/jobs/definitions/reprotect";
import type { ItemOperationResult } from "./failover";
import { reprotectToOnPremisesInput, type ReprotectToOnPremisesInput } from "./inputs";

export { reprotectToOnPremisesInput, type ReprotectToOnPremisesInput };

export function reprotectToOnPremises(
  db: DbOrTx,
  raw: ReprotectToOnPremisesInput,
  env?: VerbEnv,
): ItemOperationResult & { location: "original" | "alternate"; locationReason: string } {
  const input = parseInput(reprotectToOnPremisesInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = envFabric(tx, input.vaultId, now, env);
    assertAllowed("reprotect-to-on-premises", item, itemWorld(tx, fabric, item));
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
        code: "InvalidInput",
        message: `${w.machine.name} has no network adapter '${unknownNic.nic}'.`,
        fieldErrors: { "legacy.nicIps": [`Unknown network adapter ${unknownNic.nic}.`] },
      });
    const refusal = firstRefusal(w, { ...proposal, purpose: "reprotect" }, CHECKS_FOR["reprotect-to-on-premises"]);
    if (refusal) throw refusal;
    const decision = decideFailbackLocation(w, proposal);
    if (isLocationError(decision)) throw decision;

    const policy = item.policyId
      ? tx.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, item.policyId)).get()
      : undefined;
    const failbackPolicyId = policy?.direction === "failback" ? policy.id : (policy?.pairedPolicyId ?? null);
    const settings: FailbackSettings = { location: decision.location, ...(input.legacy ?? {}) };
    const jobId = startItemJob(
      tx,
      item,
      "reprotect-to-on-premises",
      now,
      {
        type: REPROTECT,
        name: "Reprotect",
        steps: reprotectSteps("to-on-premises"),
        input: { direction: "to-on-premises", proposal: { ...proposal, location: decision.location } },
        userId: env?.userId,
      },
      {
        replicationDirection: "to-on-premises",
        processServerId: input.processServerId,
        masterTargetId: input.masterTargetId,
        accountId: input.accountId,
        failbackDatastoreId: input.datastoreId,
        retentionVolumeId: input.retentionVolumeId,
        failbackSettings: settings,
        policyId: failbackPolicyId ?? item.policyId,
        initialReplicationPercent: 0,
      },
    );
    const warnings = [decision.reason, ...failbackNotes(w.machine, settings).map((n) => `After failback: ${n}`)];
    return { jobId, itemId: item.id, warnings, location: decision.location, locationReason: decision.reason };
  });
}
