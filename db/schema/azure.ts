import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, bool, ownedBy } from "./columns";
import { vaults } from "./vault";
import { AZURE_VM_POWER_STATES, CONNECTIVITIES, DEPLOYMENT_MODELS, IP_MODES } from "./enums";

export const azureSubscriptions = sqliteTable("azure_subscriptions", {
  id: id(),
  vaultId: ownedBy("vault_id", () => vaults.id),
  name: text("name").notNull(),
  subscriptionGuid: text("subscription_guid").notNull(),
});

export const resourceGroups = sqliteTable(
  "resource_groups",
  {
    id: id(),
    subscriptionId: ownedBy("subscription_id", () => azureSubscriptions.id),
    name: text("name").notNull(),
    region: text("region").notNull(),
  },
  (t) => [uniqueIndex("rg_sub_name").on(t.subscriptionId, t.name)],
);

/** Unique per resource group: each vault's simulated Azure is its own, so two vaults may both have contosofailbackps01. */
export const storageAccounts = sqliteTable(
  "storage_accounts",
  {
    id: id(),
    resourceGroupId: ownedBy("resource_group_id", () => resourceGroups.id),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("StorageV2"),
  },
  (t) => [uniqueIndex("storage_account_rg_name").on(t.resourceGroupId, t.name)],
);

export const azureNetworks = sqliteTable(
  "azure_networks",
  {
    id: id(),
    subscriptionId: ownedBy("subscription_id", () => azureSubscriptions.id),
    /** Null for a classic network, which has no resource group. */
    resourceGroupId: text("resource_group_id").references(() => resourceGroups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    deploymentModel: text("deployment_model", { enum: DEPLOYMENT_MODELS }).notNull(),
    addressSpace: text("address_space").notNull(),
    /** How this network reaches on-premises; failback needs VPN or ExpressRoute. */
    connectivity: text("connectivity", { enum: CONNECTIVITIES }).notNull(),
    /** ExpressRoute also needs public peering for replication traffic to storage. */
    expressRoutePublicPeering: bool("express_route_public_peering").notNull().default(false),
  },
  (t) => [index("azure_networks_sub").on(t.subscriptionId)],
);

export const azureSubnets = sqliteTable(
  "azure_subnets",
  {
    id: id(),
    networkId: ownedBy("network_id", () => azureNetworks.id),
    name: text("name").notNull(),
    /** CIDR, e.g. 10.10.1.0/24. */
    addressRange: text("address_range").notNull(),
  },
  (t) => [uniqueIndex("subnet_network_name").on(t.networkId, t.name)],
);

/** Network interfaces the user created for Resource Manager process servers. */
export const networkInterfaces = sqliteTable("network_interfaces", {
  id: id(),
  resourceGroupId: ownedBy("resource_group_id", () => resourceGroups.id),
  subnetId: ownedBy("subnet_id", () => azureSubnets.id),
  name: text("name").notNull(),
  /** The process server or VM using it, when attached. */
  attachedTo: text("attached_to"),
});

/** A VM that Site Recovery created in Azure by a failover (or a test failover). */
export const azureVms = sqliteTable(
  "azure_vms",
  {
    id: id(),
    /** The replicated item it belongs to; no FK so the two can be created in either order. */
    replicatedItemId: text("replicated_item_id").notNull(),
    name: text("name").notNull(),
    size: text("size").notNull(),
    cores: integer("cores").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    networkId: text("network_id").references(() => azureNetworks.id, { onDelete: "set null" }),
    subnetId: text("subnet_id").references(() => azureSubnets.id, { onDelete: "set null" }),
    ip: text("ip").notNull(),
    ipMode: text("ip_mode", { enum: IP_MODES }).notNull().default("dhcp"),
    powerState: text("power_state", { enum: AZURE_VM_POWER_STATES }).notNull(),
    isTest: bool("is_test").notNull().default(false),
    /** The temporary (page-file) disk; the legacy flow takes it offline before protection. */
    tempDiskOffline: bool("temp_disk_offline").notNull().default(false),
    deleted: bool("deleted").notNull().default(false),
  },
  (t) => [index("azure_vms_item").on(t.replicatedItemId)],
);
