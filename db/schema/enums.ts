/**
 * Every string union the database stores, stated once. The drizzle columns (`text(…, { enum })`),
 * the zod schemas (`z.enum(…)`) and the label maps (`Record<ItemState, string>`) all derive from
 * these arrays, so adding a value is one edit and a missing label is a compile error.
 */

// ---- replicated items ------------------------------------------------------------------------
export const ITEM_STATES = [
  "enabling-protection",
  "protected",
  "failover-in-progress",
  "failover-completed",
  "commit-in-progress",
  "failover-committed",
  "reprotecting",
  "test-failover-in-progress",
  "test-failover-completed",
  "test-failover-cleanup-in-progress",
  "disabling-replication",
  "replication-disabled",
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** Where a machine runs (an item's active location; a process server's location). */
export const ACTIVE_LOCATIONS = ["on-premises", "azure"] as const;
export type ActiveLocation = (typeof ACTIVE_LOCATIONS)[number];

export const REPLICATION_DIRECTIONS = ["to-azure", "to-on-premises"] as const;
export type ReplicationDirection = (typeof REPLICATION_DIRECTIONS)[number];

export const REPLICATION_HEALTHS = ["healthy", "warning", "critical", "not-applicable"] as const;
export type ReplicationHealth = (typeof REPLICATION_HEALTHS)[number];

export const HEALTH_ERROR_SEVERITIES = ["warning", "critical"] as const;
export type HealthErrorSeverity = (typeof HEALTH_ERROR_SEVERITIES)[number];

/** Failback to the original VM (delta sync) or to a new VM at an alternate location. */
export const FAILBACK_LOCATIONS = ["original", "alternate"] as const;
export type FailbackLocation = (typeof FAILBACK_LOCATIONS)[number];

export const RECOVERY_POINT_TYPES = ["crash-consistent", "app-consistent"] as const;
export type RecoveryPointType = (typeof RECOVERY_POINT_TYPES)[number];

/** "to-azure" policies are created by users; each creates its read-only "failback" twin. */
export const POLICY_DIRECTIONS = ["to-azure", "failback"] as const;
export type PolicyDirection = (typeof POLICY_DIRECTIONS)[number];

// ---- machines and servers --------------------------------------------------------------------
export const MACHINE_KINDS = ["vmware", "physical"] as const;
export type MachineKind = (typeof MACHINE_KINDS)[number];

export const OS_TYPES = ["windows", "linux"] as const;
export type OsType = (typeof OS_TYPES)[number];

/** Health of a configuration or process server. */
export const SERVER_HEALTHS = ["healthy", "warning", "critical"] as const;
export type Health = (typeof SERVER_HEALTHS)[number];

export const IP_MODES = ["static", "dhcp"] as const;
export type IpMode = (typeof IP_MODES)[number];

/**
 * A failback process server in Azure is deployed (job "Deploy process server"), then registered
 * with the configuration server (job "Register process server"); until then it serves nothing.
 */
export const PROCESS_SERVER_STATUSES = ["deploying", "deployed", "registering", "registered"] as const;
export type ProcessServerStatus = (typeof PROCESS_SERVER_STATUSES)[number];

export const ACCOUNT_PERMISSIONS = ["full", "read-only"] as const;
export type AccountPermission = (typeof ACCOUNT_PERMISSIONS)[number];

export const VCENTER_KINDS = ["vcenter", "esxi"] as const;
export type VCenterKind = (typeof VCENTER_KINDS)[number];

export const ESXI_LICENSES = ["evaluation", "standard", "enterprise", "free"] as const;
export type EsxiLicense = (typeof ESXI_LICENSES)[number];
export const ESXI_LICENSE_LABEL: Record<EsxiLicense, string> = {
  evaluation: "Evaluation",
  standard: "Standard",
  enterprise: "Enterprise",
  free: "Free",
};

export const RETENTION_VOLUME_USAGES = ["none", "replication-target", "cache", "os"] as const;
export type RetentionVolumeUsage = (typeof RETENTION_VOLUME_USAGES)[number];

// ---- Azure -----------------------------------------------------------------------------------
export const DEPLOYMENT_MODELS = ["resource-manager", "classic"] as const;
export type DeploymentModel = (typeof DEPLOYMENT_MODELS)[number];

export const CONNECTIVITIES = ["vpn", "expressroute", "none"] as const;
export type Connectivity = (typeof CONNECTIVITIES)[number];

export const AZURE_VM_POWER_STATES = ["running", "stopped", "deallocated"] as const;
export type AzureVmPower = (typeof AZURE_VM_POWER_STATES)[number];

// ---- recovery plans --------------------------------------------------------------------------
export const PLAN_ACTION_PHASES = ["pre", "post"] as const;
export type PlanActionPhase = (typeof PLAN_ACTION_PHASES)[number];

export const PLAN_ACTION_KINDS = ["script", "manual"] as const;
export type PlanActionKind = (typeof PLAN_ACTION_KINDS)[number];

// ---- jobs ------------------------------------------------------------------------------------
export const JOB_STATUSES = ["not-started", "in-progress", "succeeded", "failed", "cancelled", "waiting-for-input"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A step goes through the same statuses as its job. */
export const STEP_STATUSES = JOB_STATUSES;
export type StepStatus = JobStatus;

export const JOB_TARGET_TYPES = [
  "replicated-item",
  "recovery-plan",
  "process-server",
  "master-target",
  "vcenter",
  "configuration-server",
  "policy",
] as const;
export type JobTargetType = (typeof JOB_TARGET_TYPES)[number];

// ---- users, activity log, Lab ----------------------------------------------------------------
/** Site Recovery's built-in roles plus Owner, lowest first. */
export const ROLES = ["reader", "operator", "contributor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const AUDIT_OUTCOMES = ["accepted", "refused", "error"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const FAULTS = [
  "process-server-heartbeat-lost",
  "vcenter-account-read-only",
  "vm-has-snapshots",
  "free-esxi-license",
  "vpn-down",
  "vm-missing-from-cs-database",
  "datastore-unreachable-from-mt-host",
  "mt-disk-enableuuid-false",
  "mt-storage-vmotioned",
  "mt-missing-xfs-reiserfs-packages",
  "process-server-cannot-reach-cs",
  "mt-cloned-from-vm-template",
  "vcenter-disconnected",
  "retained-ip-without-failback-nic",
] as const;
export type FaultKey = (typeof FAULTS)[number];

/** The Linux master target setup steps of the failback guide, in its order. */
export const LINUX_CHECKLIST_KEYS = [
  "centos66Minimal",
  "staticIp",
  "noLvm",
  "partitions",
  "packages",
  "xfsReiserfsPackages",
  "multipath",
  "applyCustomChanges",
] as const;
export type LinuxChecklistKey = (typeof LINUX_CHECKLIST_KEYS)[number];
export type LinuxChecklist = Record<LinuxChecklistKey, boolean>;
/** A Linux master target checklist with every step done, or none. */
export const linuxChecklistOf = (done: boolean): LinuxChecklist =>
  Object.fromEntries(LINUX_CHECKLIST_KEYS.map((k) => [k, done])) as LinuxChecklist;

/** The master target checklist the configuration server shows (failback guide). */
export const MASTER_TARGET_CHECK_KEYS = ["disk-enable-uuid", "no-storage-vmotion", "xfs-reiserfs-packages", "retention-volume"] as const;
export type MasterTargetCheckKey = (typeof MASTER_TARGET_CHECK_KEYS)[number];
