/**
 * Failback location rules (spec §2 "Failback location"): original VM (delta sync) when it exists
 * and the master target's ESXi host reaches its datastore; alternate location (a new VM on the
 * master target's host and the chosen datastore) when the user chooses it or the VM no longer
 * exists; physical servers always to a new VMware VM. Never switches silently: when the requested
 * original cannot be used it refuses with the reason and recommends the alternate location.
 */
import type { FailbackLocation, FailbackSettings } from "@/db/schema";
import { CODES } from "../checks/codes";
import { refuse } from "../checks/refuse";
import { type CheckWorld, type ReprotectProposal } from "../checks/world";
import { isPhysical2008R2, check09Physical2008R2 } from "../checks/check-09-physical-2008r2";
import { datastoreRefusal } from "../checks/check-04-datastore";
import { DomainError } from "../errors";

export type LocationDecision = {
  location: FailbackLocation;
  /** Host the failed-back VM runs on (null when the master target is not known yet). */
  hostId: string | null;
  datastoreId: string | null;
  /** True when new disks/VM are created (alternate location, physical server). */
  newVm: boolean;
  reason: string;
};

/** The location an item fails back to when none was chosen. */
export function defaultLocation(w: Pick<CheckWorld, "machine">): FailbackLocation {
  return w.machine.kind === "physical" || !w.machine.exists ? "alternate" : "original";
}

export function decideFailbackLocation(w: CheckWorld, input: ReprotectProposal): LocationDecision | DomainError {
  const m = w.machine;
  if (m.kind === "physical") {
    if (isPhysical2008R2(m)) return check09Physical2008R2(w, input)!;
    if (input.location === "original")
      return refuse(
        CODES.physicalToOriginal,
        `${m.name} is a physical server; it can fail back only to a new VMware virtual machine.`,
        "Failback to a physical machine is not supported.",
        "Choose the alternate location: a new VM is created on the master target's ESXi host and the chosen datastore.",
      );
    return newVm(w, input, `${m.name} is a physical server: it fails back to a new VMware virtual machine.`);
  }
  const requested = input.location ?? defaultLocation(w);
  if (requested === "alternate")
    return newVm(
      w,
      input,
      m.exists
        ? "Alternate location chosen: a new VM is created on the master target's host."
        : `The on-premises VM ${m.name} no longer exists: a new VM is created on the master target's host.`,
    );

  if (!m.exists)
    return refuse(
      CODES.originalVmMissing,
      `The original on-premises VM ${m.name} no longer exists, so it cannot be the failback target.`,
      "The VM was deleted on-premises (a documented option before failback).",
      "Choose the alternate location: a new VM is created on the master target's ESXi host and the datastore you choose.",
    );
  const original: LocationDecision = {
    location: "original",
    hostId: m.hostId,
    datastoreId: m.datastoreId,
    newVm: false,
    reason: "Original VM (only the changes are sent).",
  };
  const mt = w.masterTarget;
  if (!mt) return original;
  const ds = w.originalDatastore;
  const mtHostName = w.mtHost?.name ?? mt.hostId ?? "(not discovered)";
  if (!w.mtHost)
    return refuse(
      CODES.vcenterNotDiscovered,
      `The ESXi host of the master target ${mt.name} has not been discovered.`,
      "Without vCenter, the master target's ESXi host must be discovered before reprotect.",
      "Add the ESXi host (Configuration Servers > vCenter servers > Add), then retry.",
    );
  if (!ds || !ds.reachableFromHostIds.includes(w.mtHost.id))
    return refuse(
      CODES.dsUnreachable,
      `The datastore ${ds?.name ?? m.datastoreId ?? "(unknown)"} of ${m.name} isn't accessible from the ESXi host ${mtHostName} of the master target ${mt.name}.`,
      "To fail back to the original VM, the master target's ESXi host must reach the VM's datastore (without vCenter, the VM's disk must be on a datastore the master target's host can reach).",
      `Choose a master target whose ESXi host reaches ${ds?.name ?? "the VM's datastore"}, give ${mtHostName} access to it, or choose the alternate location.`,
    );
  return original;
}

function newVm(w: CheckWorld, input: ReprotectProposal, reason: string): LocationDecision | DomainError {
  const mt = w.masterTarget;
  if (!mt) return { location: "alternate", hostId: null, datastoreId: input.datastoreId ?? null, newVm: true, reason };
  if (!w.mtHost)
    return refuse(
      CODES.vcenterNotDiscovered,
      `The ESXi host of the master target ${mt.name} has not been discovered.`,
      "A new VM is created on the master target's host, which must be discovered first.",
      "Add the vCenter or ESXi host of the master target, then retry.",
    );
  if (!input.datastoreId || !w.datastore)
    return refuse(
      CODES.dsMissing,
      input.datastoreId
        ? `The datastore '${input.datastoreId}' was not found.`
        : `No datastore was chosen for the new disks of ${w.machine.name}.`,
      "Failback to an alternate location creates new disks on the chosen datastore.",
      `Choose a datastore that the ESXi host ${w.mtHost.name} of ${mt.name} can reach.`,
    );
  const ds = w.datastore;
  const refusal = datastoreRefusal(w.machine, mt, w.mtHost, ds);
  if (refusal) return refusal;
  return { location: "alternate", hostId: w.mtHost.id, datastoreId: ds.id, newVm: true, reason };
}

export const isLocationError = (x: LocationDecision | DomainError): x is DomainError => x instanceof DomainError;

/** The decision, or its refusal thrown (the reprotect verb, and the job steps that create or start the VM). */
export function requireFailbackLocation(w: CheckWorld, input: ReprotectProposal): LocationDecision {
  const d = decideFailbackLocation(w, input);
  if (isLocationError(d)) throw d;
  return d;
}

/** How the failed-back VM is created when the decision needs a new one (alternate location, physical server); null otherwise. */
export function newVmSpec(d: LocationDecision, settings: FailbackSettings | null) {
  if (!d.newVm || !d.hostId || !d.datastoreId) return null;
  return {
    hostId: d.hostId,
    datastoreId: d.datastoreId,
    displayName: settings?.displayName,
    cores: settings?.cores,
    memoryMb: settings?.memoryMb,
    folderName: settings?.folderName,
  };
}
