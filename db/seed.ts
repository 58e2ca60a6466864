import { eq } from "drizzle-orm";
import type { DB, Tx } from "./client";
import * as s from "./schema";
import type { Disk, Nic, ItemState, ActiveLocation, ReplicationDirection, FailbackSettings } from "./schema";
import { encryptSecret } from "../server/lib/secrets";
import { defaultSimulationSpeed } from "../server/jobs/clock";

export const DEMO_VAULT_ID = "contoso-dr-vault";

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The demo vault: a Site Recovery vault for Contoso with one configuration server (cs-01), a
 * vCenter with several ESXi hosts (one on a free license), Azure networks with and without VPN,
 * discovered machines ready to replicate, and replicated items standing in every stage of the
 * failback round trip and in each refusal situation of the 12 prerequisite checks.
 *
 * Idempotent: does nothing when the vault exists. Returns whether it wrote anything.
 */
export function seedDemoVault(db: DB, now = Date.now()): boolean {
  const existing = db.select({ id: s.vaults.id }).from(s.vaults).where(eq(s.vaults.id, DEMO_VAULT_ID)).get();
  if (existing) return false;
  db.transaction((tx) => writeDemoVault(tx, now));
  return true;
}

function writeDemoVault(tx: Tx, now: number) {
  const at = (msAgo: number) => new Date(now - msAgo);
  const vaultId = DEMO_VAULT_ID;

  tx.insert(s.vaults)
    .values({
      id: vaultId,
      name: "contoso-dr-vault",
      subscriptionName: "Contoso Production",
      subscriptionId: "6f1c2a4e-8d3b-4a57-9c1e-2b7d5e8f0a13",
      resourceGroup: "rg-siterecovery",
      region: "West Europe",
      createdAt: at(90 * 24 * HOUR),
    })
    .run();
  tx.insert(s.simulationSettings).values({ vaultId, speed: defaultSimulationSpeed(), simNow: now, realAt: now }).run();

  // ---- Azure side -------------------------------------------------------------------------
  tx.insert(s.azureSubscriptions)
    .values({ id: "sub-prod", vaultId, name: "Contoso Production", subscriptionGuid: "6f1c2a4e-8d3b-4a57-9c1e-2b7d5e8f0a13" })
    .run();
  tx.insert(s.resourceGroups)
    .values([
      { id: "rg-siterecovery", subscriptionId: "sub-prod", name: "rg-siterecovery", region: "West Europe" },
      { id: "rg-network", subscriptionId: "sub-prod", name: "rg-network", region: "West Europe" },
      { id: "rg-failback", subscriptionId: "sub-prod", name: "rg-failback", region: "West Europe" },
    ])
    .run();
  tx.insert(s.storageAccounts)
    .values([
      { id: "sa-cache", resourceGroupId: "rg-siterecovery", name: "contosoasrcache01" },
      { id: "sa-failback", resourceGroupId: "rg-failback", name: "contosofailbackps01" },
    ])
    .run();
  tx.insert(s.azureNetworks)
    .values([
      {
        id: "vnet-prod",
        subscriptionId: "sub-prod",
        resourceGroupId: "rg-network",
        name: "vnet-prod",
        deploymentModel: "resource-manager",
        addressSpace: "10.10.0.0/16",
        connectivity: "vpn",
      },
      {
        id: "vnet-isolated",
        subscriptionId: "sub-prod",
        resourceGroupId: "rg-network",
        name: "vnet-isolated",
        deploymentModel: "resource-manager",
        addressSpace: "10.20.0.0/16",
        connectivity: "none",
      },
      {
        id: "vnet-dev",
        subscriptionId: "sub-prod",
        resourceGroupId: "rg-network",
        name: "vnet-dev",
        deploymentModel: "resource-manager",
        addressSpace: "10.30.0.0/16",
        connectivity: "vpn",
      },
      {
        id: "vnet-er",
        subscriptionId: "sub-prod",
        resourceGroupId: "rg-network",
        name: "vnet-er",
        deploymentModel: "resource-manager",
        addressSpace: "10.40.0.0/16",
        connectivity: "expressroute",
        expressRoutePublicPeering: true,
      },
      {
        id: "vnet-classic",
        subscriptionId: "sub-prod",
        resourceGroupId: null,
        name: "vnet-classic",
        deploymentModel: "classic",
        addressSpace: "10.50.0.0/16",
        connectivity: "vpn",
      },
    ])
    .run();
  tx.insert(s.azureSubnets)
    .values([
      { id: "snet-prod-default", networkId: "vnet-prod", name: "default", addressRange: "10.10.1.0/24" },
      { id: "snet-prod-app", networkId: "vnet-prod", name: "app", addressRange: "10.10.2.0/24" },
      { id: "snet-isolated-default", networkId: "vnet-isolated", name: "default", addressRange: "10.20.1.0/24" },
      { id: "snet-dev-default", networkId: "vnet-dev", name: "default", addressRange: "10.30.1.0/24" },
      { id: "snet-er-default", networkId: "vnet-er", name: "default", addressRange: "10.40.1.0/24" },
      { id: "snet-classic-default", networkId: "vnet-classic", name: "Subnet-1", addressRange: "10.50.1.0/24" },
    ])
    .run();
  tx.insert(s.networkInterfaces)
    .values([
      {
        id: "nic-ps-prod-01",
        resourceGroupId: "rg-failback",
        subnetId: "snet-prod-default",
        name: "ps-azure-prod-nic",
        attachedTo: "ps-azure-prod",
      },
      {
        id: "nic-ps-failback-02",
        resourceGroupId: "rg-failback",
        subnetId: "snet-prod-default",
        name: "ps-failback-02-nic",
        attachedTo: null,
      },
      { id: "nic-ps-dev-01", resourceGroupId: "rg-failback", subnetId: "snet-dev-default", name: "ps-dev-01-nic", attachedTo: null },
    ])
    .run();

  // ---- On-premises fabric -----------------------------------------------------------------
  tx.insert(s.configurationServers)
    .values({
      id: "cs-01",
      vaultId,
      name: "cs-01",
      ip: "10.0.0.10",
      version: "9.62.7096.1",
      lastHeartbeatAt: at(2 * MIN),
      health: "healthy",
      passphraseEnc: encryptSecret("Contoso-Demo-Passphrase-01"),
      passphraseChangedAt: at(60 * 24 * HOUR),
      lastBackupAt: at(20 * HOUR),
    })
    .run();
  tx.insert(s.runAsAccounts)
    .values([
      {
        id: "acct-vcenter-admin",
        configurationServerId: "cs-01",
        friendlyName: "vcenter-admin",
        userName: "CONTOSO\\svc-asr-vcenter",
        secretEnc: encryptSecret("Demo-vCenter-Admin-1!"),
        secretChangedAt: at(30 * 24 * HOUR),
        permission: "full",
      },
      {
        id: "acct-branch-readonly",
        configurationServerId: "cs-01",
        friendlyName: "branch-readonly",
        userName: "CONTOSO\\svc-asr-branch",
        secretEnc: encryptSecret("Demo-Branch-RO-1!"),
        secretChangedAt: at(30 * 24 * HOUR),
        permission: "read-only",
      },
      {
        id: "acct-linux-root",
        configurationServerId: "cs-01",
        friendlyName: "linux-root",
        userName: "root",
        secretEnc: encryptSecret("Demo-Linux-Root-1!"),
        secretChangedAt: at(30 * 24 * HOUR),
        permission: "full",
      },
    ])
    .run();
  tx.insert(s.vcenters)
    .values([
      {
        id: "vcenter-01",
        configurationServerId: "cs-01",
        name: "vcenter-01",
        kind: "vcenter",
        ip: "10.0.0.20",
        accountId: "acct-vcenter-admin",
        discoveredAt: at(60 * 24 * HOUR),
        lastRefreshAt: at(15 * MIN),
      },
      {
        id: "vcenter-branch",
        configurationServerId: "cs-01",
        name: "vcenter-branch",
        kind: "vcenter",
        ip: "10.1.0.20",
        accountId: "acct-branch-readonly",
        discoveredAt: at(40 * 24 * HOUR),
        lastRefreshAt: at(15 * MIN),
      },
    ])
    .run();
  tx.insert(s.esxiHosts)
    .values([
      { id: "esxi-01", vcenterId: "vcenter-01", name: "esxi-01.contoso.local", version: "6.7.0", license: "enterprise" },
      { id: "esxi-02", vcenterId: "vcenter-01", name: "esxi-02.contoso.local", version: "6.7.0", license: "standard" },
      { id: "esxi-03", vcenterId: "vcenter-01", name: "esxi-03.contoso.local", version: "6.5.0", license: "evaluation" },
      {
        id: "esxi-04",
        vcenterId: "vcenter-01",
        name: "esxi-04.contoso.local",
        version: "6.0.0",
        license: "free",
        licenseLabel: "vSphere 6 Hypervisor free",
      },
      { id: "esxi-br-01", vcenterId: "vcenter-branch", name: "esxi-br-01.contoso.local", version: "6.7.0", license: "standard" },
    ])
    .run();
  tx.insert(s.datastores)
    .values([
      { id: "ds-prod-01", vcenterId: "vcenter-01", name: "ds-prod-01", capacityGb: 4096, freeGb: 1840 },
      { id: "ds-prod-02", vcenterId: "vcenter-01", name: "ds-prod-02", capacityGb: 4096, freeGb: 2210 },
      { id: "ds-small", vcenterId: "vcenter-01", name: "ds-small", capacityGb: 500, freeGb: 18 },
      { id: "ds-esxi03-local", vcenterId: "vcenter-01", name: "ds-esxi03-local", capacityGb: 1024, freeGb: 700 },
      { id: "ds-esxi04-local", vcenterId: "vcenter-01", name: "ds-esxi04-local", capacityGb: 1024, freeGb: 610 },
      { id: "ds-branch-01", vcenterId: "vcenter-branch", name: "ds-branch-01", capacityGb: 2048, freeGb: 1300 },
    ])
    .run();
  tx.insert(s.datastoreHosts)
    .values([
      { datastoreId: "ds-prod-01", hostId: "esxi-01" },
      { datastoreId: "ds-prod-01", hostId: "esxi-02" },
      { datastoreId: "ds-prod-02", hostId: "esxi-01" },
      { datastoreId: "ds-prod-02", hostId: "esxi-02" },
      { datastoreId: "ds-small", hostId: "esxi-01" },
      { datastoreId: "ds-small", hostId: "esxi-02" },
      { datastoreId: "ds-esxi03-local", hostId: "esxi-03" },
      { datastoreId: "ds-esxi04-local", hostId: "esxi-04" },
      { datastoreId: "ds-branch-01", hostId: "esxi-br-01" },
    ])
    .run();

  // ---- Process servers, master targets, retention volumes ---------------------------------
  tx.insert(s.processServers)
    .values([
      {
        id: "ps-cs-01",
        configurationServerId: "cs-01",
        name: "cs-01",
        location: "on-premises",
        ip: "10.0.0.10",
        status: "registered",
        lastHeartbeatAt: at(1 * MIN),
        loadPercent: 35,
        registeredAt: at(60 * 24 * HOUR),
      },
      {
        id: "ps-azure-prod",
        configurationServerId: "cs-01",
        name: "ps-azure-prod",
        location: "azure",
        ip: "10.10.1.50",
        status: "registered",
        lastHeartbeatAt: at(1 * MIN),
        loadPercent: 20,
        subscriptionId: "sub-prod",
        networkId: "vnet-prod",
        subnetId: "snet-prod-default",
        deploymentModel: "resource-manager",
        resourceGroupId: "rg-failback",
        storageAccountId: "sa-failback",
        networkInterfaceId: "nic-ps-prod-01",
        adminUserName: "psadmin",
        registeredAt: at(10 * 24 * HOUR),
      },
    ])
    .run();
  const linuxOk: s.LinuxChecklist = {
    centos66Minimal: true,
    staticIp: true,
    noLvm: true,
    partitions: true,
    packages: true,
    xfsReiserfsPackages: true,
    multipath: true,
    applyCustomChanges: true,
  };
  tx.insert(s.masterTargets)
    .values([
      {
        id: "mt-cs-01",
        configurationServerId: "cs-01",
        name: "cs-01",
        osType: "windows",
        osName: "Windows Server 2012 R2",
        hostId: "esxi-01",
        datastoreId: "ds-prod-01",
        onConfigurationServer: true,
        lastHeartbeatAt: at(1 * MIN),
      },
      {
        id: "mt-win-02",
        configurationServerId: "cs-01",
        name: "mt-win-02",
        osType: "windows",
        osName: "Windows Server 2016",
        hostId: "esxi-02",
        datastoreId: "ds-prod-02",
        lastHeartbeatAt: at(2 * MIN),
      },
      {
        id: "mt-lnx-01",
        configurationServerId: "cs-01",
        name: "mt-lnx-01",
        osType: "linux",
        osName: "CentOS 6.6",
        hostId: "esxi-02",
        datastoreId: "ds-prod-02",
        lastHeartbeatAt: at(1 * MIN),
        linuxChecklist: linuxOk,
      },
      {
        id: "mt-lnx-02",
        configurationServerId: "cs-01",
        name: "mt-lnx-02",
        osType: "linux",
        osName: "CentOS 6.6",
        hostId: "esxi-03",
        datastoreId: "ds-esxi03-local",
        lastHeartbeatAt: at(3 * MIN),
        diskEnableUuid: false,
        linuxChecklist: { ...linuxOk, xfsReiserfsPackages: false },
      },
    ])
    .run();
  tx.insert(s.retentionVolumes)
    .values([
      { masterTargetId: "mt-cs-01", name: "C:", fileSystem: "NTFS", capacityGb: 120, freeGb: 60, usage: "os" },
      { masterTargetId: "mt-cs-01", name: "E:", fileSystem: "NTFS", capacityGb: 600, freeGb: 380, usage: "cache" },
      { id: "rv-cs-01-r", masterTargetId: "mt-cs-01", name: "R:", fileSystem: "NTFS", capacityGb: 1024, freeGb: 910 },
      // mt-win-02 has no eligible retention volume: each one fails one of the five criteria.
      { masterTargetId: "mt-win-02", name: "D:", fileSystem: "NTFS", capacityGb: 500, freeGb: 200, usage: "replication-target" },
      { masterTargetId: "mt-win-02", name: "F:", fileSystem: "NTFS", capacityGb: 500, freeGb: 500, locked: true },
      { masterTargetId: "mt-win-02", name: "G:", fileSystem: "NTFS", capacityGb: 300, freeGb: 250, usage: "cache" },
      { masterTargetId: "mt-win-02", name: "H:", fileSystem: "FAT32", capacityGb: 32, freeGb: 30 },
      { masterTargetId: "mt-win-02", name: "I:", fileSystem: "NTFS", capacityGb: 0, freeGb: 0 },
      { id: "rv-lnx-01", masterTargetId: "mt-lnx-01", name: "/mnt/retention", fileSystem: "ext4", capacityGb: 800, freeGb: 720 },
      { id: "rv-lnx-02", masterTargetId: "mt-lnx-02", name: "/mnt/retention", fileSystem: "ext4", capacityGb: 400, freeGb: 390 },
    ])
    .run();

  // ---- Policies ---------------------------------------------------------------------------
  tx.insert(s.replicationPolicies)
    .values([
      {
        id: "policy-24h",
        vaultId,
        name: "24-hour-retention-policy",
        direction: "to-azure",
        rpoThresholdMinutes: 15,
        retentionHours: 24,
        appConsistentFrequencyMinutes: 60,
        multiVmConsistency: true,
        editable: true,
        pairedPolicyId: "policy-24h-failback",
        configurationServerId: "cs-01",
        createdAt: at(60 * 24 * HOUR),
      },
      {
        id: "policy-24h-failback",
        vaultId,
        name: "24-hour-retention-policy-failback",
        direction: "failback",
        rpoThresholdMinutes: 15,
        retentionHours: 24,
        appConsistentFrequencyMinutes: 60,
        multiVmConsistency: false,
        editable: false,
        pairedPolicyId: "policy-24h",
        configurationServerId: "cs-01",
        createdAt: at(60 * 24 * HOUR),
      },
    ])
    .run();

  // ---- Machines ---------------------------------------------------------------------------
  const winDisks = (data: number): Disk[] => [
    { name: "Disk0", sizeGb: 127, os: true },
    { name: "Disk1", sizeGb: data },
  ];
  const lnxDisks = (data: number): Disk[] => [
    { name: "sda", sizeGb: 64, os: true },
    { name: "sdb", sizeGb: data },
  ];
  const nic = (ip: string, ipMode: Nic["ipMode"] = "static"): Nic[] => [
    { name: "Network adapter 1", ipMode, ip, subnetMask: "255.255.255.0", gateway: "10.0.1.1" },
  ];
  type M = {
    id: string;
    name: string;
    kind?: "vmware" | "physical";
    vc?: string | null;
    host?: string | null;
    ds?: string | null;
    os: "windows" | "linux";
    osName: string;
    fs?: string;
    cores?: number;
    mem?: number;
    disks?: Disk[];
    ip: string;
    ipMode?: Nic["ipMode"];
    snapshots?: number;
    exists?: boolean;
    inDb?: boolean;
  };
  const machine = (m: M) => ({
    id: m.id,
    configurationServerId: "cs-01",
    kind: m.kind ?? "vmware",
    name: m.name,
    hostName: `${m.name}.contoso.local`,
    vcenterId: m.kind === "physical" ? null : (m.vc ?? "vcenter-01"),
    hostId: m.kind === "physical" ? null : (m.host ?? "esxi-01"),
    datastoreId: m.kind === "physical" ? null : (m.ds ?? "ds-prod-01"),
    osType: m.os,
    osName: m.osName,
    rootFileSystem: m.fs ?? (m.os === "windows" ? "ntfs" : "ext4"),
    cores: m.cores ?? 4,
    memoryMb: m.mem ?? 8192,
    disks: m.disks ?? (m.os === "windows" ? winDisks(256) : lnxDisks(128)),
    nics: nic(m.ip, m.ipMode),
    snapshotCount: m.snapshots ?? 0,
    exists: m.exists ?? true,
    poweredOn: true,
    inConfigServerDb: m.inDb ?? true,
    discoveredAt: at(30 * 24 * HOUR),
  });
  const W2019 = "Windows Server 2019 Datacenter";
  const machinesList: M[] = [
    // Discovered, not yet protected (ready for Replicate).
    { id: "m-mail-01", name: "mail-01", os: "windows", osName: W2019, ip: "10.0.1.30" },
    {
      id: "m-dc-02",
      name: "dc-02",
      os: "windows",
      osName: "Windows Server 2016 Standard",
      ip: "10.0.1.12",
      host: "esxi-02",
      ds: "ds-prod-02",
    },
    { id: "m-print-01", name: "print-01", os: "windows", osName: "Windows Server 2012 R2 Standard", ip: "10.0.1.40", ipMode: "dhcp" },
    { id: "m-web-lnx-03", name: "web-lnx-03", os: "linux", osName: "Ubuntu 20.04 LTS", ip: "10.0.1.63", host: "esxi-02", ds: "ds-prod-02" },
    { id: "m-phys-db-01", name: "phys-db-01", kind: "physical", os: "windows", osName: "Windows Server 2016 Datacenter", ip: "10.0.2.21" },
    // Round-trip stages.
    { id: "m-web-01", name: "web-01", os: "windows", osName: W2019, ip: "10.0.1.21" },
    { id: "m-web-02", name: "web-02", os: "windows", osName: W2019, ip: "10.0.1.22" },
    { id: "m-app-01", name: "app-01", os: "windows", osName: W2019, ip: "10.0.1.31" },
    { id: "m-app-02", name: "app-02", os: "windows", osName: "Windows Server 2016 Standard", ip: "10.0.1.32" },
    { id: "m-crm-01", name: "crm-01", os: "windows", osName: W2019, ip: "10.0.1.41", host: "esxi-02", ds: "ds-prod-02" },
    { id: "m-crm-02", name: "crm-02", os: "windows", osName: W2019, ip: "10.0.1.42", host: "esxi-02", ds: "ds-prod-02" },
    { id: "m-app-lnx-01", name: "app-lnx-01", os: "linux", osName: "CentOS 7.9", ip: "10.0.1.51", host: "esxi-02", ds: "ds-prod-02" },
    { id: "m-hr-01", name: "hr-01", os: "windows", osName: W2019, ip: "10.0.1.61" },
    {
      id: "m-lnx-db-01",
      name: "lnx-db-01",
      os: "linux",
      osName: "Red Hat Enterprise Linux 7.9",
      fs: "xfs",
      ip: "10.0.1.52",
      host: "esxi-02",
      ds: "ds-prod-02",
    },
    { id: "m-web-04", name: "web-04", os: "windows", osName: W2019, ip: "10.0.1.24" },
    {
      id: "m-phys-lnx-01",
      name: "phys-lnx-01",
      kind: "physical",
      os: "linux",
      osName: "Red Hat Enterprise Linux 7.9",
      fs: "xfs",
      ip: "10.0.2.31",
    },
    { id: "m-phys-win-01", name: "phys-win-01", kind: "physical", os: "windows", osName: "Windows Server 2016 Standard", ip: "10.0.2.41" },
    { id: "m-app-03", name: "app-03", os: "windows", osName: W2019, ip: "10.0.1.33", exists: false },
    // Refusal situations.
    { id: "m-dev-web-01", name: "dev-web-01", os: "windows", osName: W2019, ip: "10.0.1.71" },
    { id: "m-big-fs-01", name: "big-fs-01", os: "windows", osName: W2019, ip: "10.0.1.72", disks: winDisks(2048) },
    {
      id: "m-file-br-01",
      name: "file-br-01",
      os: "windows",
      osName: "Windows Server 2016 Standard",
      ip: "10.1.1.21",
      vc: "vcenter-branch",
      host: "esxi-br-01",
      ds: "ds-branch-01",
    },
    { id: "m-erp-app-01", name: "erp-app-01", os: "windows", osName: W2019, ip: "10.0.1.81", snapshots: 2 },
    {
      id: "m-kiosk-01",
      name: "kiosk-01",
      os: "windows",
      osName: "Windows Server 2012 R2 Standard",
      ip: "10.0.1.91",
      host: "esxi-04",
      ds: "ds-esxi04-local",
    },
    {
      id: "m-legacy-app-01",
      name: "legacy-app-01",
      os: "windows",
      osName: "Windows Server 2012 R2 Standard",
      ip: "10.0.1.92",
      inDb: false,
    },
    { id: "m-phys-2008-01", name: "phys-2008-01", kind: "physical", os: "windows", osName: "Windows Server 2008 R2 SP1", ip: "10.0.2.51" },
    { id: "m-test-web-01", name: "test-web-01", os: "windows", osName: W2019, ip: "10.0.1.93" },
    {
      id: "m-sql-cl-01",
      name: "sql-cl-01",
      os: "windows",
      osName: "Windows Server 2019 Datacenter",
      ip: "10.0.1.101",
      cores: 8,
      mem: 32768,
    },
    {
      id: "m-sql-cl-02",
      name: "sql-cl-02",
      os: "windows",
      osName: "Windows Server 2019 Datacenter",
      ip: "10.0.1.102",
      cores: 8,
      mem: 32768,
    },
    { id: "m-ps-lost-01", name: "ps-lost-01", os: "windows", osName: W2019, ip: "10.0.1.94" },
  ];
  tx.insert(s.machines).values(machinesList.map(machine)).run();

  // ---- Replicated items -------------------------------------------------------------------
  type I = {
    id: string;
    m: string;
    state: ItemState;
    loc: ActiveLocation;
    dir: ReplicationDirection;
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
  const machineById = new Map(machinesList.map((m) => [m.id, m]));
  const items: I[] = [
    { id: "web-01", m: "m-web-01", state: "protected", loc: "on-premises", dir: "to-azure" },
    {
      id: "web-02",
      m: "m-web-02",
      state: "enabling-protection",
      loc: "on-premises",
      dir: "to-azure",
      percent: 46,
      health: "not-applicable",
    },
    {
      id: "app-01",
      m: "m-app-01",
      state: "failover-completed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.31" },
    },
    {
      id: "app-02",
      m: "m-app-02",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.32" },
    },
    {
      id: "app-03",
      m: "m-app-03",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.33" },
    },
    {
      id: "crm-01",
      m: "m-crm-01",
      state: "protected",
      loc: "azure",
      dir: "to-on-premises",
      azureVm: { power: "running", ip: "10.10.1.41" },
      ps: "ps-azure-prod",
      mt: "mt-cs-01",
      failback: { location: "original" },
    },
    {
      id: "crm-02",
      m: "m-crm-02",
      state: "failover-completed",
      loc: "on-premises",
      dir: "to-on-premises",
      azureVm: { power: "stopped", ip: "10.10.1.42" },
      ps: "ps-azure-prod",
      mt: "mt-cs-01",
      failback: { location: "original" },
    },
    {
      id: "app-lnx-01",
      m: "m-app-lnx-01",
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
    { id: "hr-01", m: "m-hr-01", state: "protected", loc: "on-premises", dir: "to-azure" },
    {
      id: "lnx-db-01",
      m: "m-lnx-db-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.2.52" },
    },
    { id: "web-04", m: "m-web-04", state: "test-failover-completed", loc: "on-premises", dir: "to-azure" },
    { id: "phys-lnx-01", m: "m-phys-lnx-01", state: "protected", loc: "on-premises", dir: "to-azure" },
    {
      id: "phys-win-01",
      m: "m-phys-win-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.141" },
    },
    // Refusal situations of the 12 checks.
    {
      id: "dev-web-01",
      m: "m-dev-web-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      net: "vnet-dev",
      azureVm: { power: "running", ip: "10.30.1.71" },
    },
    {
      id: "big-fs-01",
      m: "m-big-fs-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.72" },
    },
    {
      id: "file-br-01",
      m: "m-file-br-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.121" },
    },
    {
      id: "erp-app-01",
      m: "m-erp-app-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.81" },
    },
    {
      id: "kiosk-01",
      m: "m-kiosk-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.91" },
    },
    {
      id: "legacy-app-01",
      m: "m-legacy-app-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.92" },
    },
    {
      id: "phys-2008-01",
      m: "m-phys-2008-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      azureVm: { power: "running", ip: "10.10.1.151" },
    },
    {
      id: "test-web-01",
      m: "m-test-web-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      net: "vnet-isolated",
      azureVm: { power: "running", ip: "10.20.1.93" },
    },
    {
      id: "sql-cl-01",
      m: "m-sql-cl-01",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      group: "rg-sql-cluster",
      azureVm: { power: "running", ip: "10.10.2.101" },
    },
    {
      id: "sql-cl-02",
      m: "m-sql-cl-02",
      state: "failover-committed",
      loc: "azure",
      dir: "to-azure",
      group: "rg-sql-cluster",
      azureVm: { power: "running", ip: "10.10.2.102" },
    },
    { id: "ps-lost-01", m: "m-ps-lost-01", state: "protected", loc: "on-premises", dir: "to-azure" },
  ];

  for (const it of items) {
    const m = machineById.get(it.m)!;
    const net = it.net === undefined ? "vnet-prod" : it.net;
    const subnet = net ? `snet-${net.replace("vnet-", "")}-default` : null;
    const reverse = it.dir === "to-on-premises";
    const protectedNow = it.state === "protected" || it.state === "test-failover-completed";
    let azureVmId: string | null = null;
    if (it.azureVm) {
      azureVmId = `avm-${it.id}`;
      tx.insert(s.azureVms)
        .values({
          id: azureVmId,
          replicatedItemId: it.id,
          name: m.name,
          size: (m.cores ?? 4) >= 8 ? "Standard_D8s_v3" : "Standard_D4s_v3",
          cores: m.cores ?? 4,
          memoryMb: (m.cores ?? 4) >= 8 ? 32768 : 16384,
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
      testVmId = `avm-${it.id}-test`;
      tx.insert(s.azureVms)
        .values({
          id: testVmId,
          replicatedItemId: it.id,
          name: `${m.name}-test`,
          size: "Standard_D4s_v3",
          cores: 4,
          memoryMb: 16384,
          networkId: "vnet-isolated",
          subnetId: "snet-isolated-default",
          ip: "10.20.1.24",
          powerState: "running",
          isTest: true,
        })
        .run();
    }
    const lastPoint = protectedNow ? at(4 * MIN) : at(3 * HOUR);
    const rvId = it.mt ? (it.mt === "mt-lnx-01" ? "rv-lnx-01" : "rv-cs-01-r") : null;
    tx.insert(s.replicatedItems)
      .values({
        id: it.id,
        vaultId,
        machineId: m.id,
        configurationServerId: "cs-01",
        name: m.name,
        kind: m.kind ?? "vmware",
        osType: m.os,
        state: it.state,
        activeLocation: it.loc,
        replicationDirection: it.dir,
        replicationHealth: it.health ?? (it.state === "protected" || it.state === "test-failover-completed" ? "healthy" : "not-applicable"),
        policyId: reverse ? "policy-24h-failback" : "policy-24h",
        processServerId: it.ps ?? "ps-cs-01",
        masterTargetId: it.mt ?? null,
        accountId: reverse ? "acct-vcenter-admin" : null,
        failbackDatastoreId: reverse ? (m.ds ?? "ds-prod-01") : null,
        retentionVolumeId: rvId,
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
        createdAt: at(20 * 24 * HOUR),
        updatedAt: at(2 * HOUR),
      })
      .run();
    if (it.state !== "enabling-protection") {
      tx.insert(s.recoveryPoints)
        .values(recoveryPointsFor(it.id, it.dir, lastPoint.getTime(), !!it.group))
        .run();
    }
  }
  // The process server whose heartbeat the demo has lost serves ps-lost-01 (check 1, error 806).
  tx.insert(s.processServers)
    .values({
      id: "ps-branch-01",
      configurationServerId: "cs-01",
      name: "ps-branch-01",
      location: "on-premises",
      ip: "10.0.0.15",
      status: "registered",
      lastHeartbeatAt: at(47 * MIN),
      health: "critical",
      loadPercent: 0,
      registeredAt: at(50 * 24 * HOUR),
    })
    .run();
  // Keeps it silent: the heartbeat simulator (server/fabric/simulator/heartbeat.ts) honours the Lab fault switch.
  tx.insert(s.faultSwitches)
    .values({ vaultId, fault: "process-server-heartbeat-lost", targetId: "ps-branch-01", enabledAt: at(47 * MIN) })
    .run();
  tx.update(s.replicatedItems)
    .set({
      processServerId: "ps-branch-01",
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
    .where(eq(s.replicatedItems.id, "ps-lost-01"))
    .run();

  // ---- Recovery plans ---------------------------------------------------------------------
  const plan = (id: string, name: string, source: string, target: string, groups: string[][]) => {
    tx.insert(s.recoveryPlans)
      .values({ id, vaultId, name, source, target, createdAt: at(14 * 24 * HOUR), updatedAt: at(14 * 24 * HOUR) })
      .run();
    groups.forEach((members, i) => {
      const groupId = `${id}-g${i + 1}`;
      tx.insert(s.recoveryPlanGroups)
        .values({ id: groupId, planId: id, ordinal: i + 1 })
        .run();
      if (members.length)
        tx.insert(s.recoveryPlanItems)
          .values(members.map((m) => ({ groupId, replicatedItemId: m })))
          .run();
    });
  };
  plan("rp-web", "rp-web-tier", "cs-01", "Microsoft Azure", [["web-01"], ["hr-01"]]);
  tx.insert(s.recoveryPlanActions)
    .values({
      groupId: "rp-web-g2",
      phase: "pre",
      kind: "manual",
      name: "Confirm the load balancer points at Azure",
      details: "Check that the public load balancer sends traffic to the Azure front end before HR starts.",
      ordinal: 1,
    })
    .run();
  plan("rp-sql", "rp-sql-cluster", "cs-01", "Microsoft Azure", [["sql-cl-01", "sql-cl-02"]]);
  plan("rp-crm", "rp-crm", "cs-01", "Microsoft Azure", [["crm-01"], ["crm-02"]]);

  // ---- Job history ------------------------------------------------------------------------
  const job = (
    jid: string,
    name: string,
    type: string,
    target: string,
    status: s.JobStatus,
    startedAgo: number,
    steps: [string, s.JobStatus][],
    error?: s.JobError,
  ) => {
    tx.insert(s.jobs)
      .values({
        id: jid,
        vaultId,
        type,
        name,
        targetType: "replicated-item",
        targetId: target,
        targetName: target,
        status,
        createdAt: at(startedAgo),
        startedAt: at(startedAgo),
        endedAt: at(startedAgo - 20 * MIN),
        error: error ?? null,
        createdBy: "seed",
      })
      .run();
    tx.insert(s.jobSteps)
      .values(
        steps.map(([stepName, st], i) => ({
          jobId: jid,
          ordinal: i + 1,
          key: stepName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
          name: stepName,
          status: st,
          durationSeconds: 60,
          progress: st === "succeeded" ? 100 : 0,
          startedAt: st === "not-started" ? null : at(startedAgo - i * 2 * MIN),
          endedAt: st === "not-started" ? null : at(startedAgo - (i + 1) * 2 * MIN),
          error: st === "failed" ? (error ?? null) : null,
        })),
      )
      .run();
  };
  const ok = (...names: string[]) => names.map((n) => [n, "succeeded"] as [string, s.JobStatus]);
  for (const it of items.filter((i) => i.state !== "enabling-protection")) {
    job(
      `job-enable-${it.id}`,
      "Enable replication",
      "enable-replication",
      it.id,
      "succeeded",
      20 * 24 * HOUR,
      ok(
        "Prerequisites check",
        "Identifying replication target",
        "Enable replication",
        "Starting initial replication",
        "Finalize protection on the protected item",
      ),
    );
  }
  job(
    "job-failover-app-02",
    "Unplanned failover",
    "failover",
    "app-02",
    "succeeded",
    5 * HOUR,
    ok(
      "Prerequisites check",
      "Shut down the source virtual machine",
      "Synchronizing data",
      "Starting the replica virtual machine",
      "Update the replication state",
    ),
  );
  job(
    "job-reprotect-erp-app-01",
    "Reprotect",
    "reprotect",
    "erp-app-01",
    "failed",
    2 * HOUR,
    [
      ["Prerequisites check", "failed"],
      ["Prepare the master target", "not-started"],
      ["Start replication to on-premises", "not-started"],
    ],
    {
      code: "78052",
      message: "Protection couldn't be completed for the virtual machine erp-app-01: the on-premises virtual machine has snapshots.",
      possibleCauses: "The on-premises virtual machine has 2 snapshots. Reprotect can't write to disks that have snapshots.",
      recommendedAction:
        "Delete the snapshots of erp-app-01 in vCenter (or delete its disks to fail back to an alternate location), then retry the job.",
    },
  );
}

function recoveryPointsFor(itemId: string, direction: ReplicationDirection, latest: number, multiVm: boolean) {
  // Two hours of points: crash-consistent every 5 minutes, app-consistent every hour.
  const points: (typeof s.recoveryPoints.$inferInsert)[] = [];
  for (let i = 0; i < 24; i++) {
    const t = latest - i * 5 * MIN;
    const appConsistent = i % 12 === 0 && i > 0;
    points.push({
      replicatedItemId: itemId,
      at: new Date(t),
      type: appConsistent ? "app-consistent" : "crash-consistent",
      multiVm,
      direction,
      pendingMb: i === 0 ? 180 : 0,
    });
  }
  return points;
}
