/**
 * The input schemas of the replicated-item verbs. Plain zod, nothing else: the portal's forms import
 * them into the browser and validate with them, so client and server agree (lint keeps this module
 * free of the database and the job engine).
 */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { FAILBACK_LOCATIONS, MACHINE_KINDS, REPLICATION_DIRECTIONS } from "@/db/schema/enums";
import { itemTarget, vaultTarget } from "../targets";

export const RECOVERY_POINT_CHOICES = [
  "latest",
  "latest-processed",
  "latest-app-consistent",
  "latest-multi-vm-processed",
  "latest-multi-vm-app-consistent",
  /**
   * Failback only (the legacy vContinuum "Latest Tag", the API's InMage `LatestTag`): the latest
   * application-consistent tag the master target has applied to its retention log.
   */
  "latest-tag",
  "custom",
] as const;
export type RecoveryPointChoice = (typeof RECOVERY_POINT_CHOICES)[number];

export const FAILOVER_MODES = ["planned", "unplanned"] as const;
export type FailoverMode = (typeof FAILOVER_MODES)[number];

/** The recovery point fields of the item operations that pick one (custom needs the id). */
export const recoveryPointFields = {
  recoveryPoint: z.enum(RECOVERY_POINT_CHOICES),
  recoveryPointId: z.string().max(ID_MAX).min(1).optional(),
};

/** The recovery points of a replication group's failover: one common multi-VM consistent point for every member. */
export const GROUP_RECOVERY_POINTS = ["latest-multi-vm-processed", "latest-multi-vm-app-consistent"] as const;

export const failoverReplicationGroupInput = vaultTarget.extend({
  replicationGroup: z.string().max(ID_MAX).min(1),
  direction: z.enum(REPLICATION_DIRECTIONS).default("to-azure"),
  /** To Azure only: a failback is always an unplanned failover. */
  mode: z.enum(FAILOVER_MODES).default("unplanned"),
  recoveryPoint: z.enum(GROUP_RECOVERY_POINTS),
});
export type FailoverReplicationGroupInput = z.input<typeof failoverReplicationGroupInput>;

export const IPV4_PATTERN = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv4 = z.string().max(ID_MAX).regex(IPV4_PATTERN, "Enter an IPv4 address.");

export const failoverInput = itemTarget.extend({ mode: z.enum(FAILOVER_MODES).default("unplanned"), ...recoveryPointFields });
export type FailoverInput = z.input<typeof failoverInput>;

export const unplannedFailoverToOnPremisesInput = itemTarget.extend(recoveryPointFields);
export type UnplannedFailoverToOnPremisesInput = z.input<typeof unplannedFailoverToOnPremisesInput>;

export const changeRecoveryPointInput = itemTarget.extend(recoveryPointFields);
export type ChangeRecoveryPointInput = z.input<typeof changeRecoveryPointInput>;

export const testFailoverInput = itemTarget.extend({
  networkId: z.string().max(ID_MAX).min(1, "Choose an Azure network."),
  subnetId: z.string().max(ID_MAX).min(1).optional(),
  recoveryPoint: recoveryPointFields.recoveryPoint.default("latest-processed"),
  recoveryPointId: recoveryPointFields.recoveryPointId,
});
export type TestFailoverInput = z.input<typeof testFailoverInput>;

export const cleanupTestFailoverInput = itemTarget.extend({
  notes: z.string().max(1000).optional(),
});
export type CleanupTestFailoverInput = z.input<typeof cleanupTestFailoverInput>;

/** The servers and storage a re-protect to on-premises uses: asked per item, or once for a whole recovery plan. */
export const reprotectChoices = z.object({
  processServerId: z.string().max(ID_MAX).min(1, "Choose a process server."),
  masterTargetId: z.string().max(ID_MAX).min(1, "Choose a master target server."),
  accountId: z.string().max(ID_MAX).min(1, "Choose an account."),
  datastoreId: z.string().max(ID_MAX).min(1, "Choose a datastore."),
  retentionVolumeId: z.string().max(ID_MAX).min(1, "Choose a retention drive."),
});

/** The legacy (classic portal) settings of the VM a failback creates or updates. */
export const reprotectLegacySettings = z.object({
  displayName: z.string().trim().min(1).max(80).optional(),
  cores: z.number().int().min(1).max(128).optional(),
  memoryMb: z
    .number()
    .int()
    .min(512)
    .max(4 * 1024 * 1024)
    .optional(),
  nicIps: z
    .array(z.object({ nic: z.string().max(ID_MAX).min(1), ip: ipv4 }))
    .max(16)
    .optional(),
  folderName: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\\/:*?"<>|]+$/, 'A folder name cannot contain \\ / : * ? " < > |')
    .optional(),
});

export const reprotectToOnPremisesInput = itemTarget.extend({
  ...reprotectChoices.shape,
  /** Omitted: original VM when it exists, else alternate (never a silent switch from an explicit choice). */
  location: z.enum(FAILBACK_LOCATIONS).optional(),
  /** True when a recovery plan re-protects its items (replication groups need it). */
  viaRecoveryPlan: z.boolean().optional(),
  planMasterTargetId: z.string().max(ID_MAX).min(1).optional(),
  legacy: reprotectLegacySettings.optional(),
});
export type ReprotectToOnPremisesInput = z.input<typeof reprotectToOnPremisesInput>;

export const reprotectToAzureInput = itemTarget.extend({
  processServerId: z.string().max(ID_MAX).min(1, "Choose a process server."),
});
export type ReprotectToAzureInput = z.input<typeof reprotectToAzureInput>;

export const enableReplicationInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1, "Choose a configuration server."),
  machineType: z.enum(MACHINE_KINDS),
  vcenterId: z.string().max(ID_MAX).min(1).optional(),
  processServerId: z.string().max(ID_MAX).min(1, "Choose a process server."),
  networkId: z.string().max(ID_MAX).min(1, "Choose an Azure network."),
  subnetId: z.string().max(ID_MAX).min(1).optional(),
  policyId: z.string().max(ID_MAX).min(1, "Choose a replication policy."),
  machineIds: z.array(z.string().min(1).max(ID_MAX)).min(1, "Choose at least one machine.").max(100),
  replicationGroup: z.string().trim().min(1).max(80).optional(),
});
export type EnableReplicationInput = z.input<typeof enableReplicationInput>;

/** Virtual machines are discovered through a vCenter server (or ESXi host): the Replicate wizard names it. */
export function missingVCenter(input: { machineType: "vmware" | "physical"; vcenterId?: string | null }): string | null {
  return input.machineType === "vmware" && !input.vcenterId ? "Choose the vCenter server of the virtual machines." : null;
}

/** The operations the Replicated items grid runs on selected rows. */
export const BULK_OPERATIONS = ["test-failover", "cleanup-test-failover", "disable-replication"] as const;
export const MAX_BULK_ITEMS = 100;

const bulkItemIds = z
  .array(z.string().max(ID_MAX).min(1))
  .min(1, "Select at least one item.")
  .max(MAX_BULK_ITEMS, `Select at most ${MAX_BULK_ITEMS} items.`);

/** The bulk actions' verdicts for the selected items (what the grid offers before anyone presses OK). */
export const bulkItemVerdictsInput = vaultTarget.extend({ itemIds: bulkItemIds });

/** A bulk action: one operation on each selected item, each its own job (a refusal stops only that item). */
export const bulkItemOperationInput = vaultTarget.extend({
  operation: z.enum(BULK_OPERATIONS),
  itemIds: bulkItemIds,
  /** Test failover: the Azure network of the test VMs. */
  networkId: z.string().max(ID_MAX).min(1, "Choose an Azure network.").optional(),
  /** Cleanup test failover: notes on the test. */
  notes: z.string().max(1000).optional(),
});
export type BulkItemOperationInput = z.input<typeof bulkItemOperationInput>;
/** The Replicated items grid's sortable columns (the grid's column ids); each has an index on (vault_id, column, name, id). */
export const ITEM_SORTS = ["name", "health", "state", "location", "rpo", "lastRecoveryPoint", "kind"] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];
/** Rows in one page of the grid (the most `items.list` answers). */
export const ITEM_PAGE_SIZE = 100;
