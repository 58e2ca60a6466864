/** Check 15: a machine whose IP addresses were retained at failover fails back only through a second (failback) NIC on the configuration server. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld } from "./world";
import type { DomainError } from "../errors";

export function check15FailbackNic(w: CheckWorld): DomainError | null {
  if (!w.machine.ipRetainedAtFailover || w.configurationServer.failbackNic) return null;
  return refuse(
    CODES.csNoFailbackNic,
    `The IP addresses of ${w.machine.name} were retained at failover, and the configuration server ${w.configurationServer.name} has no failback NIC.`,
    "With retained IP addresses the source and failed-over subnets overlap; the failback traffic needs a second NIC on the configuration server, reachable over site-to-site VPN or ExpressRoute.",
    `Add a second NIC for failback traffic to ${w.configurationServer.name}, connected to the Azure network over site-to-site VPN or ExpressRoute, then retry.`,
  );
}
