/** Every job definition this layer provides (registered by index.ts). */
import type { JobDefinition } from "../types";
import { enableReplicationDefinition } from "./enable-replication";
import { failoverDefinition } from "./failover";
import { commitDefinition } from "./commit";
import { changeRecoveryPointDefinition } from "./change-recovery-point";
import { testFailoverDefinition } from "./test-failover";
import { testFailoverCleanupDefinition } from "./test-failover-cleanup";
import { reprotectDefinition } from "./reprotect";
import { disableReplicationDefinition } from "./disable-replication";
import { deployProcessServerDefinition } from "./deploy-process-server";
import { discoverVCenterDefinition } from "./discover-vcenter";
import { registerProcessServerDefinition } from "./register-process-server";
import { recoveryPlanDefinition, recoveryPlanMemberDefinitions } from "./recovery-plan";

export const JOB_DEFINITIONS: JobDefinition[] = [
  enableReplicationDefinition,
  failoverDefinition,
  commitDefinition,
  changeRecoveryPointDefinition,
  testFailoverDefinition,
  testFailoverCleanupDefinition,
  reprotectDefinition,
  disableReplicationDefinition,
  deployProcessServerDefinition,
  registerProcessServerDefinition,
  discoverVCenterDefinition,
  recoveryPlanDefinition,
  ...recoveryPlanMemberDefinitions,
];
