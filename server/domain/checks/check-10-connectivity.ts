/** Check 10: the VM's Azure network reaches on-premises over VPN or ExpressRoute; for reprotect the Azure VM runs. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";

export function check10Connectivity(
  w: CheckWorld,
  input: ReprotectProposal & { purpose?: "reprotect" | "failback-failover" },
): DomainError | null {
  const net = w.network;
  if (!net || net.connectivity === "none")
    return refuse(
      CODES.noSiteConnectivity,
      `The Azure network ${net?.name ?? "of " + w.item.name} has no VPN or ExpressRoute connection to on-premises.`,
      "Failback sends the data from Azure to the on-premises master target; it needs a site-to-site VPN or ExpressRoute.",
      `Connect ${net?.name ?? "the network"} to on-premises with a site-to-site VPN or ExpressRoute (check that the VPN gateway is up), then retry.`,
    );
  if (net.connectivity === "expressroute" && !net.expressRoutePublicPeering)
    return refuse(
      CODES.expressRouteNoPublicPeering,
      `The ExpressRoute connection of ${net.name} has no public peering.`,
      "Replication traffic to the storage endpoint needs ExpressRoute public peering.",
      `Enable public peering on the ExpressRoute circuit of ${net.name}.`,
    );
  if ((input.purpose ?? "reprotect") === "reprotect") {
    const vm = w.azureVm;
    if (!vm || vm.deleted || vm.powerState !== "running")
      return refuse(
        CODES.azureVmNotRunning,
        `The Azure VM ${vm?.name ?? w.item.name} isn't running, is in a hung state, or isn't accessible.`,
        "Reprotect installs the mobility service on the Azure VM and reads its disks; the VM must run.",
        `Start the Azure VM ${vm?.name ?? w.item.name}, then retry.`,
      );
  }
  return null;
}
