/** Check 6: the on-premises VM reused by failback has no snapshots. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import { defaultLocation } from "../failback/location";
import type { DomainError } from "../errors";

export function check06Snapshots(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const m = w.machine;
  const loc = m.kind === "physical" ? "alternate" : (input.location ?? defaultLocation(w));
  if (loc !== "original" || !m.exists || m.snapshotCount === 0) return null;
  return refuse(
    CODES.vmHasSnapshots,
    `Protection couldn't be completed for the virtual machine ${m.name}: the on-premises virtual machine has snapshots.`,
    `The on-premises virtual machine has ${m.snapshotCount} snapshot${m.snapshotCount === 1 ? "" : "s"}. Reprotect can't write to disks that have snapshots.`,
    `Delete the snapshots of ${m.name} in vCenter (or delete its disks to fail back to an alternate location), then retry the job.`,
  );
}
