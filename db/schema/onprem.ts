import { sqliteTable, text, integer, real, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, bool, json, ownedBy } from "./columns";
import { vaults } from "./vault";
import {
  ACCOUNT_PERMISSIONS,
  ESXI_LICENSES,
  MACHINE_KINDS,
  OS_TYPES,
  SERVER_HEALTHS,
  VCENTER_KINDS,
  type IpMode,
  type OsType,
} from "./enums";

export const configurationServers = sqliteTable(
  "configuration_servers",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    name: text("name").notNull(),
    ip: text("ip").notNull(),
    version: text("version").notNull(),
    lastHeartbeatAt: timestamp("last_heartbeat_at"),
    health: text("health", { enum: SERVER_HEALTHS }).notNull().default("healthy"),
    /** AES-256-GCM ciphertext; never returned by any read model. */
    passphraseEnc: text("passphrase_enc"),
    passphraseChangedAt: timestamp("passphrase_changed_at"),
    lastBackupAt: timestamp("last_backup_at"),
  },
  (t) => [uniqueIndex("cs_vault_name").on(t.vaultId, t.name)],
);

export const runAsAccounts = sqliteTable(
  "run_as_accounts",
  {
    id: id(),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    friendlyName: text("friendly_name").notNull(),
    userName: text("user_name").notNull(),
    secretEnc: text("secret_enc"),
    secretChangedAt: timestamp("secret_changed_at"),
    permission: text("permission", { enum: ACCOUNT_PERMISSIONS }).notNull().default("full"),
  },
  (t) => [uniqueIndex("account_cs_name").on(t.configurationServerId, t.friendlyName)],
);

/** A vCenter server or a standalone ESXi host discovered through a run-as account. */
export const vcenters = sqliteTable(
  "vcenters",
  {
    id: id(),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: VCENTER_KINDS }).notNull().default("vcenter"),
    ip: text("ip").notNull(),
    port: integer("port").notNull().default(443),
    accountId: text("account_id").references(() => runAsAccounts.id, { onDelete: "set null" }),
    discoveredAt: timestamp("discovered_at"),
    lastRefreshAt: timestamp("last_refresh_at"),
  },
  (t) => [uniqueIndex("vcenter_cs_name").on(t.configurationServerId, t.name)],
);

export const esxiHosts = sqliteTable(
  "esxi_hosts",
  {
    id: id(),
    vcenterId: ownedBy("vcenter_id", () => vcenters.id),
    name: text("name").notNull(),
    version: text("version").notNull(),
    license: text("license", { enum: ESXI_LICENSES }).notNull(),
    /** Label of a free edition, e.g. "ESXi 5.5 free" or "vSphere 6 Hypervisor free". */
    licenseLabel: text("license_label"),
  },
  (t) => [uniqueIndex("host_vcenter_name").on(t.vcenterId, t.name)],
);

export const datastores = sqliteTable(
  "datastores",
  {
    id: id(),
    vcenterId: ownedBy("vcenter_id", () => vcenters.id),
    name: text("name").notNull(),
    capacityGb: real("capacity_gb").notNull(),
    freeGb: real("free_gb").notNull(),
  },
  (t) => [uniqueIndex("datastore_vcenter_name").on(t.vcenterId, t.name)],
);

/** Which ESXi hosts can reach which datastores. */
export const datastoreHosts = sqliteTable(
  "datastore_hosts",
  {
    datastoreId: ownedBy("datastore_id", () => datastores.id),
    hostId: ownedBy("host_id", () => esxiHosts.id),
  },
  (t) => [primaryKey({ columns: [t.datastoreId, t.hostId] }), index("datastore_hosts_host").on(t.hostId)],
);

export type Disk = { name: string; sizeGb: number; os?: boolean };
export type Nic = { name: string; ipMode: IpMode; ip: string; subnetMask?: string; gateway?: string };

/** A machine's operating system and virtual hardware, as a vCenter lists it and a machine row stores it. */
export type MachineHardware = {
  osType: OsType;
  osName: string;
  rootFileSystem: string;
  cores: number;
  memoryMb: number;
  disks: Disk[];
  nics: Nic[];
};

/** The hardware fields of anything that carries them (a machine row, a discovered or simulated VM). */
export function hardwareOf(m: MachineHardware): MachineHardware {
  return {
    osType: m.osType,
    osName: m.osName,
    rootFileSystem: m.rootFileSystem,
    cores: m.cores,
    memoryMb: m.memoryMb,
    disks: m.disks,
    nics: m.nics,
  };
}

/** A source machine on-premises: a VMware VM found in a vCenter, or a physical server. */
export const machines = sqliteTable(
  "machines",
  {
    id: id(),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    kind: text("kind", { enum: MACHINE_KINDS }).notNull(),
    name: text("name").notNull(),
    hostName: text("host_name").notNull(),
    vcenterId: text("vcenter_id").references(() => vcenters.id, { onDelete: "set null" }),
    hostId: text("host_id").references(() => esxiHosts.id, { onDelete: "set null" }),
    datastoreId: text("datastore_id").references(() => datastores.id, { onDelete: "set null" }),
    /**
     * The datastore folder holding the VM's files (VMX, VMDKs). Null: a folder named after the VM.
     * A failback that creates a new VM puts it in the legacy folder name when one was given (old VMDK files left on the datastore).
     */
    vmFolder: text("vm_folder"),
    osType: text("os_type", { enum: OS_TYPES }).notNull(),
    osName: text("os_name").notNull(),
    /** Root/boot file system, e.g. ntfs, ext4, xfs, reiserfs. */
    rootFileSystem: text("root_file_system").notNull(),
    cores: integer("cores").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    disks: json<Disk[]>("disks").notNull(),
    nics: json<Nic[]>("nics").notNull(),
    snapshotCount: integer("snapshot_count").notNull().default(0),
    /** False once the VM was deleted on-premises (failback then creates a new VM). */
    exists: bool("exists").notNull().default(true),
    poweredOn: bool("powered_on").notNull().default(true),
    /** Whether the configuration server's database still knows this machine. */
    inConfigServerDb: bool("in_config_server_db").notNull().default(true),
    discoveredAt: timestamp("discovered_at").notNull(),
  },
  (t) => [index("machines_cs").on(t.configurationServerId), index("machines_name").on(t.name)],
);
