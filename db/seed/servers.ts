import * as s from "../schema";
import { DAY, MIN, type SeedContext } from "./context";

/**
 * Process servers (the one on cs-01, a failback process server in vnet-prod, and ps-branch-01
 * whose heartbeat is lost), master targets (Windows on cs-01, mt-win-02 without an eligible
 * retention volume, Linux mt-lnx-01 ready, mt-lnx-02 failing the Linux checklist) and their
 * retention volumes.
 */
export function seedServers({ tx, vaultId, id, at }: SeedContext): void {
  tx.insert(s.processServers)
    .values([
      {
        id: id("ps-cs-01"),
        configurationServerId: id("cs-01"),
        name: "cs-01",
        location: "on-premises",
        ip: "10.0.0.10",
        status: "registered",
        lastHeartbeatAt: at(1 * MIN),
        loadPercent: 35,
        registeredAt: at(60 * DAY),
      },
      {
        id: id("ps-azure-prod"),
        configurationServerId: id("cs-01"),
        name: "ps-azure-prod",
        location: "azure",
        ip: "10.10.1.50",
        status: "registered",
        lastHeartbeatAt: at(1 * MIN),
        loadPercent: 20,
        subscriptionId: id("sub-prod"),
        networkId: id("vnet-prod"),
        subnetId: id("snet-prod-default"),
        deploymentModel: "resource-manager",
        resourceGroupId: id("rg-failback"),
        storageAccountId: id("sa-failback"),
        networkInterfaceId: id("nic-ps-prod-01"),
        adminUserName: "psadmin",
        registeredAt: at(10 * DAY),
      },
      // Its heartbeat is lost (check 1, error 806): it serves ps-lost-01.
      {
        id: id("ps-branch-01"),
        configurationServerId: id("cs-01"),
        name: "ps-branch-01",
        location: "on-premises",
        ip: "10.0.0.15",
        status: "registered",
        lastHeartbeatAt: at(47 * MIN),
        health: "critical",
        loadPercent: 0,
        registeredAt: at(50 * DAY),
      },
    ])
    .run();
  // Keeps it silent: the heartbeat simulator (server/fabric/simulator/heartbeat.ts) honours the Lab fault switch.
  tx.insert(s.faultSwitches)
    .values({ vaultId, fault: "process-server-heartbeat-lost", targetId: id("ps-branch-01"), enabledAt: at(47 * MIN) })
    .run();

  const linuxOk = s.linuxChecklistOf(true);
  const masterTarget = (
    key: string,
    name: string,
    osType: "windows" | "linux",
    osName: string,
    hostKey: string,
    datastoreKey: string,
    heartbeatMinutesAgo: number,
    extra: Partial<typeof s.masterTargets.$inferInsert> = {},
  ) => ({
    id: id(key),
    configurationServerId: id("cs-01"),
    name,
    osType,
    osName,
    hostId: id(hostKey),
    datastoreId: id(datastoreKey),
    lastHeartbeatAt: at(heartbeatMinutesAgo * MIN),
    ...extra,
  });
  tx.insert(s.masterTargets)
    .values([
      masterTarget("mt-cs-01", "cs-01", "windows", "Windows Server 2012 R2", "esxi-01", "ds-prod-01", 1, { onConfigurationServer: true }),
      masterTarget("mt-win-02", "mt-win-02", "windows", "Windows Server 2016", "esxi-02", "ds-prod-02", 2),
      masterTarget("mt-lnx-01", "mt-lnx-01", "linux", "CentOS 6.6", "esxi-02", "ds-prod-02", 1, { linuxChecklist: linuxOk }),
      masterTarget("mt-lnx-02", "mt-lnx-02", "linux", "CentOS 6.6", "esxi-03", "ds-esxi03-local", 3, {
        diskEnableUuid: false,
        linuxChecklist: { ...linuxOk, xfsReiserfsPackages: false },
      }),
    ])
    .run();
  tx.insert(s.retentionVolumes)
    .values([
      { masterTargetId: id("mt-cs-01"), name: "C:", fileSystem: "NTFS", capacityGb: 120, freeGb: 60, usage: "os" },
      { masterTargetId: id("mt-cs-01"), name: "E:", fileSystem: "NTFS", capacityGb: 600, freeGb: 380, usage: "cache" },
      { id: id("rv-cs-01-r"), masterTargetId: id("mt-cs-01"), name: "R:", fileSystem: "NTFS", capacityGb: 1024, freeGb: 910 },
      // mt-win-02 has no eligible retention volume: each one fails one of the five criteria.
      { masterTargetId: id("mt-win-02"), name: "D:", fileSystem: "NTFS", capacityGb: 500, freeGb: 200, usage: "replication-target" },
      { masterTargetId: id("mt-win-02"), name: "F:", fileSystem: "NTFS", capacityGb: 500, freeGb: 500, locked: true },
      { masterTargetId: id("mt-win-02"), name: "G:", fileSystem: "NTFS", capacityGb: 300, freeGb: 250, usage: "cache" },
      { masterTargetId: id("mt-win-02"), name: "H:", fileSystem: "FAT32", capacityGb: 32, freeGb: 30 },
      { masterTargetId: id("mt-win-02"), name: "I:", fileSystem: "NTFS", capacityGb: 0, freeGb: 0 },
      { id: id("rv-lnx-01"), masterTargetId: id("mt-lnx-01"), name: "/mnt/retention", fileSystem: "ext4", capacityGb: 800, freeGb: 720 },
      { id: id("rv-lnx-02"), masterTargetId: id("mt-lnx-02"), name: "/mnt/retention", fileSystem: "ext4", capacityGb: 400, freeGb: 390 },
    ])
    .run();
}

/** The replication policy and its read-only failback policy, associated with cs-01. */
export function seedPolicies({ tx, vaultId, id, at }: SeedContext): void {
  const policy = (key: string, name: string, direction: "to-azure" | "failback", pairedKey: string) => ({
    id: id(key),
    vaultId,
    name,
    direction,
    rpoThresholdMinutes: 15,
    retentionHours: 24,
    appConsistentFrequencyMinutes: 60,
    // The failback policy keeps its replication policy's multi-VM consistency (groups fail back to one point).
    multiVmConsistency: true,
    editable: direction === "to-azure",
    pairedPolicyId: id(pairedKey),
    createdAt: at(60 * DAY),
  });
  tx.insert(s.replicationPolicies)
    .values([
      policy("policy-24h", "24-hour-retention-policy", "to-azure", "policy-24h-failback"),
      policy("policy-24h-failback", "24-hour-retention-policy-failback", "failback", "policy-24h"),
    ])
    .run();
  tx.insert(s.policyConfigurationServers)
    .values(
      ["policy-24h", "policy-24h-failback"].map((key) => ({
        policyId: id(key),
        configurationServerId: id("cs-01"),
        createdAt: at(60 * DAY),
      })),
    )
    .run();
}
