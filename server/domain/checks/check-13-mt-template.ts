/** Check 13: the master target was not cloned from the VM template the machine was created from (their disk UUIDs would clash). */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld } from "./world";
import type { DomainError } from "../errors";

export function check13MasterTargetTemplate(w: CheckWorld): DomainError | null {
  const mt = w.masterTarget;
  if (!mt || !w.fabric.clonedFromSameTemplate(mt.id, w.machine.id)) return null;
  return refuse(
    CODES.mtDiskUuidClash,
    `The master target ${mt.name} was created from the same VM template as ${w.machine.name}: their disk UUIDs clash.`,
    "A master target cloned from the template of a machine it protects has disks with the same UUIDs; attaching the machine's disks to it fails.",
    `Deploy a master target that was not cloned from the template of ${w.machine.name} (or choose another master target), then retry.`,
  );
}
