/**
 * The master target checklist the configuration server shows (failback guide, "Master target
 * server"): disk.EnableUUID, no Storage vMotion, the XFS/ReiserFS packages (Linux), a retention
 * volume. Each is read from the server through the fabric when it is added and on Refresh; the
 * result is kept with the time it was read, each failed check with its fix.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { MasterTargetCheckKey } from "@/db/schema";
import type { FabricPort } from "@/server/fabric/port";
import { partitionRetentionVolumes } from "../checks/check-03-retention-volume";

export const MASTER_TARGET_CHECKS: Record<MasterTargetCheckKey, { label: string; fix: (mt: { name: string; osType: string }) => string }> =
  {
    "disk-enable-uuid": {
      label: "disk.EnableUUID = TRUE",
      fix: (mt) =>
        `Power off ${mt.name}, add disk.EnableUUID = TRUE under VM Options > Advanced > Configuration Parameters, power it on, then Refresh.`,
    },
    "no-storage-vmotion": {
      label: "Not moved by Storage vMotion",
      fix: (mt) => `${mt.name} was moved by Storage vMotion: move it back to its datastore (or install a new master target), then Refresh.`,
    },
    "xfs-reiserfs-packages": {
      label: "XFS/ReiserFS support packages installed",
      fix: (mt) => `On ${mt.name}, install the XFS (xfsprogs) and ReiserFS (reiserfs-utils) support packages, then Refresh.`,
    },
    "retention-volume": {
      label: "Retention volume",
      fix: (mt) =>
        `Add a disk to ${mt.name} and format it as the retention drive (${mt.osType === "linux" ? "/mnt/retention, ext4" : "R:, NTFS"}), then Refresh.`,
    },
  };

/** Reads the checklist from the server as the fabric reports it now. */
export function readMasterTargetChecks(fabric: FabricPort, masterTargetId: string): s.MasterTargetCheck[] {
  const mt = fabric.masterTarget(masterTargetId);
  if (!mt) return [];
  const checks: s.MasterTargetCheck[] = [
    { key: "disk-enable-uuid", passed: mt.diskEnableUuid },
    { key: "no-storage-vmotion", passed: !mt.storageVMotioned },
  ];
  if (mt.osType === "linux") checks.push({ key: "xfs-reiserfs-packages", passed: !!mt.linuxChecklist?.xfsReiserfsPackages });
  checks.push({ key: "retention-volume", passed: partitionRetentionVolumes(fabric.retentionVolumes(mt.id)).eligible.length > 0 });
  return checks;
}

/** Reads the checklist and keeps it with the time (on add and on Refresh). */
export function recordMasterTargetChecks(tx: DbOrTx, fabric: FabricPort, masterTargetId: string, now: Date): s.MasterTargetCheck[] {
  const checks = readMasterTargetChecks(fabric, masterTargetId);
  tx.update(s.masterTargets).set({ checks, checkedAt: now }).where(eq(s.masterTargets.id, masterTargetId)).run();
  return checks;
}

/**
 * What a master target's page shows of its checklist: the kept one with the time it was read; a
 * server never refreshed since it was installed shows what its last heartbeat reported.
 */
export function masterTargetChecklist(
  fabric: FabricPort,
  mt: Pick<typeof s.masterTargets.$inferSelect, "id" | "name" | "osType" | "checks" | "checkedAt" | "lastHeartbeatAt">,
) {
  return {
    checks: describeMasterTargetChecks({ name: mt.name, osType: mt.osType, checks: mt.checks ?? readMasterTargetChecks(fabric, mt.id) }),
    checkedAt: mt.checks ? mt.checkedAt : mt.lastHeartbeatAt,
  };
}

/** The kept checklist with its labels and fixes, for the portal. */
export function describeMasterTargetChecks(mt: { name: string; osType: string; checks: s.MasterTargetCheck[] | null }) {
  return (mt.checks ?? []).map((c) => ({
    key: c.key,
    label: MASTER_TARGET_CHECKS[c.key].label,
    passed: c.passed,
    fix: c.passed ? null : MASTER_TARGET_CHECKS[c.key].fix(mt),
  }));
}
