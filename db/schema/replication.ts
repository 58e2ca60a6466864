import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, real, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, bool, json, ownedBy } from "./columns";
import { vaults } from "./vault";
import { configurationServers, machines, runAsAccounts, datastores } from "./onprem";
import { azureNetworks, azureSubnets } from "./azure";
import { processServers, masterTargets, retentionVolumes } from "./servers";
import {
  ACTIVE_LOCATIONS,
  ITEM_STATES,
  MACHINE_KINDS,
  OS_TYPES,
  POLICY_DIRECTIONS,
  RECOVERY_POINT_TYPES,
  REPLICATION_DIRECTIONS,
  REPLICATION_HEALTHS,
  type FailbackLocation,
  type HealthErrorSeverity,
} from "./enums";

export const replicationPolicies = sqliteTable(
  "replication_policies",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    name: text("name").notNull(),
    direction: text("direction", { enum: POLICY_DIRECTIONS }).notNull(),
    rpoThresholdMinutes: integer("rpo_threshold_minutes").notNull(),
    retentionHours: integer("retention_hours").notNull(),
    appConsistentFrequencyMinutes: integer("app_consistent_frequency_minutes").notNull(),
    multiVmConsistency: bool("multi_vm_consistency").notNull().default(false),
    editable: bool("editable").notNull().default(true),
    /** For a failback policy: the forward policy that created it (and vice versa). */
    pairedPolicyId: text("paired_policy_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("policy_vault_name").on(t.vaultId, t.name)],
);

/**
 * The configuration servers a policy is associated with (Azure: one protection container mapping
 * per server). A policy may serve several configuration servers; its failback policy has the same rows.
 */
export const policyConfigurationServers = sqliteTable(
  "policy_configuration_servers",
  {
    policyId: ownedBy("policy_id", () => replicationPolicies.id),
    configurationServerId: ownedBy("configuration_server_id", () => configurationServers.id),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.configurationServerId] }), index("policy_cs_cs").on(t.configurationServerId)],
);

export type HealthError = {
  code: string;
  message: string;
  possibleCauses: string;
  recommendedAction: string;
  severity: HealthErrorSeverity;
  at: number;
};

export type FailbackSettings = {
  location: FailbackLocation;
  displayName?: string;
  cores?: number;
  memoryMb?: number;
  nicIps?: { nic: string; ip: string }[];
  folderName?: string;
};

export const replicatedItems = sqliteTable(
  "replicated_items",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "restrict" }),
    configurationServerId: text("configuration_server_id")
      .notNull()
      .references(() => configurationServers.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: MACHINE_KINDS }).notNull(),
    osType: text("os_type", { enum: OS_TYPES }).notNull(),
    state: text("state", { enum: ITEM_STATES }).notNull(),
    activeLocation: text("active_location", { enum: ACTIVE_LOCATIONS }).notNull(),
    replicationDirection: text("replication_direction", { enum: REPLICATION_DIRECTIONS }).notNull(),
    replicationHealth: text("replication_health", { enum: REPLICATION_HEALTHS }).notNull().default("healthy"),
    policyId: text("policy_id").references(() => replicationPolicies.id, { onDelete: "set null" }),
    processServerId: text("process_server_id").references(() => processServers.id, { onDelete: "set null" }),
    masterTargetId: text("master_target_id").references(() => masterTargets.id, { onDelete: "set null" }),
    accountId: text("account_id").references(() => runAsAccounts.id, { onDelete: "set null" }),
    failbackDatastoreId: text("failback_datastore_id").references(() => datastores.id, { onDelete: "set null" }),
    retentionVolumeId: text("retention_volume_id").references(() => retentionVolumes.id, { onDelete: "set null" }),
    failbackSettings: json<FailbackSettings>("failback_settings"),
    targetNetworkId: text("target_network_id").references(() => azureNetworks.id, { onDelete: "set null" }),
    targetSubnetId: text("target_subnet_id").references(() => azureSubnets.id, { onDelete: "set null" }),
    azureVmId: text("azure_vm_id"),
    testAzureVmId: text("test_azure_vm_id"),
    replicationGroup: text("replication_group"),
    rpoSeconds: integer("rpo_seconds"),
    initialReplicationPercent: real("initial_replication_percent").notNull().default(0),
    lastRecoveryPointAt: timestamp("last_recovery_point_at"),
    /** The recovery point the last failover used (changeable until commit). */
    failoverRecoveryPointId: text("failover_recovery_point_id"),
    healthErrors: json<HealthError[]>("health_errors").notNull().default([]),
    /** Things the user must do by hand after failback (Network Manager, static IPs). */
    notes: json<string[]>("notes").notNull().default([]),
    /** The job currently operating on this item; one operation at a time. */
    currentJobId: text("current_job_id"),
    version: integer("version").notNull().default(0),
    /**
     * Simulated epoch ms at which the replication tick next has something to do for this item
     * (its next recovery point, an RPO or heartbeat threshold). 0 = at the next tick: a trigger
     * (migration item_simulation_trigger) resets it whenever the item's state, direction, policy or process server
     * changes, so no writer needs to know about it.
     */
    simulateAt: integer("simulate_at").notNull().default(0),
    /** Simulated epoch ms the replication tick last simulated this item (its next window starts there). */
    simulatedAt: integer("simulated_at"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [
    // The replication tick reads only the items that are due.
    index("items_vault_simulate_at").on(t.vaultId, t.simulateAt),
    // The grid sorts and filters by these in SQL; name then id break ties, so each serves "filter by X, sort by name" and "sort by X".
    index("items_vault_name_id").on(t.vaultId, t.name, t.id),
    index("items_vault_state_name").on(t.vaultId, t.state, t.name, t.id),
    index("items_vault_health_name").on(t.vaultId, t.replicationHealth, t.name, t.id),
    index("items_vault_location_name").on(t.vaultId, t.activeLocation, t.name, t.id),
    index("items_vault_kind_name").on(t.vaultId, t.kind, t.name, t.id),
    index("items_vault_last_point_name").on(t.vaultId, t.lastRecoveryPointAt, t.name, t.id),
    index("items_group").on(t.replicationGroup),
    uniqueIndex("items_machine").on(t.machineId),
  ],
);

export const recoveryPoints = sqliteTable(
  "recovery_points",
  {
    id: id(),
    replicatedItemId: ownedBy("replicated_item_id", () => replicatedItems.id),
    at: timestamp("at").notNull(),
    type: text("type", { enum: RECOVERY_POINT_TYPES }).notNull(),
    multiVm: bool("multi_vm").notNull().default(false),
    direction: text("direction", { enum: REPLICATION_DIRECTIONS }).notNull(),
    /** Simulated data size waiting to be processed, in MB (Latest vs Latest processed). */
    pendingMb: real("pending_mb").notNull().default(0),
  },
  (t) => [
    index("rp_item_at").on(t.replicatedItemId, t.at),
    // The replication tick clears pending data on the few points that have any.
    index("rp_item_pending")
      .on(t.replicatedItemId)
      .where(sql`${t.pendingMb} > 0`),
  ],
);
