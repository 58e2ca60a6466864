/** Check 14: the vCenter servers a failback works in (the target's and the master target's) are connected. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import { targetVCenterId } from "./check-04-datastore";
import type { DomainError } from "../errors";

export function check14VCenterConnected(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const ids = new Set([targetVCenterId(w, input), w.mtHost?.vcenterId].filter((x): x is string => !!x));
  for (const id of ids) {
    const e = vcenterDisconnectedRefusal(w, id);
    if (e) return e;
  }
  return null;
}

/** The refusal for one vCenter a failback works in: disconnected. Re-protect disables a master target or location in it with it. */
export function vcenterDisconnectedRefusal(w: Pick<CheckWorld, "fabric" | "configurationServer">, id: string): DomainError | null {
  const vc = w.fabric.vcenter(id);
  if (!vc || vc.connected) return null;
  return refuse(
    CODES.vcenterDisconnected,
    `The vCenter server ${vc.name} is disconnected from the configuration server ${w.configurationServer.name}.`,
    "Failback detaches the disks from the master target and attaches them to the on-premises VM through vCenter; with the vCenter disconnected this fails.",
    `Reconnect ${vc.name} (check the network and the run-as account, then Refresh the vCenter server), then retry. Nothing has been shut down.`,
  );
}
