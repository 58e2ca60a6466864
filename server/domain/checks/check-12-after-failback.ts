/**
 * Check 12 (advisory, never refuses): what the user must fix by hand after failback. A Linux VM
 * loses the Network Manager package in Azure; a NIC that had a static IP keeps the DHCP address it
 * got in Azure, unless a per-NIC failback IP was given at reprotect (the simulator applies it).
 */
import { CODES } from "./codes";
import type { CheckWorld, ReprotectProposal } from "./world";
import { DomainError } from "../errors";
import type { MachineView } from "@/server/fabric/port";
import type { FailbackSettings } from "@/db/schema";

export function failbackNotes(
  machine: Pick<MachineView, "name" | "osType" | "nics">,
  settings: FailbackSettings | null | undefined,
): string[] {
  const notes: string[] = [];
  if (machine.osType === "linux")
    notes.push(
      `The Network Manager package was removed while the machine ran in Azure. Reinstall it on ${machine.name} if the machine needs it.`,
    );
  for (const nic of machine.nics) {
    if (nic.ipMode !== "static") continue;
    const given = settings?.nicIps?.find((n) => n.nic === nic.name);
    if (given) continue;
    notes.push(
      `${nic.name} had the static address ${nic.ip} on-premises; it kept the DHCP address it got in Azure. Set ${nic.ip} back by hand.`,
    );
  }
  return notes;
}

/** Returns the advisory as a DomainError (kind NotAllowed is never thrown for it), or null when nothing needs doing. */
export function check12AfterFailback(
  w: CheckWorld,
  input: ReprotectProposal & { nicIps?: { nic: string; ip: string }[] },
): DomainError | null {
  const notes = failbackNotes(w.machine, {
    location: input.location ?? "original",
    nicIps: input.nicIps ?? w.item.failbackSettings?.nicIps,
  });
  if (notes.length === 0) return null;
  return new DomainError("NotAllowed", {
    code: CODES.guestSettingsAfterFailback,
    message: `After failback of ${w.machine.name} some guest settings must be fixed by hand.`,
    possibleCauses: notes.join(" "),
    recommendedAction:
      "Site Recovery does not change guest settings. Give a failback IP per network adapter in the advanced settings, or fix them after failback.",
  });
}
