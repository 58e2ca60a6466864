/** Check 4: the target datastore is reachable from the master target's host and has room; the target vCenter is discovered. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import { totalDiskGb, type CheckWorld, type ReprotectProposal } from "./world";
import { decideFailbackLocation, defaultLocation, isLocationError } from "../failback/location";
import type { DomainError } from "../errors";
import type { DatastoreView, HostView, MachineView, MasterTargetView } from "@/server/fabric/port";

/**
 * Whether the new disks of a machine (alternate location, physical server) can go to a datastore
 * through a master target: its ESXi host reaches the datastore, which has room for the machine's
 * disks. The failback location rule refuses with it, and Re-protect lists a datastore it refuses as
 * one that cannot be chosen.
 */
export function datastoreRefusal(
  machine: MachineView,
  mt: Pick<MasterTargetView, "name">,
  mtHost: Pick<HostView, "id" | "name">,
  ds: DatastoreView,
): DomainError | null {
  if (!ds.reachableFromHostIds.includes(mtHost.id))
    return refuse(
      CODES.dsUnreachable,
      `The datastore ${ds.name} isn't accessible from the ESXi host ${mtHost.name} of the master target ${mt.name}.`,
      "The new VM is created on the master target's host, which must reach the datastore.",
      `Choose a datastore that ${mtHost.name} can reach, or give the host access to ${ds.name}.`,
    );
  const need = totalDiskGb(machine);
  if (ds.freeGb < need)
    return refuse(
      CODES.dsFreeSpace,
      `The datastore ${ds.name} has ${ds.freeGb} GB free, but the disks of ${machine.name} need ${need} GB.`,
      "Failback to an alternate location creates new disks of the machine's full size.",
      `Choose a datastore with at least ${need} GB free, or free up space on ${ds.name}.`,
    );
  return null;
}

/** The vCenter the failed-back VM lands in: the VM's own for the original location, the master target's otherwise. */
export function targetVCenterId(w: CheckWorld, input: ReprotectProposal): string | null {
  const loc = w.machine.kind === "physical" ? "alternate" : (input.location ?? defaultLocation(w));
  return loc === "original" ? w.machine.vcenterId : (w.mtHost?.vcenterId ?? null);
}

export function check04Datastore(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const vcId = targetVCenterId(w, input);
  if (vcId) {
    const vc = w.fabric.vcenter(vcId);
    if (!vc || !vc.discovered)
      return refuse(
        CODES.vcenterNotDiscovered,
        `The target vCenter ${vc?.name ?? vcId} of ${w.item.name} has not been discovered.`,
        "When a machine fails back to a different vCenter, that vCenter and its master target must be discovered first (otherwise Re-protect lists no datastores).",
        "Add the vCenter server with a run-as account and a master target on one of its hosts, then retry.",
      );
    // A read-only account lists no datastores: check 5 reports it.
    if (w.fabric.vcenterAccountPermission(vcId) !== "full") return null;
  }
  const d = decideFailbackLocation(w, input);
  if (isLocationError(d)) return d.code === CODES.physical2008R2 ? null : d;
  return null;
}
