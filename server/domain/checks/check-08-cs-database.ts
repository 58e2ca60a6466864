/** Check 8: the machine must still be in the configuration server's database. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";

export function check08CsDatabase(w: CheckWorld, _input: ReprotectProposal): DomainError | null {
  if (w.machine.inConfigServerDb) return null;
  const cs = w.configurationServer;
  return refuse(
    CODES.vmNotInCsDatabase,
    `${w.machine.name} is missing from the database of the configuration server ${cs.name}; it cannot fail back.`,
    "The configuration server was rebuilt or restored from a backup taken before the machine was protected.",
    `Restore ${cs.name} from a backup that contains the machine, keeping the same IP address (${cs.ip}). Back up the configuration server regularly.`,
  );
}
