/**
 * Every error code the portal reports, stated once: the prerequisite checks', the other domain
 * refusals', the job engine's and the replication health errors'. Numeric codes are Site
 * Recovery's own (from the failback/reprotect troubleshooting docs); the FB-xxxx codes are this
 * portal's, one per refusal that Site Recovery documents without a public number; the named codes
 * are this portal's for everything else. See README.md for the table.
 */
export const CODES = {
  // Check 1 – process server
  psHeartbeatLost: "806",
  psCannotReachCs: "95226",
  psNone: "FB-0101",
  psOtherNetwork: "FB-0102",
  psDeploymentModel: "FB-0103",
  psNotRegistered: "FB-0104",
  psOnPremWithoutExpressRoute: "FB-0105",
  psUnknown: "FB-0106",
  // Re-protect to Azure (stage 6 → 7) with a process server in Azure
  psInAzureForReprotectToAzure: "FB-0107",
  // Check 2 – master target
  mtNone: "FB-0201",
  mtOsMismatch: "FB-0202",
  mtDiskEnableUuid: "FB-0203",
  mtStorageVMotioned: "8038",
  mtXfsReiserfs: "FB-0205",
  mtHeartbeat: "FB-0206",
  mtLinuxSetup: "FB-0207",
  // Check 3 – retention volume
  rvNoneEligible: "FB-0301",
  rvIneligible: "FB-0302",
  // Check 4 – datastore / failback location
  dsUnreachable: "8061",
  dsFreeSpace: "FB-0402",
  vcenterNotDiscovered: "FB-0403",
  dsMissing: "FB-0404",
  originalVmMissing: "FB-0405",
  physicalToOriginal: "FB-0406",
  // Check 5 – read-only vCenter account
  accountReadOnly: "FB-0501",
  accountMissing: "FB-0502",
  // Check 6 – snapshots
  vmHasSnapshots: "78052",
  // Check 7 – free ESXi license
  freeEsxiLicense: "FB-0701",
  // Check 8 – configuration server database
  vmNotInCsDatabase: "FB-0801",
  // Check 9 – physical Windows Server 2008 R2 SP1
  physical2008R2: "FB-0901",
  // Check 10 – VPN / ExpressRoute, Azure VM reachable
  noSiteConnectivity: "FB-1001",
  expressRouteNoPublicPeering: "FB-1002",
  azureVmNotRunning: "78093",
  // Check 11 – replication groups
  groupOutsidePlan: "FB-1101",
  groupDifferentMasterTargets: "FB-1102",
  // Check 12 – after failback (advisory)
  guestSettingsAfterFailback: "FB-1201",
  // Check 13 – master target cloned from the machine's template (disk UUID clash)
  mtDiskUuidClash: "FB-1301",
  // Check 14 – vCenter disconnected at failback
  vcenterDisconnected: "FB-1401",
  // Check 15 – retained IPs without a failback NIC on the configuration server
  csNoFailbackNic: "FB-1501",

  // vCenter / ESXi discovery through a run-as account
  vcenterCredentialsRejected: "VCenterCredentialsRejected",
  vcenterUnreachable: "VCenterUnreachable",
  vcenterAlreadyAdded: "VCenterAlreadyAdded",
  serverInUse: "ServerInUse",
  // Process server registration with the configuration server (its second job)
  psPassphraseRejected: "ProcessServerPassphraseRejected",
  psRegistrationNotAllowed: "ProcessServerRegistrationNotAllowed",

  // Input and lookups
  invalidInput: "InvalidInput",
  notFound: "NotFound",
  // State machine and one operation at a time
  operationInProgress: "OperationInProgress",
  operationNotAllowed: "OperationNotAllowed",
  azureVmMissing: "AzureVmMissing",
  alreadyProtected: "AlreadyProtected",
  // Recovery points
  noRecoveryPoint: "NoRecoveryPoint",
  notInReplicationGroup: "NotInReplicationGroup",
  latestTagFailbackOnly: "LatestTagFailbackOnly",
  recoveryPointRequired: "RecoveryPointRequired",
  // Replication health (besides 806)
  rpoThresholdExceeded: "RpoThresholdExceeded",
  // Replication policies
  policyAlreadyAssociated: "PolicyAlreadyAssociated",
  policyNotAssociated: "PolicyNotAssociated",
  policyInUse: "PolicyInUse",
  failbackPolicyReadOnly: "FailbackPolicyReadOnly",
  // Recovery plans
  recoveryPlanEmpty: "RecoveryPlanEmpty",
  recoveryPlanItemsNotReady: "RecoveryPlanItemsNotReady",
  recoveryPlanNameInUse: "RecoveryPlanNameInUse",
  recoveryPlanItemFailed: "RecoveryPlanItemFailed",
  // Users
  userExists: "UserExists",
  alreadyInitialized: "AlreadyInitialized",
  setupTokenInvalid: "SetupTokenInvalid",
  lastOwner: "LastOwner",
  alreadyMember: "AlreadyMember",
  passwordResetNotAllowed: "PasswordResetNotAllowed",
  // Jobs and the simulated clock
  jobChanged: "JobChanged",
  jobNotCancellable: "JobNotCancellable",
  jobNotRestartable: "JobNotRestartable",
  jobNotResumable: "JobNotResumable",
  jobTypeUnknown: "JobTypeUnknown",
  jobStepUnknown: "JobStepUnknown",
  internalError: "InternalError",
  invalidCursor: "InvalidCursor",
  invalidSimulationSpeed: "InvalidSimulationSpeed",
  invalidTimeAdvance: "InvalidTimeAdvance",
} as const;

export type ErrorCode = (typeof CODES)[keyof typeof CODES];
