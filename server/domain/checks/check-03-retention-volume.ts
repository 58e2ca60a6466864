/** Check 3: an eligible retention volume on the master target (the five criteria). */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { RetentionVolumeView } from "@/server/fabric/port";
import type { DomainError } from "../errors";

/** Why a volume is not offered, or null when it is eligible. */
export function retentionVolumeIneligibility(v: RetentionVolumeView): string | null {
  if (v.usage === "replication-target" || v.usage === "os")
    return v.usage === "os" ? "It holds the operating system." : "It is used for something else (a replication target).";
  if (v.locked) return "It is locked.";
  if (v.usage === "cache") return "It is the cache volume (it holds the process server / master target installation).";
  if (/^fat(32)?$/i.test(v.fileSystem)) return `Its file system is ${v.fileSystem}; FAT and FAT32 are not supported.`;
  if (v.capacityGb <= 0) return "Its capacity is zero.";
  return null;
}

export function partitionRetentionVolumes(volumes: RetentionVolumeView[]) {
  const eligible: RetentionVolumeView[] = [];
  const excluded: { volume: RetentionVolumeView; reason: string }[] = [];
  for (const v of volumes) {
    const reason = retentionVolumeIneligibility(v);
    if (reason) excluded.push({ volume: v, reason });
    else eligible.push(v);
  }
  return { eligible, excluded };
}

export function check03RetentionVolume(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const mt = w.masterTarget;
  if (!mt) return null; // check 2 reports the missing master target
  const { eligible, excluded } = partitionRetentionVolumes(w.retentionVolumes);
  if (eligible.length === 0)
    return refuse(
      CODES.rvNoneEligible,
      `The master target ${mt.name} has no eligible retention volume.`,
      excluded.length ? excluded.map((e) => `${e.volume.name}: ${e.reason}`).join(" ") : "It has no volume besides the system.",
      `Add a disk to ${mt.name} and format it as the retention drive (${mt.osType === "linux" ? "/mnt/retention" : "R:"}), or choose another master target.`,
    );
  if (!input.retentionVolumeId)
    return refuse(
      CODES.rvIneligible,
      `No retention drive was chosen on ${mt.name}.`,
      "Failback keeps its points in time on the retention drive.",
      `Choose one of: ${eligible.map((v) => v.name).join(", ")}.`,
    );
  const chosen = w.retentionVolumes.find((v) => v.id === input.retentionVolumeId);
  if (!chosen)
    return refuse(
      CODES.rvIneligible,
      `The retention drive '${input.retentionVolumeId}' is not on the master target ${mt.name}.`,
      "The retention drive must be a volume of the chosen master target.",
      `Choose one of: ${eligible.map((v) => v.name).join(", ")}.`,
    );
  const reason = retentionVolumeIneligibility(chosen);
  if (reason)
    return refuse(
      CODES.rvIneligible,
      `The volume ${chosen.name} on ${mt.name} cannot be the retention drive.`,
      reason,
      `Choose one of: ${eligible.map((v) => v.name).join(", ")}.`,
    );
  return null;
}
