/**
 * What the checks look at: one item, the machine behind it and the fabric objects of a proposed
 * reprotect (or of the item's stored failback settings), as the fabric port reports them now.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { FailbackLocation } from "@/db/schema";
import type {
  AccountView,
  AzureVmView,
  ConfigurationServerView,
  DatastoreView,
  FabricPort,
  HostView,
  MachineView,
  MasterTargetView,
  NetworkView,
  ProcessServerView,
  RetentionVolumeView,
} from "@/server/fabric/port";
import { notFound } from "../errors";

import type { ItemRow } from "../replicated-item/load";

/** A proposed reprotect (Azure to on-premises) or the values an item already carries. */
export type ReprotectProposal = {
  processServerId?: string | null;
  masterTargetId?: string | null;
  accountId?: string | null;
  datastoreId?: string | null;
  retentionVolumeId?: string | null;
  /** Omitted: original when the VM exists, alternate when it was deleted or is a physical server. */
  location?: FailbackLocation;
  /** True when the request comes from a recovery plan (replication groups need one). */
  viaRecoveryPlan?: boolean;
  /** In a recovery-plan reprotect: the master target every member of the plan gets. */
  planMasterTargetId?: string | null;
};

export type CheckWorld = {
  fabric: FabricPort;
  item: ItemRow;
  machine: MachineView;
  azureVm: AzureVmView | null;
  /** The Azure network the item's VM runs in (or would run in). */
  network: NetworkView | null;
  configurationServer: ConfigurationServerView;
  processServer: ProcessServerView | null;
  masterTarget: MasterTargetView | null;
  mtHost: HostView | null;
  retentionVolumes: RetentionVolumeView[];
  account: AccountView | null;
  datastore: DatastoreView | null;
  originalDatastore: DatastoreView | null;
  originalHost: HostView | null;
  /**
   * The other members of the item's replication group (empty without one), each with the master
   * target it replicates through now: only while it is (being) re-protected to or failing back to
   * on-premises; the one stored from an earlier round trip is not in use.
   */
  groupMembers: { id: string; name: string; masterTargetId: string | null }[];
};

/** The values an item already carries, as a proposal (used by failback failover and job steps). */
export function proposalFromItem(item: ItemRow): ReprotectProposal {
  return {
    processServerId: item.processServerId,
    masterTargetId: item.masterTargetId,
    accountId: item.accountId,
    datastoreId: item.failbackDatastoreId,
    retentionVolumeId: item.retentionVolumeId,
    location: item.failbackSettings?.location,
  };
}

export function buildCheckWorld(db: DbOrTx, fabric: FabricPort, item: ItemRow, input: ReprotectProposal): CheckWorld {
  const machine = fabric.machine(item.machineId);
  if (!machine) throw notFound("Machine", item.machineId);
  const cs = fabric.configurationServer(item.configurationServerId);
  if (!cs) throw notFound("Configuration server", item.configurationServerId);
  const azureVm = fabric.azureVm(item.azureVmId);
  const networkId = azureVm && !azureVm.deleted ? (azureVm.networkId ?? item.targetNetworkId) : item.targetNetworkId;
  const masterTarget = input.masterTargetId ? fabric.masterTarget(input.masterTargetId) : null;
  const groupMembers = item.replicationGroup
    ? db
        .select()
        .from(s.replicatedItems)
        .where(and(eq(s.replicatedItems.replicationGroup, item.replicationGroup), eq(s.replicatedItems.vaultId, item.vaultId)))
        .all()
        .filter((m) => m.id !== item.id)
        .map((m) => ({ id: m.id, name: m.name, masterTargetId: masterTargetInUse(m) }))
    : [];
  return {
    fabric,
    item,
    machine,
    azureVm,
    network: networkId ? fabric.network(networkId) : null,
    configurationServer: cs,
    processServer: input.processServerId ? fabric.processServer(input.processServerId) : null,
    masterTarget,
    mtHost: masterTarget?.hostId ? fabric.host(masterTarget.hostId) : null,
    retentionVolumes: masterTarget ? fabric.retentionVolumes(masterTarget.id) : [],
    account: input.accountId ? fabric.account(input.accountId) : null,
    datastore: input.datastoreId ? fabric.datastore(input.datastoreId) : null,
    originalDatastore: machine.datastoreId ? fabric.datastore(machine.datastoreId) : null,
    originalHost: machine.hostId ? fabric.host(machine.hostId) : null,
    groupMembers,
  };
}

/** The master target an item replicates through now: set while it is re-protected to, or replicates to, on-premises from Azure. */
export function masterTargetInUse(item: Pick<ItemRow, "masterTargetId" | "activeLocation" | "replicationDirection">): string | null {
  return item.activeLocation === "azure" && item.replicationDirection === "to-on-premises" ? item.masterTargetId : null;
}

export const totalDiskGb = (m: MachineView) => m.disks.reduce((a, d) => a + d.sizeGb, 0);
