/** Check 9: a Windows Server 2008 R2 SP1 machine protected as a physical server cannot fail back. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";
import type { MachineView } from "@/server/fabric/port";

export const isPhysical2008R2 = (m: Pick<MachineView, "kind" | "osName">) => m.kind === "physical" && /2008\s*R2/i.test(m.osName);

export function check09Physical2008R2(w: Pick<CheckWorld, "machine">, _input: ReprotectProposal): DomainError | null {
  if (!isPhysical2008R2(w.machine)) return null;
  return refuse(
    CODES.physical2008R2,
    `${w.machine.name} runs ${w.machine.osName} and was protected as a physical machine; it cannot fail back.`,
    "A physical Windows Server 2008 R2 SP1 machine that failed over to Azure cannot fail back (one protected as an on-premises VM can).",
    "Keep the machine in Azure, or rebuild it on-premises and protect it as a VMware VM.",
  );
}
