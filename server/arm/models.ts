/**
 * The portal's read models in the shapes of `@azure/arm-recoveryservices-siterecovery` (api-version
 * 2023-06-01): Fabric (a configuration server, VMware details), ProtectionContainer,
 * ReplicationProtectedItem (InMageAzureV2 details while protected to Azure, InMage while
 * protected to on-premises), RecoveryPoint, Policy, RecoveryPlan, Job. Names are the portal's ids.
 */
import type { ActiveLocation, Health, ItemState, JobStatus, ReplicationHealth } from "@/db/schema";
import type { Operation as ItemOperation } from "@/server/domain/replicated-item/state";
import { PROVIDER, vaultPath, type Vault } from "./context";

const T = `${PROVIDER}/vaults`;
export const TYPES = {
  fabric: `${T}/replicationFabrics`,
  container: `${T}/replicationFabrics/replicationProtectionContainers`,
  item: `${T}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems`,
  recoveryPoint: `${T}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/recoveryPoints`,
  policy: `${T}/replicationPolicies`,
  plan: `${T}/replicationRecoveryPlans`,
  job: `${T}/replicationJobs`,
} as const;

/** The one protection container of a configuration server's fabric. */
export const containerName = (fabricName: string) => `cloud_${fabricName}`;

export const fabricPath = (v: Vault, fabric: string) => `${vaultPath(v)}/replicationFabrics/${fabric}`;
export const containerPath = (v: Vault, fabric: string) =>
  `${fabricPath(v, fabric)}/replicationProtectionContainers/${containerName(fabric)}`;
export const itemPath = (v: Vault, fabric: string, item: string) => `${containerPath(v, fabric)}/replicationProtectedItems/${item}`;
export const policyPath = (v: Vault, policy: string) => `${vaultPath(v)}/replicationPolicies/${policy}`;
export const planPath = (v: Vault, plan: string) => `${vaultPath(v)}/replicationRecoveryPlans/${plan}`;
export const jobPath = (v: Vault, job: string) => `${vaultPath(v)}/replicationJobs/${job}`;

/** The last segment of an ARM id (clients may send either the id or the bare name). */
export const nameOf = (idOrName: string) => idOrName.split("/").filter(Boolean).at(-1) ?? idOrName;

export const PROTECTION_STATE: Record<ItemState, string> = {
  "enabling-protection": "EnablingProtection",
  protected: "Protected",
  "failover-in-progress": "FailoverInProgress",
  "failover-completed": "FailoverCompleted",
  "commit-in-progress": "FailoverCommitInProgress",
  "failover-committed": "FailoverCommitted",
  reprotecting: "ReprotectInProgress",
  "test-failover-in-progress": "TestFailoverInProgress",
  "test-failover-completed": "TestFailoverCompleted",
  "test-failover-cleanup-in-progress": "TestFailoverCleanupInProgress",
  "disabling-replication": "DisablingProtection",
  "replication-disabled": "Unprotected",
};
export const ACTIVE_LOCATION: Record<ActiveLocation, string> = { "on-premises": "Primary", azure: "Recovery" };
export const REPLICATION_HEALTH: Record<ReplicationHealth, string> = {
  healthy: "Normal",
  warning: "Warning",
  critical: "Critical",
  "not-applicable": "None",
};
export const SERVER_HEALTH: Record<Health, string> = { healthy: "Normal", warning: "Warning", critical: "Critical" };
/** ReplicationProtectedItemOperation values (the SDK's KnownReplicationProtectedItemOperation). */
export const ITEM_OPERATION: Record<ItemOperation, string | null> = {
  "enable-replication": null,
  "failover-to-azure": "UnplannedFailover",
  "unplanned-failover-to-on-premises": "UnplannedFailover",
  commit: "Commit",
  "change-recovery-point": "ChangePit",
  "test-failover": "TestFailover",
  "cleanup-test-failover": "TestFailoverCleanup",
  "reprotect-to-on-premises": "ReverseReplicate",
  "reprotect-to-azure": "ReverseReplicate",
  "disable-replication": "DisableProtection",
};
/** Job states as ASR names them; the LRO status endpoint maps them onto InProgress/Succeeded/Failed/Canceled. */
export const JOB_STATE: Record<JobStatus, string> = {
  "not-started": "NotStarted",
  "in-progress": "InProgress",
  "waiting-for-input": "Suspended",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};
export const LRO_STATUS: Record<JobStatus, "InProgress" | "Succeeded" | "Failed" | "Canceled"> = {
  "not-started": "InProgress",
  "in-progress": "InProgress",
  "waiting-for-input": "InProgress",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Canceled",
};

const iso = (d: Date | number | null | undefined) => (d == null ? undefined : new Date(d).toISOString());

type HealthErrorRow = { code: string; message: string; possibleCauses: string; recommendedAction: string; severity: string; at: number };
const healthErrors = (errors: HealthErrorRow[]) =>
  errors.map((e) => ({
    errorCode: e.code,
    errorMessage: e.message,
    possibleCauses: e.possibleCauses,
    recommendedAction: e.recommendedAction,
    errorLevel: e.severity === "critical" ? "Error" : "Warning",
    creationTimeUtc: iso(e.at),
  }));

type ServerDetails = {
  id: string;
  name: string;
  ip: string;
  version: string;
  health: Health;
  lastHeartbeatAt: Date | null;
  processServers: {
    id: string;
    name: string;
    ip: string;
    location: ActiveLocation;
    lastHeartbeatAt: Date | null;
    health: Health;
    heartbeatOk: boolean;
    loadPercent: number;
  }[];
  masterTargets: {
    id: string;
    name: string;
    osType: string;
    osName: string;
    datastoreName: string | null;
    lastHeartbeatAt: Date | null;
    retentionVolumes: { id: string; name: string; capacityGb: number; freeGb: number }[];
  }[];
  vcenters: {
    id: string;
    name: string;
    kind: string;
    ip: string;
    port: number;
    lastRefreshAt: Date | null;
    datastores: { id: string; name: string; capacityGb: number; freeGb: number }[];
  }[];
  accounts: { id: string; friendlyName: string }[];
};

const GB = 1024 ** 3;

export function fabricModel(v: Vault, cs: ServerDetails) {
  return {
    id: fabricPath(v, cs.id),
    name: cs.id,
    type: TYPES.fabric,
    location: v.region,
    properties: {
      friendlyName: cs.name,
      internalIdentifier: cs.id,
      health: SERVER_HEALTH[cs.health],
      healthErrorDetails: [],
      customDetails: {
        instanceType: "VMware",
        ipAddress: cs.ip,
        hostName: cs.name,
        agentVersion: cs.version,
        lastHeartbeat: iso(cs.lastHeartbeatAt),
        processServerCount: String(cs.processServers.length),
        processServers: cs.processServers.map((p) => ({
          id: p.id,
          friendlyName: p.name,
          ipAddress: p.ip,
          lastHeartbeat: iso(p.lastHeartbeatAt),
          health: p.heartbeatOk ? SERVER_HEALTH[p.health] : "Critical",
          systemLoad: String(Math.round(p.loadPercent)),
          // Not an SDK field: where the process server runs (on-premises, or in Azure for failback).
          location: p.location === "azure" ? "Azure" : "OnPremises",
        })),
        masterTargetServers: cs.masterTargets.map((m) => ({
          id: m.id,
          name: m.name,
          osType: m.osType === "windows" ? "Windows" : "Linux",
          osVersion: m.osName,
          lastHeartbeat: iso(m.lastHeartbeatAt),
          retentionVolumes: m.retentionVolumes.map((r) => ({
            volumeName: r.name,
            capacityInBytes: Math.round(r.capacityGb * GB),
            freeSpaceInBytes: Math.round(r.freeGb * GB),
            thresholdPercentage: 80,
          })),
          dataStores: cs.vcenters.flatMap((vc) =>
            vc.datastores.map((d) => ({
              symbolicName: d.name,
              uuid: d.id,
              capacity: String(d.capacityGb),
              freeSpace: String(d.freeGb),
              type: "VMFS",
            })),
          ),
        })),
        runAsAccounts: cs.accounts.map((a) => ({ accountId: a.id, accountName: a.friendlyName })),
        // Not an SDK field of VMwareDetails (ASR lists them under replicationvCenters): the discovered vCenters and ESXi hosts.
        vCenters: cs.vcenters.map((vc) => ({
          id: vc.id,
          friendlyName: vc.name,
          ipAddress: vc.ip,
          port: String(vc.port),
          infrastructureType: vc.kind === "esxi" ? "ESXi" : "vCenter",
          lastHeartbeat: iso(vc.lastRefreshAt),
        })),
      },
    },
  };
}

export function containerModel(v: Vault, cs: { id: string; name: string }, protectedItemCount: number) {
  return {
    id: containerPath(v, cs.id),
    name: containerName(cs.id),
    type: TYPES.container,
    location: v.region,
    properties: {
      fabricFriendlyName: cs.name,
      friendlyName: containerName(cs.id),
      fabricType: "VMware",
      protectedItemCount,
      pairingStatus: "Paired",
      role: "Primary",
      fabricSpecificDetails: { instanceType: "VMware" },
    },
  };
}

type ItemDetails = {
  item: {
    id: string;
    name: string;
    configurationServerId: string;
    machineId: string;
    osType: string;
    state: ItemState;
    stateLabel: string;
    activeLocation: ActiveLocation;
    replicationDirection: "to-azure" | "to-on-premises";
    replicationHealth: ReplicationHealth;
    policyId: string | null;
    processServerId: string | null;
    masterTargetId: string | null;
    replicationGroup: string | null;
    rpoSeconds: number | null;
    initialReplicationPercent: number;
    lastRecoveryPointAt: Date | null;
    failoverRecoveryPointId: string | null;
    healthErrors: HealthErrorRow[];
    currentJobId: string | null;
    failbackDatastoreId: string | null;
  };
  machine?: { cores: number; memoryMb: number; nics: { ip?: string | null }[]; hostName: string } | null;
  azureVm: { name: string; size: string } | null;
  policy: { id: string; name: string } | null;
  processServer: { id: string; name: string } | null;
  targetNetwork: { id: string } | null;
  allowedOperations: Record<string, { allowed: boolean }>;
  recoveryPoints: { oldestAt: Date | null; latestAt: Date | null };
};

export function itemModel(v: Vault, d: ItemDetails, fabricFriendlyName: string) {
  const it = d.item;
  const toAzure = it.replicationDirection === "to-azure";
  const allowed = [
    ...new Set(
      Object.entries(d.allowedOperations)
        .filter(([, verdict]) => verdict.allowed)
        .map(([op]) => ITEM_OPERATION[op as ItemOperation])
        .filter((x): x is string => !!x),
    ),
  ];
  const common = {
    vmId: it.machineId,
    processServerId: it.processServerId ?? undefined,
    masterTargetId: it.masterTargetId ?? undefined,
    rpoInSeconds: it.rpoSeconds ?? undefined,
    multiVmGroupName: it.replicationGroup ?? undefined,
    multiVmGroupId: it.replicationGroup ?? undefined,
    sourceVmCpuCount: d.machine?.cores,
    sourceVmRamSizeInMB: d.machine?.memoryMb,
    vmProtectionState: PROTECTION_STATE[it.state],
    vmProtectionStateDescription: it.stateLabel,
    lastRpoCalculatedTime: iso(it.lastRecoveryPointAt),
  };
  const providerSpecificDetails = toAzure
    ? {
        instanceType: "InMageAzureV2",
        ...common,
        processServerName: d.processServer?.name,
        resyncProgressPercentage: Math.round(it.initialReplicationPercent),
        osType: it.osType === "windows" ? "Windows" : "Linux",
        recoveryAzureVMName: d.azureVm?.name ?? d.machine?.hostName,
        recoveryAzureVMSize: d.azureVm?.size,
        selectedRecoveryAzureNetworkId: d.targetNetwork?.id,
      }
    : {
        instanceType: "InMage",
        ...common,
        activeSiteType: it.activeLocation === "azure" ? "Recovery" : "Primary",
        protectionStage: PROTECTION_STATE[it.state],
        resyncDetails: { initialReplicationProgressPercentage: Math.round(it.initialReplicationPercent) },
        retentionWindowStart: iso(d.recoveryPoints.oldestAt),
        retentionWindowEnd: iso(d.recoveryPoints.latestAt),
        datastores: it.failbackDatastoreId ? [it.failbackDatastoreId] : [],
      };
  return {
    id: itemPath(v, it.configurationServerId, it.id),
    name: it.id,
    type: TYPES.item,
    location: v.region,
    properties: {
      friendlyName: it.name,
      protectedItemType: "VMwareVirtualMachine",
      protectableItemId: it.machineId,
      primaryFabricFriendlyName: fabricFriendlyName,
      primaryFabricProvider: "VMware",
      recoveryFabricFriendlyName: "Microsoft Azure",
      primaryProtectionContainerFriendlyName: containerName(it.configurationServerId),
      recoveryProtectionContainerFriendlyName: "Microsoft Azure",
      protectionState: PROTECTION_STATE[it.state],
      protectionStateDescription: it.stateLabel,
      activeLocation: ACTIVE_LOCATION[it.activeLocation],
      testFailoverState: it.state.startsWith("test-failover") ? PROTECTION_STATE[it.state] : "None",
      allowedOperations: allowed,
      replicationHealth: REPLICATION_HEALTH[it.replicationHealth],
      failoverHealth: "Normal",
      healthErrors: healthErrors(it.healthErrors),
      policyId: d.policy ? policyPath(v, d.policy.name) : undefined,
      policyFriendlyName: d.policy?.name,
      failoverRecoveryPointId: it.failoverRecoveryPointId
        ? `${itemPath(v, it.configurationServerId, it.id)}/recoveryPoints/${it.failoverRecoveryPointId}`
        : undefined,
      currentScenario: it.currentJobId ? { scenarioName: "Operation", jobId: jobPath(v, it.currentJobId) } : undefined,
      providerSpecificDetails,
    },
  };
}

export function recoveryPointModel(
  v: Vault,
  item: { id: string; configurationServerId: string },
  p: { id: string; at: Date; type: "crash-consistent" | "app-consistent"; multiVm: boolean },
) {
  return {
    id: `${itemPath(v, item.configurationServerId, item.id)}/recoveryPoints/${p.id}`,
    name: p.id,
    type: TYPES.recoveryPoint,
    properties: {
      recoveryPointTime: iso(p.at),
      recoveryPointType: p.type === "app-consistent" ? "AppConsistent" : "CrashConsistent",
      // Not an SDK field: whether the point is consistent across the machines of a replication group.
      multiVmConsistent: p.multiVm,
    },
  };
}

export function policyModel(
  v: Vault,
  p: {
    id: string;
    name: string;
    direction: "to-azure" | "failback";
    rpoThresholdMinutes: number;
    retentionHours: number;
    appConsistentFrequencyMinutes: number;
    multiVmConsistency: boolean;
  },
) {
  const details = {
    recoveryPointThresholdInMinutes: p.rpoThresholdMinutes,
    recoveryPointHistory: p.retentionHours * 60,
    appConsistentFrequencyInMinutes: p.appConsistentFrequencyMinutes,
    crashConsistentFrequencyInMinutes: 5,
    multiVmSyncStatus: p.multiVmConsistency ? "Enabled" : "Disabled",
  };
  return {
    id: policyPath(v, p.name),
    name: p.name,
    type: TYPES.policy,
    location: v.region,
    properties: {
      friendlyName: p.name,
      providerSpecificDetails:
        p.direction === "to-azure"
          ? { instanceType: "InMageAzureV2", ...details }
          : {
              instanceType: "InMage",
              recoveryPointThresholdInMinutes: details.recoveryPointThresholdInMinutes,
              recoveryPointHistory: details.recoveryPointHistory,
              appConsistentFrequencyInMinutes: details.appConsistentFrequencyInMinutes,
              multiVmSyncStatus: details.multiVmSyncStatus,
            },
    },
  };
}

type JobView = {
  id: string;
  name: string;
  type: string;
  status: JobStatus;
  targetType: string;
  targetId: string;
  targetName: string;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  error?: { code: string; message: string; possibleCauses: string; recommendedAction: string } | null;
};

export function jobModel(
  v: Vault,
  j: JobView,
  extra: {
    steps?: { id: string; name: string; status: JobStatus; startedAt: Date | null; endedAt: Date | null }[];
    allowed?: { cancel: boolean; restart: boolean; resume: boolean };
  } = {},
) {
  const allowedActions = extra.allowed
    ? [extra.allowed.cancel && "Cancel", extra.allowed.restart && "Restart", extra.allowed.resume && "Resume"].filter(
        (x): x is string => !!x,
      )
    : undefined;
  return {
    id: jobPath(v, j.id),
    name: j.id,
    type: TYPES.job,
    location: v.region,
    properties: {
      activityId: j.id,
      scenarioName: j.type,
      friendlyName: j.name,
      state: JOB_STATE[j.status],
      stateDescription: JOB_STATE[j.status],
      startTime: iso(j.startedAt ?? j.createdAt),
      endTime: iso(j.endedAt),
      targetObjectId: j.targetId,
      targetObjectName: j.targetName,
      targetInstanceType: j.targetType,
      allowedActions,
      errors: j.error
        ? [
            {
              serviceErrorDetails: {
                code: j.error.code,
                message: j.error.message,
                possibleCauses: j.error.possibleCauses,
                recommendedAction: j.error.recommendedAction,
              },
              errorLevel: "Error",
            },
          ]
        : [],
      tasks: extra.steps?.map((s) => ({
        taskId: s.id,
        name: s.name,
        friendlyName: s.name,
        state: JOB_STATE[s.status],
        stateDescription: JOB_STATE[s.status],
        startTime: iso(s.startedAt),
        endTime: iso(s.endedAt),
        taskType: "TaskDetails",
      })),
    },
  };
}
