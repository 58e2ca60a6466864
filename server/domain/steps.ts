/**
 * Every job the domain enqueues: its type and its ordered steps, with the job input its verbs
 * write. Types and step keys are persisted (jobs.type, job_steps.key and ordinal) and a restarted
 * portal resumes a job by them: never rename one. The handlers live in server/jobs/definitions,
 * which import this module; the domain never imports the definitions.
 */
import type { PlanActionPhase, ReplicationDirection } from "@/db/schema";
import type { StepSpec } from "@/server/jobs/types";
import { OPERATION_COMMAND } from "./replicated-item/state";
import { itemOperationFor, type PlanGroup } from "./recovery-plan/common";
import type { PlanParams } from "./recovery-plan/item-dispatch";

export const JOB_TYPES = {
  enableReplication: "enable-replication",
  failover: "failover",
  commit: "commit",
  changeRecoveryPoint: "change-recovery-point",
  testFailover: "test-failover",
  testFailoverCleanup: "test-failover-cleanup",
  reprotect: "reprotect",
  disableReplication: "disable-replication",
  deployProcessServer: "deploy-process-server",
  registerProcessServer: "register-process-server",
  discoverVCenter: "discover-vcenter",
  recoveryPlan: "recovery-plan",
} as const;

/** An item job a recovery plan started runs under its item type behind this prefix (the item definition plus a wake-up step). */
export const PLAN_MEMBER_PREFIX = "recovery-plan-member:";

/** The last step of a plan's item job: it wakes the plan's waiting step up. */
export const PLAN_MEMBER_NOTIFY_STEP = "notify-recovery-plan";

/** The recovery plan job an item job belongs to (job input `recoveryPlan`). */
export type PlanMembership = { planJobId: string; planId: string; planName: string };

/**
 * An item job as a recovery plan starts it, in the same insert: its type behind the member
 * prefix, the plan in its input, and a last step that reports to the plan.
 */
export function planMemberJob<J extends { type: string; input: Record<string, unknown>; steps: StepSpec[] }>(
  job: J,
  plan: PlanMembership,
): J {
  return {
    ...job,
    type: `${PLAN_MEMBER_PREFIX}${job.type}`,
    input: { ...job.input, recoveryPlan: plan },
    steps: [...job.steps, { key: PLAN_MEMBER_NOTIFY_STEP, name: `Report to the recovery plan ${plan.planName}`, durationSeconds: 0 }],
  };
}

/** The persisted types of an operation's jobs: its own, and the ones recovery plans started for their items. */
export function jobTypesOf(type: string): string[] {
  return [type, `${PLAN_MEMBER_PREFIX}${type}`];
}

const PREREQUISITES = "Prerequisites check";
const UPDATE_STATE = "Update the replication state";

// ---- replicated items --------------------------------------------------------------------------

export const enableReplicationSteps = (): StepSpec[] => [
  { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
  { key: "identify-target", name: "Identifying replication target", durationSeconds: 60 },
  { key: "enable", name: "Enable replication", durationSeconds: 120 },
  { key: "initial-replication", name: "Starting initial replication", durationSeconds: 900 },
  { key: "finalize", name: "Finalize protection on the protected item", durationSeconds: 60 },
];

import type { FailoverMode } from "./replicated-item/inputs";

export { FAILOVER_MODES, type FailoverMode } from "./replicated-item/inputs";

export type FailoverJobInput = {
  direction: ReplicationDirection;
  mode: FailoverMode;
  recoveryPointId: string;
  recoveryPointChoice: string;
  pendingMb: number;
};

export function failoverSteps(input: Pick<FailoverJobInput, "direction" | "mode" | "pendingMb">): StepSpec[] {
  const sync = Math.round(30 + input.pendingMb / 10);
  if (input.direction === "to-on-premises")
    return [
      { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
      { key: "shutdown-azure-vm", name: "Shut down the Azure virtual machine", durationSeconds: 90 },
      { key: "sync", name: "Synchronizing data", durationSeconds: sync + 60 },
      { key: "start-on-premises-vm", name: "Starting the on-premises virtual machine", durationSeconds: 180 },
      { key: "finalize", name: UPDATE_STATE, durationSeconds: 10 },
    ];
  return [
    { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
    ...(input.mode === "planned" ? [{ key: "shutdown-source", name: "Shut down the source virtual machine", durationSeconds: 60 }] : []),
    { key: "sync", name: "Synchronizing data", durationSeconds: sync },
    { key: "start-azure-vm", name: "Starting the replica virtual machine", durationSeconds: 120 },
    { key: "finalize", name: UPDATE_STATE, durationSeconds: 10 },
  ];
}

/** The failover job of one item, named as the portal names it (Failover, Planned failover, Unplanned failover back). */
export function failoverJob(input: FailoverJobInput, extra: Record<string, unknown> = {}) {
  return {
    type: JOB_TYPES.failover,
    name: input.direction === "to-on-premises" ? "Unplanned failover" : input.mode === "planned" ? "Planned failover" : "Failover",
    steps: failoverSteps(input),
    input: { ...input, ...extra },
  };
}

export const commitSteps = (direction: ReplicationDirection): StepSpec[] => [
  { key: "prerequisites", name: PREREQUISITES, durationSeconds: 10 },
  ...(direction === "to-on-premises" ? [{ key: "delete-azure-vm", name: "Delete the Azure virtual machine", durationSeconds: 120 }] : []),
  { key: "commit", name: "Commit", durationSeconds: 30 },
];

export const changeRecoveryPointSteps = (): StepSpec[] => [
  { key: "prerequisites", name: PREREQUISITES, durationSeconds: 10 },
  { key: "apply", name: "Recreate the virtual machine from the recovery point", durationSeconds: 120 },
  { key: "finalize", name: UPDATE_STATE, durationSeconds: 10 },
];

export const testFailoverSteps = (): StepSpec[] => [
  { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
  { key: "create-test-environment", name: "Create test environment", durationSeconds: 60 },
  { key: "start-test-vm", name: "Starting the virtual machine", durationSeconds: 120 },
  { key: "finalize", name: UPDATE_STATE, durationSeconds: 10 },
];

export const testFailoverCleanupSteps = (): StepSpec[] => [
  { key: "delete-test-vm", name: "Delete the test virtual machine", durationSeconds: 60 },
  { key: "finalize", name: UPDATE_STATE, durationSeconds: 10 },
];

export const reprotectSteps = (direction: ReplicationDirection): StepSpec[] =>
  direction === "to-on-premises"
    ? [
        { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
        { key: "prepare-master-target", name: "Prepare the master target", durationSeconds: 120 },
        { key: "install-mobility-service", name: "Install the mobility service on the Azure virtual machine", durationSeconds: 180 },
        { key: "initial-sync", name: "Start replication to on-premises", durationSeconds: 900 },
        { key: "finalize", name: "Finalize reprotect", durationSeconds: 30 },
      ]
    : [
        { key: "prerequisites", name: PREREQUISITES, durationSeconds: 30 },
        { key: "initial-sync", name: "Start replication to Azure", durationSeconds: 900 },
        { key: "finalize", name: "Finalize reprotect", durationSeconds: 30 },
      ];

export const disableReplicationSteps = (): StepSpec[] => [
  { key: "disable", name: "Disable replication", durationSeconds: 30 },
  { key: "cleanup", name: "Remove the replication data", durationSeconds: 30 },
];

// ---- infrastructure ----------------------------------------------------------------------------

/** A Resource Manager process server registers 10–15 simulated minutes after the request. */
export const deployProcessServerSteps = (): StepSpec[] => [
  { key: "validate", name: "Validate the deployment", durationSeconds: 30 },
  { key: "create-vm", name: "Create the process server virtual machine", durationSeconds: 300 },
  { key: "install", name: "Install the process server", durationSeconds: 240 },
];

/** What the Register job needs besides the passphrase (stored encrypted on the process server, never in the job). */
export type RegisterProcessServerJobInput = {
  configurationServerId: string;
  configurationServerIp: string;
  httpsPort: number;
  dataPort: number;
};

/** The second job of a failback process server: register it with the configuration server. */
export const registerProcessServerSteps = (): StepSpec[] => [
  { key: "connect", name: "Connect to the configuration server", durationSeconds: 30 },
  { key: "authenticate", name: "Validate the passphrase", durationSeconds: 30 },
  { key: "register", name: "Register with the configuration server", durationSeconds: 150 },
];

export const discoverVCenterSteps = (): StepSpec[] => [
  { key: "connect", name: "Connect to the server", durationSeconds: 30 },
  { key: "discover", name: "Discover hosts, datastores and virtual machines", durationSeconds: 120 },
];

// ---- recovery plans ----------------------------------------------------------------------------

/** The group a plan step belongs to (and, for an action, its texts); one per step, by ordinal - 1. */
export type StepRef = { group: number; name?: string; details?: string };

export type RecoveryPlanJobInput = {
  planId: string;
  params: PlanParams;
  groups: { ordinal: number; itemIds: string[] }[];
  /** One per step, by ordinal - 1: the group it belongs to (and the action's texts). */
  refs: StepRef[];
  /** Item id → the item job the plan started. */
  itemJobs: Record<string, string>;
};

/** Group by group: the pre actions, start the items' jobs, wait for them, the post actions; then finalize. */
export function recoveryPlanSteps(groups: PlanGroup[], params: PlanParams): { steps: StepSpec[]; refs: StepRef[] } {
  const command = OPERATION_COMMAND[itemOperationFor(params.operation, params.direction)];
  const steps: StepSpec[] = [];
  const refs: StepRef[] = [];
  const push = (spec: StepSpec, ref: StepRef) => {
    steps.push(spec);
    refs.push(ref);
  };
  for (const g of groups) {
    const action = (phase: PlanActionPhase) => {
      for (const a of g.actions.filter((x) => x.phase === phase)) {
        const label = `Group ${g.ordinal}: ${phase === "pre" ? "pre-step" : "post-step"} (${a.kind === "manual" ? "manual action" : "script"}) ${a.name}`;
        push(
          {
            key: a.kind === "manual" ? "manual-action" : "script-action",
            name: label,
            durationSeconds: a.kind === "manual" ? 0 : 30,
          },
          { group: g.ordinal, name: a.name, details: a.details },
        );
      }
    };
    action("pre");
    if (g.items.length) {
      push(
        {
          key: "start-group",
          name: `Group ${g.ordinal}: start ${command} of ${g.items.map((i) => i.name).join(", ")}`,
          durationSeconds: 5,
        },
        { group: g.ordinal },
      );
      push(
        {
          key: "wait-group",
          name: `Group ${g.ordinal}: ${command} of ${g.items.length} item${g.items.length === 1 ? "" : "s"}`,
          durationSeconds: 0,
        },
        { group: g.ordinal },
      );
    }
    action("post");
  }
  push({ key: "finalize", name: "Finalize the recovery plan", durationSeconds: 5 }, { group: 0 });
  return { steps, refs };
}
