/** Check 1: a reachable process server for failback, in the VM's Azure network and deployment model (or on-premises with ExpressRoute). */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { NetworkView, ProcessServerView } from "@/server/fabric/port";
import type { DomainError } from "../errors";

const reachAdvice = (cs: { name: string; ip: string }) =>
  `From the process server, run "telnet ${cs.ip} 443" to check that the configuration server ${cs.name} listens on port 443, and ping ${cs.ip}. Open the port in the network security group and firewall, then retry.`;

/** Why a process server that is not registered cannot be chosen, in a few words (the Re-protect options). */
export const notRegisteredReason = (status: ProcessServerView["status"]): string | null =>
  status === "deploying"
    ? "Being deployed; register it on its page afterwards."
    : status === "deployed"
      ? "Not registered: Register it on its page first."
      : status === "registering"
        ? "Being registered."
        : null;

/** A process server serves nothing until its Register job has finished: where it stands and what to do. */
function notRegistered(ps: ProcessServerView, cs: { name: string }): DomainError {
  const place = `Configuration Servers > ${cs.name} > Process servers > ${ps.name} > Register`;
  const [state, cause, action] =
    ps.status === "deploying"
      ? [
          "is still being deployed",
          "The Deploy process server job has not finished.",
          `Wait for the Deploy process server job to finish, then register the process server with the configuration server's IP and passphrase (${place}).`,
        ]
      : ps.status === "registering"
        ? [
            "is being registered",
            "The Register process server job has not finished.",
            "Wait for the Register process server job to finish (see Jobs), then retry.",
          ]
        : [
            "was deployed but not registered yet",
            "A failback process server registers with the configuration server in a second job, after its deployment.",
            `Register the process server with the configuration server's IP and passphrase (${place}), then retry.`,
          ];
  return refuse(
    CODES.psNotRegistered,
    `The process server ${ps.name} is not registered with the configuration server ${cs.name}: it ${state}.`,
    cause,
    action,
  );
}

/** Heartbeat and reachability of any process server (used for both directions). */
export function processServerHealth(ps: ProcessServerView, cs: { name: string; ip: string }): DomainError | null {
  if (ps.status !== "registered") return notRegistered(ps, cs);
  if (!ps.reachesConfigurationServer)
    return refuse(
      CODES.psCannotReachCs,
      `The process server ${ps.name} cannot reach the configuration server ${cs.name} (${cs.ip}).`,
      "A firewall, network security group or the VPN blocks port 443 between the process server and the configuration server.",
      reachAdvice(cs),
    );
  if (!ps.heartbeatOk)
    return refuse(
      CODES.psHeartbeatLost,
      `The process server ${ps.name} has not sent a heartbeat ${ps.heartbeatAgeMinutes === null ? "yet" : `for ${Math.round(ps.heartbeatAgeMinutes)} minutes`}.`,
      "The process server is stopped, or it lost its connection to the configuration server.",
      `Start the process server ${ps.name} and make sure it can reach the configuration server. ${reachAdvice(cs)}`,
    );
  return null;
}

/**
 * Why a process server cannot be chosen in a Re-protect (either direction), as an option says it:
 * not registered yet in a few words, otherwise the refusal of processServerHealth with its code.
 */
export function processServerOptionReason(ps: ProcessServerView, cs: { name: string; ip: string }): string | null {
  const e = processServerHealth(ps, cs);
  return e ? (notRegisteredReason(ps.status) ?? `${e.message} (${e.code})`) : null;
}

/**
 * The network rule of failback: the VMs in `net` send their data to a process server in Azure in
 * the same network and deployment model, or to an on-premises one only over ExpressRoute. Null
 * when `ps` can serve them (without a known network only the ExpressRoute case is decided).
 */
export function processServerNetworkMismatch(
  ps: Pick<ProcessServerView, "location" | "networkId" | "deploymentModel">,
  net: Pick<NetworkView, "id" | "deploymentModel" | "connectivity"> | null,
): "on-premises-without-expressroute" | "other-network" | "other-deployment-model" | null {
  if (ps.location === "on-premises") return net?.connectivity === "expressroute" ? null : "on-premises-without-expressroute";
  if (net && ps.networkId !== net.id) return "other-network";
  if (net && ps.deploymentModel !== net.deploymentModel) return "other-deployment-model";
  return null;
}

export function check01ProcessServer(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const cs = w.configurationServer;
  const net = w.network;
  const netName = net?.name ?? "(unknown network)";
  if (!input.processServerId)
    return refuse(
      CODES.psNone,
      `No process server was chosen for failback of ${w.item.name}; failback over VPN needs a process server in the Azure network ${netName}.`,
      "No process server has been deployed in Azure for this network.",
      `Deploy a failback process server in Azure (Configuration Servers > ${cs.name} > + Process server) in ${netName}, then re-protect.`,
    );
  const ps = w.processServer;
  if (!ps)
    return refuse(
      CODES.psUnknown,
      `The process server '${input.processServerId}' is not registered with ${cs.name}.`,
      "It was removed, or belongs to another configuration server.",
      "Choose a process server listed in the Re-protect dialog.",
    );
  if (ps.configurationServerId !== cs.id)
    return refuse(
      CODES.psUnknown,
      `The process server ${ps.name} is registered with another configuration server than ${cs.name}.`,
      "Failback uses the configuration server that protected the machine.",
      `Choose a process server registered with ${cs.name}.`,
    );
  switch (processServerNetworkMismatch(ps, net)) {
    case "on-premises-without-expressroute":
      return refuse(
        CODES.psOnPremWithoutExpressRoute,
        `The on-premises process server ${ps.name} can serve failback only over ExpressRoute; the network ${netName} reaches on-premises ${net?.connectivity === "vpn" ? "over VPN" : "not at all"}.`,
        "With a VPN connection the Azure VMs must send their data to a process server in Azure.",
        `Deploy a failback process server in Azure in ${netName} and choose it.`,
      );
    case "other-network":
      return refuse(
        CODES.psOtherNetwork,
        `The process server ${ps.name} is in another Azure network than ${w.item.name} (${netName}).`,
        "The Azure VMs and the process server must be in the same network to communicate.",
        `Deploy a failback process server in ${netName}, or choose one that is there.`,
      );
    case "other-deployment-model":
      return refuse(
        CODES.psDeploymentModel,
        `The process server ${ps.name} uses the ${ps.deploymentModel ?? "unknown"} deployment model, but ${w.item.name} runs in a ${net?.deploymentModel} network.`,
        "Classic VMs need a classic process server, Resource Manager VMs a Resource Manager one.",
        `Deploy a ${net?.deploymentModel === "classic" ? "classic" : "Resource Manager"} process server in ${netName}.`,
      );
  }
  return processServerHealth(ps, cs);
}
