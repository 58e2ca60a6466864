/** Check 2: the master target exists, matches the OS and is set up correctly. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";

const NEEDS_EXTRA_FS = new Set(["xfs", "reiserfs"]);

export function check02MasterTarget(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const item = w.item;
  const cs = w.configurationServer;
  if (!input.masterTargetId)
    return refuse(
      CODES.mtNone,
      `No master target server was chosen for failback of ${item.name}.`,
      "Failback needs a master target on-premises to receive the data.",
      `Choose a master target (one is installed on ${cs.name} by default), or add one.`,
    );
  const mt = w.masterTarget;
  if (!mt || mt.configurationServerId !== cs.id)
    return refuse(
      CODES.mtNone,
      `The master target '${input.masterTargetId}' is not registered with ${cs.name}.`,
      "It was removed or belongs to another configuration server.",
      "Choose a master target listed in the Re-protect dialog.",
    );
  if (mt.osType !== w.machine.osType)
    return refuse(
      CODES.mtOsMismatch,
      `The master target ${mt.name} runs ${mt.osType === "linux" ? "Linux" : "Windows"}, but ${item.name} is a ${w.machine.osType === "linux" ? "Linux" : "Windows"} machine.`,
      "A Linux VM fails back through a Linux master target, a Windows VM through a Windows one.",
      `Choose a ${w.machine.osType === "linux" ? "Linux" : "Windows"} master target, or add one.`,
    );
  if (!mt.heartbeatOk)
    return refuse(
      CODES.mtHeartbeat,
      `The master target ${mt.name} has not sent a heartbeat ${mt.heartbeatAgeMinutes === null ? "yet" : `for ${Math.round(mt.heartbeatAgeMinutes)} minutes`}.`,
      "The master target VM is off or cannot reach the configuration server.",
      `Start ${mt.name} and check its connection to ${cs.name} (port 443).`,
    );
  if (!mt.diskEnableUuid)
    return refuse(
      CODES.mtDiskEnableUuid,
      `disk.EnableUUID is not TRUE on the master target ${mt.name}.`,
      "Without it the VMDKs get no consistent UUID and cannot be mounted on the master target.",
      `Power off ${mt.name}, add disk.EnableUUID = TRUE under VM Options > Advanced > Configuration Parameters in vSphere, power it on, then retry.`,
    );
  if (mt.storageVMotioned)
    return refuse(
      CODES.mtStorageVMotioned,
      `The master target ${mt.name} has been storage-vMotioned.`,
      "After a storage vMotion of the master target the failback VM cannot be created because its disks are not available.",
      `Move ${mt.name} back to its original datastore, or use another master target that was never storage-vMotioned.`,
    );
  if (mt.osType === "linux") {
    const c = mt.linuxChecklist;
    if (!/centos\s*6\.6/i.test(mt.osName) || !c?.centos66Minimal || !c.noLvm)
      return refuse(
        CODES.mtLinuxSetup,
        `The Linux master target ${mt.name} is not set up as required (${!/centos\s*6\.6/i.test(mt.osName) || !c?.centos66Minimal ? `runs ${mt.osName}, not CentOS 6.6 minimal` : "uses LVM for root or retention"}).`,
        "Only CentOS 6.6 minimal without LVM for root or retention is supported as a Linux master target.",
        "Reinstall the master target following the Linux checklist: CentOS 6.6 minimal, static IP, no LVM, partitions /, /var/crash, /home (ext4) and swap, the package set, device-mapper-multipath and ApplyCustomChanges.sh.",
      );
    if (NEEDS_EXTRA_FS.has(w.machine.rootFileSystem.toLowerCase()) && !c.xfsReiserfsPackages)
      return refuse(
        CODES.mtXfsReiserfs,
        `${item.name} uses ${w.machine.rootFileSystem.toUpperCase()} for its root or boot volume, but the master target ${mt.name} lacks the ReiserFS/XFS support packages.`,
        "The master target must be able to mount the machine's file systems.",
        `Install the ReiserFS and XFS support packages on ${mt.name} (xfsprogs, reiserfs-utils), then retry.`,
      );
  }
  return null;
}
