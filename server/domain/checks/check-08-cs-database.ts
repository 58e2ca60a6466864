/**
 * Check 8: the machine must still be in the configuration server's database. The refusal says
 * when the configuration server's database was last backed up, and whether that backup was taken
 * after the machine was protected, so the administrator knows what a restore would bring back.
 */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";

/** A time as the refusal states it: "2026-12-01 14:05 UTC". */
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function check08CsDatabase(w: CheckWorld, _input: ReprotectProposal): DomainError | null {
  if (w.machine.inConfigServerDb) return null;
  const cs = w.configurationServer;
  const name = w.machine.name;
  const protectedAt = w.item.createdAt;
  const backup = cs.lastBackupAt;
  const backupHasMachine = !!backup && backup.getTime() >= protectedAt.getTime();
  const backupLine = !backup
    ? `No database backup of ${cs.name} has been taken.`
    : backupHasMachine
      ? `The last database backup of ${cs.name} was taken ${utc(backup)}, after ${name} was protected (${utc(protectedAt)}): restoring it brings the machine back.`
      : `The last database backup of ${cs.name} was taken ${utc(backup)}, before ${name} was protected (${utc(protectedAt)}): restoring it would not bring the machine back.`;
  const place = `Configuration Servers > ${cs.name} > Back up`;
  return refuse(
    CODES.vmNotInCsDatabase,
    `${name} is missing from the database of the configuration server ${cs.name}; it cannot fail back. ${backupLine}`,
    "The configuration server was rebuilt or restored from a backup taken before the machine was protected.",
    backupHasMachine
      ? `Restore ${cs.name} from its last database backup (${utc(backup)}), keeping the same IP address (${cs.ip}), then retry. Back up the configuration server regularly (${place}).`
      : `Restore ${cs.name} from a backup that contains the machine (one taken after ${utc(protectedAt)}), keeping the same IP address (${cs.ip}). Back up the configuration server regularly (${place}).`,
  );
}
