/**
 * The port between the domain and the infrastructure (vCenter/ESXi, Azure, process and master
 * target servers). The domain asks the port what the fabric looks like *now* (with the Lab's
 * fault switches applied) and tells it what to do; it never reads fabric tables directly for
 * these facts. The simulator (server/fabric/simulator) implements it over the database; a real
 * adapter could replace it without touching the domain.
 *
 * A port instance is bound to one transaction and one vault (see FabricFactory).
 */
import type {
  AccountPermission,
  ActiveLocation,
  AzureVmPower,
  Connectivity,
  DeploymentModel,
  EsxiLicense,
  FaultKey,
  LinuxChecklist,
  MachineKind,
  MachineHardware,
  OsType,
  ProcessServerStatus,
  RetentionVolumeUsage,
  VCenterKind,
} from "@/db/schema";

/** What the simulated servers report of their load (percent). */
export type ServerPerformance = { cpuPercent: number; memoryPercent: number; freeCachePercent: number };
import type { DbOrTx } from "@/db/client";

export type ProcessServerView = {
  id: string;
  name: string;
  configurationServerId: string;
  location: ActiveLocation;
  ip: string;
  status: ProcessServerStatus;
  networkId: string | null;
  subnetId: string | null;
  deploymentModel: DeploymentModel | null;
  lastHeartbeatAt: Date | null;
  /** False when the heartbeat is older than the threshold or the Lab says it is lost. */
  heartbeatOk: boolean;
  /** Minutes since the last heartbeat (null when never seen). */
  heartbeatAgeMinutes: number | null;
  /** Whether the server reaches the configuration server on 443. */
  reachesConfigurationServer: boolean;
  performance: ServerPerformance;
};

export type MasterTargetView = {
  id: string;
  name: string;
  configurationServerId: string;
  osType: OsType;
  osName: string;
  hostId: string | null;
  datastoreId: string | null;
  onConfigurationServer: boolean;
  heartbeatOk: boolean;
  heartbeatAgeMinutes: number | null;
  diskEnableUuid: boolean;
  storageVMotioned: boolean;
  linuxChecklist: LinuxChecklist | null;
  performance: ServerPerformance;
};

export type RetentionVolumeView = {
  id: string;
  masterTargetId: string;
  name: string;
  fileSystem: string;
  capacityGb: number;
  freeGb: number;
  usage: RetentionVolumeUsage;
  locked: boolean;
};

export type AccountView = {
  id: string;
  configurationServerId: string;
  friendlyName: string;
  userName: string;
  permission: AccountPermission;
};

export type VCenterView = {
  id: string;
  name: string;
  kind: VCenterKind;
  configurationServerId: string;
  accountId: string | null;
  discovered: boolean;
  /** False while the configuration server has lost its connection to the vCenter (Lab "vCenter disconnected"). */
  connected: boolean;
};

export type HostView = { id: string; name: string; vcenterId: string; license: EsxiLicense; licenseLabel: string | null; version: string };

export type DatastoreView = {
  id: string;
  name: string;
  vcenterId: string;
  capacityGb: number;
  freeGb: number;
  reachableFromHostIds: string[];
};

export type MachineView = {
  id: string;
  name: string;
  hostName: string;
  kind: MachineKind;
  configurationServerId: string;
  vcenterId: string | null;
  hostId: string | null;
  datastoreId: string | null;
  snapshotCount: number;
  exists: boolean;
  inConfigServerDb: boolean;
  /** The machine's IP addresses were retained when it failed over to Azure. */
  ipRetainedAtFailover: boolean;
} & MachineHardware;

export type NetworkView = {
  id: string;
  name: string;
  deploymentModel: DeploymentModel;
  /** Effective: "none" when the Lab has the VPN down. */
  connectivity: Connectivity;
  expressRoutePublicPeering: boolean;
  subnets: { id: string; name: string; addressRange: string }[];
};

export type AzureVmView = {
  id: string;
  name: string;
  networkId: string | null;
  subnetId: string | null;
  ip: string;
  cores: number;
  memoryMb: number;
  size: string;
  powerState: AzureVmPower;
  isTest: boolean;
  deleted: boolean;
};

/** What a failover (or test failover) asks the fabric to create in Azure. */
export type NewAzureVm = {
  replicatedItemId: string;
  name: string;
  cores: number;
  memoryMb: number;
  networkId: string | null;
  subnetId: string | null;
  isTest: boolean;
};

export type ConfigurationServerView = {
  id: string;
  name: string;
  ip: string;
  vaultId: string;
  /** Whether the configuration server has a second NIC for failback traffic (needed when IPs were retained). */
  failbackNic: boolean;
  /** When its database was last backed up (Back up on its page); null when never. */
  lastBackupAt: Date | null;
};

/** What a vCenter server or ESXi host contains, as its API lists it to a run-as account. */
export type InventoryHost = { name: string; version: string; license: EsxiLicense; licenseLabel: string | null };
export type InventoryDatastore = { name: string; capacityGb: number; freeGb: number; hostNames: string[] };
export type InventoryVm = { name: string; hostName: string; esxiHost: string; datastore: string } & MachineHardware;

/** The answer of a vCenter server or ESXi host to a discovery through a run-as account. */
export type VCenterDiscovery =
  | { status: "unreachable" }
  | { status: "rejected" }
  | {
      status: "connected";
      name: string;
      kind: VCenterKind;
      /** What the account may do there: a read-only account lists the VMs but no datastores. */
      permission: AccountPermission;
      hosts: InventoryHost[];
      /** Empty for a read-only account. */
      datastores: InventoryDatastore[];
      vms: InventoryVm[];
    };

/** Where a discovery connects, and as whom (the password in clear, only for the call). */
export type VCenterConnection = { address: string; port: number; userName: string; password: string };

/** A process server connecting to its configuration server to register (the passphrase in clear, only for the call). */
export type ConfigurationServerConnection = { processServerId: string; address: string; port: number; passphrase: string };

/** The configuration server's answer: nothing listens there, the passphrase is wrong, or connected. */
export type ConfigurationServerAnswer =
  | { status: "unreachable" }
  | { status: "rejected"; configurationServerId: string }
  | { status: "connected"; configurationServerId: string };

export interface FabricPort {
  readonly vaultId: string;
  readonly now: Date;
  // ---- what the domain asks ----
  faultOn(fault: FaultKey, ...targetIds: (string | null | undefined)[]): boolean;
  configurationServer(id: string): ConfigurationServerView | null;
  processServer(id: string): ProcessServerView | null;
  processServers(configurationServerId: string): ProcessServerView[];
  masterTarget(id: string): MasterTargetView | null;
  masterTargets(configurationServerId: string): MasterTargetView[];
  retentionVolumes(masterTargetId: string): RetentionVolumeView[];
  account(id: string): AccountView | null;
  accounts(configurationServerId: string): AccountView[];
  vcenter(id: string): VCenterView | null;
  /** The effective permission of the account a vCenter is discovered with. */
  vcenterAccountPermission(vcenterId: string): AccountPermission | "none";
  host(id: string): HostView | null;
  datastore(id: string): DatastoreView | null;
  /** Datastores the account can list in that vCenter: none when it is read-only. */
  datastoresVisible(vcenterId: string, accountId?: string | null): DatastoreView[];
  machine(id: string): MachineView | null;
  /** Connects to a vCenter server or ESXi host with a run-as account and lists what it contains. */
  discoverVCenter(connection: VCenterConnection): VCenterDiscovery;
  /** A process server connects to a configuration server of the vault at that address and port with a passphrase. */
  connectToConfigurationServer(connection: ConfigurationServerConnection): ConfigurationServerAnswer;
  network(id: string): NetworkView | null;
  azureVm(id: string | null | undefined): AzureVmView | null;
  /** Whether the master target was cloned from the same VM template as the machine (their disk UUIDs clash). */
  clonedFromSameTemplate(masterTargetId: string, machineId: string): boolean;
  // ---- what the domain tells it to do ----
  createAzureVm(input: NewAzureVm): string;
  startAzureVm(id: string): void;
  stopAzureVm(id: string): void;
  deleteAzureVm(id: string): void;
  /**
   * Creates (or re-creates) the on-premises VM of a machine on a host and datastore; returns
   * nothing, the machine row is updated. A physical server becomes a VMware VM (kind "vmware").
   */
  createOnPremisesVm(
    machineId: string,
    input: { hostId: string; datastoreId: string; displayName?: string; cores?: number; memoryMb?: number; folderName?: string },
  ): void;
  powerOnOnPremisesVm(machineId: string): void;
  powerOffOnPremisesVm(machineId: string): void;
  /** Applies failback IPs to the machine's NICs (legacy per-NIC setting); the others become DHCP. */
  applyNicSettings(machineId: string, nicIps: { nic: string; ip: string }[]): void;
}

export type FabricFactory = (db: DbOrTx, vaultId: string, now: Date) => FabricPort;
