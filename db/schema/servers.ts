import { sqliteTable, text, integer, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, bool, json, ownedBy } from "./columns";
import { configurationServers, esxiHosts, datastores } from "./onprem";
import { azureSubscriptions, azureNetworks, azureSubnets, resourceGroups, storageAccounts, networkInterfaces } from "./azure";
import {
  ACTIVE_LOCATIONS,
  DEPLOYMENT_MODELS,
  OS_TYPES,
  PROCESS_SERVER_STATUSES,
  RETENTION_VOLUME_USAGES,
  SERVER_HEALTHS,
  type LinuxChecklist,
  type MasterTargetCheckKey,
} from "./enums";

export const processServers = sqliteTable(
  "process_servers",
  {
    id: id(),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    name: text("name").notNull(),
    location: text("location", { enum: ACTIVE_LOCATIONS }).notNull(),
    ip: text("ip").notNull(),
    httpsPort: integer("https_port").notNull().default(443),
    dataPort: integer("data_port").notNull().default(9443),
    status: text("status", { enum: PROCESS_SERVER_STATUSES }).notNull().default("registered"),
    lastHeartbeatAt: timestamp("last_heartbeat_at"),
    health: text("health", { enum: SERVER_HEALTHS }).notNull().default("healthy"),
    /** Load in percent of throughput capacity; drives simulated RPO. */
    loadPercent: real("load_percent").notNull().default(20),
    // Azure process servers only:
    subscriptionId: text("subscription_id").references(() => azureSubscriptions.id, { onDelete: "set null" }),
    networkId: text("network_id").references(() => azureNetworks.id, { onDelete: "set null" }),
    subnetId: text("subnet_id").references(() => azureSubnets.id, { onDelete: "set null" }),
    deploymentModel: text("deployment_model", { enum: DEPLOYMENT_MODELS }),
    resourceGroupId: text("resource_group_id").references(() => resourceGroups.id, { onDelete: "set null" }),
    storageAccountId: text("storage_account_id").references(() => storageAccounts.id, { onDelete: "set null" }),
    networkInterfaceId: text("network_interface_id").references(() => networkInterfaces.id, { onDelete: "set null" }),
    adminUserName: text("admin_user_name"),
    /** The configuration server passphrase the server was given at registration (AES-256-GCM; never returned). */
    passphraseEnc: text("passphrase_enc"),
    registeredAt: timestamp("registered_at"),
  },
  (t) => [uniqueIndex("ps_cs_name").on(t.configurationServerId, t.name), index("ps_network").on(t.networkId)],
);

/** One item of a master target's checklist as the configuration server last read it (server/domain/infrastructure/master-target-checks.ts). */
export type MasterTargetCheck = { key: MasterTargetCheckKey; passed: boolean };

export const masterTargets = sqliteTable(
  "master_targets",
  {
    id: id(),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    name: text("name").notNull(),
    ip: text("ip"),
    osType: text("os_type", { enum: OS_TYPES }).notNull(),
    osName: text("os_name").notNull(),
    hostId: text("host_id").references(() => esxiHosts.id, { onDelete: "set null" }),
    datastoreId: text("datastore_id").references(() => datastores.id, { onDelete: "set null" }),
    /** The default master target installed on the configuration server. */
    onConfigurationServer: bool("on_configuration_server").notNull().default(false),
    lastHeartbeatAt: timestamp("last_heartbeat_at"),
    diskEnableUuid: bool("disk_enable_uuid").notNull().default(true),
    storageVMotioned: bool("storage_vmotioned").notNull().default(false),
    poweredOn: bool("powered_on").notNull().default(true),
    /** Linux only: the setup checklist from the failback guide. */
    linuxChecklist: json<LinuxChecklist>("linux_checklist"),
    /** The checklist read from the server when it was added and on each Refresh, and when. */
    checks: json<MasterTargetCheck[]>("checks"),
    checkedAt: timestamp("checked_at"),
  },
  (t) => [uniqueIndex("mt_cs_name").on(t.configurationServerId, t.name)],
);

export const retentionVolumes = sqliteTable(
  "retention_volumes",
  {
    id: id(),
    masterTargetId: ownedBy("master_target_id", () => masterTargets.id),
    /** Drive letter or mount point, e.g. R: or /mnt/retention. */
    name: text("name").notNull(),
    fileSystem: text("file_system").notNull(),
    capacityGb: real("capacity_gb").notNull(),
    freeGb: real("free_gb").notNull(),
    usage: text("usage", { enum: RETENTION_VOLUME_USAGES }).notNull().default("none"),
    locked: bool("locked").notNull().default(false),
  },
  (t) => [uniqueIndex("rv_mt_name").on(t.masterTargetId, t.name)],
);
