/** Check 7: failback does not work to an ESXi host on a free license. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import { defaultLocation } from "../failback/location";
import type { DomainError } from "../errors";
import type { HostView } from "@/server/fabric/port";
import type { EsxiLicense } from "@/db/schema/enums";

/** A host on a free license has no writable vSphere API: nothing can fail back to it. */
export const canBeFailbackTarget = (host: { license: EsxiLicense }) => host.license !== "free";

export function check07EsxiLicense(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const loc = w.machine.kind === "physical" ? "alternate" : (input.location ?? defaultLocation(w));
  const hosts: HostView[] = [];
  if (loc === "original" && w.originalHost) hosts.push(w.originalHost);
  if (w.mtHost) hosts.push(w.mtHost);
  for (const h of hosts) {
    const e = hostLicenseRefusal(h);
    if (e) return e;
  }
  return null;
}

/** The refusal for one host a failback works on (the original VM's, the master target's): a free license. Re-protect disables such a choice with it. */
export function hostLicenseRefusal(free: Pick<HostView, "name" | "license" | "licenseLabel">): DomainError | null {
  if (canBeFailbackTarget(free)) return null;
  return refuse(
    CODES.freeEsxiLicense,
    `The ESXi host ${free.name} runs a free license${free.licenseLabel ? ` (${free.licenseLabel})` : ""}; failback to it is not possible.`,
    "On a free ESXi edition failover to Azure works, but failback fails because the free edition has no writable vSphere API.",
    `Upgrade ${free.name} to at least an Evaluation license, or fail back through a master target on another host.`,
  );
}
