/** Check 4: the target datastore is reachable from the master target's host and has room; the target vCenter is discovered. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import { decideFailbackLocation, defaultLocation, isLocationError } from "../failback/location";
import type { DomainError } from "../errors";

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
