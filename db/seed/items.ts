import { eq } from "drizzle-orm";
import * as s from "../schema";
import type { ActiveLocation, FailbackSettings, ItemState, ReplicationDirection } from "../schema";
import { defaultSubnetKey } from "./azure";
import { HOUR, MIN, DAY, type SeedContext } from "./context";
import { MACHINES, machineDatastoreKey } from "./machines";

/** A replicated item as the seed describes it (keys, not ids). */
type SeedItem = {
  key: string;
  machine: string;
  state: ItemState;
  loc: ActiveLocation;
  dir: ReplicationDirection;
  /** Target network key; null for none, vnet-prod when absent. */
  net?: string | null;
  azureVm?: { power: s.AzureVmPower; ip: string } | null;
  percent?: number;
  group?: string;
  ps?: string;
  mt?: string | null;
  failback?: FailbackSettings | null;
  notes?: string[];
  health?: s.ReplicationHealth;
};

const committedInAzure = (key: string, ip: string, extra: Partial<SeedItem> = {}): SeedItem => ({
  key,
  machine: `m-${key}`,
  state: "failover-committed",
  loc: "azure",
  dir: "to-azure",
  azureVm: { power: "running", ip },
  ...extra,
});

export const ITEMS: SeedItem[] = [
  { key: "web-01", machine: "m-web-01", state: "protected", loc: "on-premises", dir: "to-azure" },
  {
    key: "web-02",
    machine: "m-web-02",
    state: "enabling-protection",
    loc: "on-premises",
    dir: "to-azure",
    percent: 46,
    health: "not-applicable",
  },
  {
    key: "app-01",
    machine: "m-app-01",
    state: "failover-completed",
    loc: "azure",
    dir: "to-azure",
    azureVm: { power: "running", ip: "10.10.1.31" },
  },
  committedInAzure("app-02", "10.10.1.32"),
  committedInAzure("app-03", "10.10.1.33"),
  {
    key: "crm-01",
    machine: "m-crm-01",
    state: "protected",
    loc: "azure",
    dir: "to-on-premises",
    azureVm: { power: "running", ip: "10.10.1.41" },
    ps: "ps-azure-prod",
    mt: "mt-cs-01",
    failback: { location: "original" },
  },
  {
    key: "crm-02",
    machine: "m-crm-02",
    state: "failover-completed",
    loc: "on-premises",
    dir: "to-on-premises",
    azureVm: { power: "stopped", ip: "10.10.1.42" },
    ps: "ps-azure-prod",
    mt: "mt-cs-01",
    failback: { location: "original" },
  },
  {
    key: "app-lnx-01",
    machine: "m-app-lnx-01",
    state: "failover-committed",
    loc: "on-premises",
    dir: "to-on-premises",
    ps: "ps-azure-prod",
    mt: "mt-lnx-01",
    failback: { location: "original" },
    health: "not-applicable",
    notes: [
      "The Network Manager package was removed while the machine ran in Azure. Reinstall it on app-lnx-01 if the machine needs it.",
      "Network adapter 1 had the static address 10.0.1.51 on-premises; it kept the DHCP address it got in Azure. Set 10.0.1.51 back by hand.",
    ],
  },
  { key: "hr-01", machine: "m-hr-01", state: "protected", loc: "on-premises", dir: "to-azure" },
  committedInAzure("lnx-db-01", "10.10.2.52"),
  { key: "web-04", machine: "m-web-04", state: "test-failover-completed", loc: "on-premises", dir: "to-azure" },
  { key: "phys-lnx-01", machine: "m-phys-lnx-01", state: "protected", loc: "on-premises", dir: "to-azure" },
  committedInAzure("phys-win-01", "10.10.1.141"),
  // Refusal situations of the 12 checks.
  committedInAzure("dev-web-01", "10.30.1.71", { net: "vnet-dev" }),
  committedInAzure("big-fs-01", "10.10.1.72"),
  committedInAzure("file-br-01", "10.10.1.121"),
  committedInAzure("erp-app-01", "10.10.1.81"),
  committedInAzure("kiosk-01", "10.10.1.91"),
  committedInAzure("legacy-app-01", "10.10.1.92"),
  committedInAzure("phys-2008-01", "10.10.1.151"),
  committedInAzure("test-web-01", "10.20.1.93", { net: "vnet-isolated" }),
  committedInAzure("sql-cl-01", "10.10.2.101", { group: "rg-sql-cluster" }),
  committedInAzure("sql-cl-02", "10.10.2.102", { group: "rg-sql-cluster" }),
  { key: "ps-lost-01", machine: "m-ps-lost-01", state: "protected", loc: "on-premises", dir: "to-azure" },
];

/**
 * Replicated items in every stage of the round trip and in each refusal situation of the 12
 * checks, with their Azure VMs (and test VM) and two hours of recovery points.
 */
export function seedItems({ tx, vaultId, id, at, now }: SeedContext): void {
  const machineByKey = new Map(MACHINES.map((m) => [m.key, m]));
  for (const it of ITEMS) {
    const m = machineByKey.get(it.machine)!;
    const itemId = id(it.key);
    const netKey = it.net === undefined ? "vnet-prod" : it.net;
    const net = netKey && id(netKey);
    const subnet = netKey && id(defaultSubnetKey(netKey));
    const reverse = it.dir === "to-on-premises";
    const protectedNow = it.state === "protected" || it.state === "test-failover-completed";
    const cores = m.cores ?? 4;
    let azureVmId: string | null = null;
    if (it.azureVm) {
      azureVmId = id(`avm-${it.key}`);
      tx.insert(s.azureVms)
        .values({
          id: azureVmId,
          replicatedItemId: itemId,
          name: m.name,
          size: cores >= 8 ? "Standard_D8s_v3" : "Standard_D4s_v3",
          cores,
          memoryMb: cores >= 8 ? 32768 : 16384,
          networkId: net,
          subnetId: subnet,
          ip: it.azureVm.ip,
          ipMode: "dhcp",
          powerState: it.azureVm.power,
        })
        .run();
    }
    let testVmId: string | null = null;
    if (it.state === "test-failover-completed") {
      testVmId = id(`avm-${it.key}-test`);
      tx.insert(s.azureVms)
        .values({
          id: testVmId,
          replicatedItemId: itemId,
          name: `${m.name}-test`,
          size: "Standard_D4s_v3",
          cores: 4,
          memoryMb: 16384,
          networkId: id("vnet-isolated"),
          subnetId: id("snet-isolated-default"),
          ip: "10.20.1.24",
          powerState: "running",
          isTest: true,
        })
        .run();
    }
    const lastPoint = protectedNow ? at(4 * MIN) : at(3 * HOUR);
    const retentionVolume = it.mt ? (it.mt === "mt-lnx-01" ? "rv-lnx-01" : "rv-cs-01-r") : null;
    const datastore = machineDatastoreKey(m) ?? "ds-prod-01";
    tx.insert(s.replicatedItems)
      .values({
        id: itemId,
        vaultId,
        machineId: id(m.key),
        configurationServerId: id("cs-01"),
        name: m.name,
        kind: m.kind ?? "vmware",
        osType: m.os,
        state: it.state,
        activeLocation: it.loc,
        replicationDirection: it.dir,
        replicationHealth: it.health ?? (protectedNow ? "healthy" : "not-applicable"),
        policyId: id(reverse ? "policy-24h-failback" : "policy-24h"),
        processServerId: id(it.ps ?? "ps-cs-01"),
        masterTargetId: it.mt ? id(it.mt) : null,
        accountId: reverse ? id("acct-vcenter-admin") : null,
        failbackDatastoreId: reverse ? id(datastore) : null,
        retentionVolumeId: retentionVolume && id(retentionVolume),
        failbackSettings: it.failback ?? null,
        targetNetworkId: net,
        targetSubnetId: subnet,
        azureVmId,
        testAzureVmId: testVmId,
        replicationGroup: it.group ?? null,
        rpoSeconds: protectedNow ? 240 : null,
        initialReplicationPercent: it.percent ?? 100,
        lastRecoveryPointAt: it.state === "enabling-protection" ? null : lastPoint,
        healthErrors: [],
        notes: it.notes ?? [],
        createdAt: at(20 * DAY),
        updatedAt: at(2 * HOUR),
      })
      .run();
    if (it.state !== "enabling-protection") {
      tx.insert(s.recoveryPoints)
        .values(recoveryPoints(itemId, it.dir, lastPoint.getTime(), !!it.group))
        .run();
    }
  }

  // ps-lost-01 replicates through ps-branch-01, whose heartbeat is lost (check 1, error 806).
  tx.update(s.replicatedItems)
    .set({
      processServerId: id("ps-branch-01"),
      replicationHealth: "critical",
      rpoSeconds: 47 * 60,
      lastRecoveryPointAt: at(47 * MIN),
      healthErrors: [
        {
          code: "806",
          message: "The process server ps-branch-01 has not sent a heartbeat for 47 minutes.",
          possibleCauses: "The process server is stopped, or it lost its connection to the configuration server.",
          recommendedAction:
            "Check that the process server is running and can reach the configuration server on port 443, then wait for the next heartbeat.",
          severity: "critical",
          at: now - 32 * MIN,
        },
      ],
    })
    .where(eq(s.replicatedItems.id, id("ps-lost-01")))
    .run();
}

function recoveryPoints(itemId: string, direction: ReplicationDirection, latest: number, multiVm: boolean) {
  // Two hours of points: crash-consistent every 5 minutes, app-consistent every hour.
  const points: (typeof s.recoveryPoints.$inferInsert)[] = [];
  for (let i = 0; i < 24; i++) {
    const appConsistent = i % 12 === 0 && i > 0;
    points.push({
      replicatedItemId: itemId,
      at: new Date(latest - i * 5 * MIN),
      type: appConsistent ? "app-consistent" : "crash-consistent",
      multiVm,
      direction,
      pendingMb: i === 0 ? 180 : 0,
    });
  }
  return points;
}
