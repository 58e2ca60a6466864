/** The 15 prerequisite checks of spec §2, run up front by the verbs and as the "Prerequisites check" job step. */
import type { DbOrTx } from "@/db/client";
import type { FabricPort } from "@/server/fabric/port";
import type { DomainError } from "../errors";
import type { ItemRow } from "../replicated-item/load";
import { buildCheckWorld, type CheckWorld, type ReprotectProposal } from "./world";
import { check01ProcessServer } from "./check-01-process-server";
import { check02MasterTarget } from "./check-02-master-target";
import { check03RetentionVolume } from "./check-03-retention-volume";
import { check04Datastore } from "./check-04-datastore";
import { check05Account } from "./check-05-account";
import { check06Snapshots } from "./check-06-snapshots";
import { check07EsxiLicense } from "./check-07-esxi-license";
import { check08CsDatabase } from "./check-08-cs-database";
import { check09Physical2008R2 } from "./check-09-physical-2008r2";
import { check10Connectivity } from "./check-10-connectivity";
import { check11ReplicationGroup } from "./check-11-replication-group";
import { check12AfterFailback } from "./check-12-after-failback";
import { check13MasterTargetTemplate } from "./check-13-mt-template";
import { check14VCenterConnected } from "./check-14-vcenter-connected";
import { check15FailbackNic } from "./check-15-failback-nic";

export type CheckInput = ReprotectProposal & { purpose?: "reprotect" | "failback-failover"; nicIps?: { nic: string; ip: string }[] };
export type Check = { number: number; title: string; advisory?: boolean; run: (w: CheckWorld, input: CheckInput) => DomainError | null };

export const CHECKS: Check[] = [
  { number: 1, title: "Process server for failback", run: check01ProcessServer },
  { number: 2, title: "Master target server", run: check02MasterTarget },
  { number: 3, title: "Retention volume", run: check03RetentionVolume },
  { number: 4, title: "Datastore and failback location", run: check04Datastore },
  { number: 5, title: "vCenter account permissions", run: check05Account },
  { number: 6, title: "Snapshots on the on-premises VM", run: check06Snapshots },
  { number: 7, title: "ESXi license", run: check07EsxiLicense },
  { number: 8, title: "Configuration server database", run: check08CsDatabase },
  { number: 9, title: "Physical Windows Server 2008 R2 SP1", run: check09Physical2008R2 },
  { number: 10, title: "VPN or ExpressRoute to on-premises", run: check10Connectivity },
  { number: 11, title: "Replication group and recovery plan", run: check11ReplicationGroup },
  { number: 12, title: "Guest settings after failback", advisory: true, run: check12AfterFailback },
  { number: 13, title: "Master target not cloned from the VM's template", run: check13MasterTargetTemplate },
  { number: 14, title: "vCenter server connected", run: check14VCenterConnected },
  { number: 15, title: "Failback NIC for retained IP addresses", run: check15FailbackNic },
];

/**
 * The order in which a verb reports the first failure: causes that no other choice can fix first
 * (the machine itself, the network), then the infrastructure choices.
 */
export const REFUSAL_ORDER = [9, 8, 11, 10, 15, 1, 2, 13, 3, 14, 5, 7, 6, 4];

/**
 * Which checks guard which operation. The failback failover relies on what the reprotect set up;
 * it runs again every check whose cause can appear in between and would stop the on-premises VM
 * from starting (process server, master target, datastore and location, snapshots, licence,
 * configuration server database, connectivity, vCenter connection) — all of them in the job's
 * Prerequisites step, before the Azure VM is shut down.
 */
export const CHECKS_FOR = {
  "reprotect-to-on-premises": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  "failover-to-on-premises": [1, 2, 4, 6, 7, 8, 10, 12, 14],
} as const;

export type CheckResult = {
  number: number;
  title: string;
  passed: boolean;
  advisory: boolean;
  error: ReturnType<DomainError["toJSON"]> | null;
};
export type ReadinessReport = { ready: boolean; checks: CheckResult[] };

export function runChecks(w: CheckWorld, input: CheckInput, numbers: readonly number[]): ReadinessReport {
  const checks = CHECKS.filter((c) => numbers.includes(c.number)).map((c) => {
    const e = c.run(w, input);
    return { number: c.number, title: c.title, passed: e === null, advisory: !!c.advisory, error: e ? e.toJSON() : null };
  });
  return { ready: checks.every((c) => c.passed || c.advisory), checks };
}

/** The first refusal among the given checks (advisories never refuse), or null. */
export function firstRefusal(w: CheckWorld, input: CheckInput, numbers: readonly number[]): DomainError | null {
  for (const n of REFUSAL_ORDER) {
    if (!numbers.includes(n)) continue;
    const c = CHECKS.find((x) => x.number === n)!;
    const e = c.run(w, input);
    if (e) return e;
  }
  return null;
}

/**
 * Builds the check world for the item and proposal and throws the first refusal of the
 * operation's checks: the verbs up front, the jobs again in their Prerequisites check step.
 */
export function assertChecks(
  db: DbOrTx,
  fabric: FabricPort,
  item: ItemRow,
  input: CheckInput,
  operation: keyof typeof CHECKS_FOR,
): CheckWorld {
  const w = buildCheckWorld(db, fabric, item, input);
  const e = firstRefusal(w, input, CHECKS_FOR[operation]);
  if (e) throw e;
  return w;
}

export { buildCheckWorld, proposalFromItem, type CheckWorld, type ReprotectProposal } from "./world";
