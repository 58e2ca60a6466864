/** The routes of the automation API, after `/subscriptions/…/vaults/{vault}`; `{x}` is a parameter. */
import type { ArmContext } from "../context";
import { operationResult, operationStatus } from "../operations";
import { getContainer, getFabric, listContainers, listFabricContainers, listFabrics } from "./fabrics";
import {
  applyRecoveryPoint,
  disableProtection,
  failoverCommit,
  getItem,
  getItemResource,
  getRecoveryPoint,
  listContainerItems,
  listRecoveryPoints,
  listVaultItems,
  reprotect,
  testFailover,
  testFailoverCleanup,
  unplannedFailover,
} from "./items";
import { createPolicy, getPolicy, listPolicies } from "./policies";
import { getJob, jobAction, listJobs } from "./jobs";
import {
  createPlan,
  deletePlan,
  getPlan,
  getPlanResource,
  listPlans,
  planFailoverCommit,
  planReprotect,
  planTestFailover,
  planTestFailoverCleanup,
  planUnplannedFailover,
} from "./plans";

export type Route = {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  pattern: string[];
  /** The SDK operation group and method it serves (docs/api.md and /openapi.json list them). */
  operationId: string;
  /** Status polling of a long-running operation (not logged per call). */
  poll?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler names its own params
  handle: (ctx: ArmContext, params: any) => Promise<Response>;
};

const F = ["replicationFabrics", "{fabric}"];
const C = [...F, "replicationProtectionContainers", "{container}"];
const I = [...C, "replicationProtectedItems", "{item}"];

/** The resource a finished job worked on, for the LRO result endpoint. */
async function jobResource(ctx: ArmContext, job: { targetType: string; targetId: string }): Promise<unknown | null> {
  if (job.targetType === "replicated-item") return getItemResource(ctx, job.targetId);
  if (job.targetType === "recovery-plan") return getPlanResource(ctx, job.targetId);
  return null;
}

export const ROUTES: Route[] = [
  { method: "GET", pattern: ["replicationFabrics"], operationId: "ReplicationFabrics_List", handle: listFabrics },
  { method: "GET", pattern: F, operationId: "ReplicationFabrics_Get", handle: getFabric },
  {
    method: "GET",
    pattern: [...F, "replicationProtectionContainers"],
    operationId: "ReplicationProtectionContainers_ListByReplicationFabrics",
    handle: listFabricContainers,
  },
  { method: "GET", pattern: C, operationId: "ReplicationProtectionContainers_Get", handle: getContainer },
  {
    method: "GET",
    pattern: ["replicationProtectionContainers"],
    operationId: "ReplicationProtectionContainers_List",
    handle: listContainers,
  },
  { method: "GET", pattern: ["replicationProtectedItems"], operationId: "ReplicationProtectedItems_List", handle: listVaultItems },
  {
    method: "GET",
    pattern: [...C, "replicationProtectedItems"],
    operationId: "ReplicationProtectedItems_ListByReplicationProtectionContainers",
    handle: listContainerItems,
  },
  { method: "GET", pattern: I, operationId: "ReplicationProtectedItems_Get", handle: getItem },
  {
    method: "GET",
    pattern: [...I, "recoveryPoints"],
    operationId: "RecoveryPoints_ListByReplicationProtectedItems",
    handle: listRecoveryPoints,
  },
  { method: "GET", pattern: [...I, "recoveryPoints", "{point}"], operationId: "RecoveryPoints_Get", handle: getRecoveryPoint },
  { method: "POST", pattern: [...I, "reProtect"], operationId: "ReplicationProtectedItems_Reprotect", handle: reprotect },
  {
    method: "POST",
    pattern: [...I, "unplannedFailover"],
    operationId: "ReplicationProtectedItems_UnplannedFailover",
    handle: unplannedFailover,
  },
  { method: "POST", pattern: [...I, "failoverCommit"], operationId: "ReplicationProtectedItems_FailoverCommit", handle: failoverCommit },
  { method: "POST", pattern: [...I, "testFailover"], operationId: "ReplicationProtectedItems_TestFailover", handle: testFailover },
  {
    method: "POST",
    pattern: [...I, "testFailoverCleanup"],
    operationId: "ReplicationProtectedItems_TestFailoverCleanup",
    handle: testFailoverCleanup,
  },
  {
    method: "POST",
    pattern: [...I, "applyRecoveryPoint"],
    operationId: "ReplicationProtectedItems_ApplyRecoveryPoint",
    handle: applyRecoveryPoint,
  },
  { method: "POST", pattern: [...I, "remove"], operationId: "ReplicationProtectedItems_Delete", handle: disableProtection },
  { method: "DELETE", pattern: I, operationId: "ReplicationProtectedItems_Purge", handle: disableProtection },
  { method: "GET", pattern: ["replicationPolicies"], operationId: "ReplicationPolicies_List", handle: listPolicies },
  { method: "GET", pattern: ["replicationPolicies", "{policy}"], operationId: "ReplicationPolicies_Get", handle: getPolicy },
  { method: "PUT", pattern: ["replicationPolicies", "{policy}"], operationId: "ReplicationPolicies_Create", handle: createPolicy },
  { method: "GET", pattern: ["replicationRecoveryPlans"], operationId: "ReplicationRecoveryPlans_List", handle: listPlans },
  { method: "GET", pattern: ["replicationRecoveryPlans", "{plan}"], operationId: "ReplicationRecoveryPlans_Get", handle: getPlan },
  { method: "PUT", pattern: ["replicationRecoveryPlans", "{plan}"], operationId: "ReplicationRecoveryPlans_Create", handle: createPlan },
  { method: "DELETE", pattern: ["replicationRecoveryPlans", "{plan}"], operationId: "ReplicationRecoveryPlans_Delete", handle: deletePlan },
  {
    method: "POST",
    pattern: ["replicationRecoveryPlans", "{plan}", "testFailover"],
    operationId: "ReplicationRecoveryPlans_TestFailover",
    handle: planTestFailover,
  },
  {
    method: "POST",
    pattern: ["replicationRecoveryPlans", "{plan}", "testFailoverCleanup"],
    operationId: "ReplicationRecoveryPlans_TestFailoverCleanup",
    handle: planTestFailoverCleanup,
  },
  {
    method: "POST",
    pattern: ["replicationRecoveryPlans", "{plan}", "unplannedFailover"],
    operationId: "ReplicationRecoveryPlans_UnplannedFailover",
    handle: planUnplannedFailover,
  },
  {
    method: "POST",
    pattern: ["replicationRecoveryPlans", "{plan}", "failoverCommit"],
    operationId: "ReplicationRecoveryPlans_FailoverCommit",
    handle: planFailoverCommit,
  },
  {
    method: "POST",
    pattern: ["replicationRecoveryPlans", "{plan}", "reProtect"],
    operationId: "ReplicationRecoveryPlans_Reprotect",
    handle: planReprotect,
  },
  { method: "GET", pattern: ["replicationJobs"], operationId: "ReplicationJobs_List", handle: listJobs },
  { method: "GET", pattern: ["replicationJobs", "{job}"], operationId: "ReplicationJobs_Get", handle: getJob },
  { method: "POST", pattern: ["replicationJobs", "{job}", "cancel"], operationId: "ReplicationJobs_Cancel", handle: jobAction("cancel") },
  {
    method: "POST",
    pattern: ["replicationJobs", "{job}", "restart"],
    operationId: "ReplicationJobs_Restart",
    handle: jobAction("restart"),
  },
  { method: "POST", pattern: ["replicationJobs", "{job}", "resume"], operationId: "ReplicationJobs_Resume", handle: jobAction("resume") },
  {
    method: "GET",
    pattern: ["replicationOperationStatus", "{job}"],
    operationId: "OperationStatus_Get",
    poll: true,
    handle: (ctx, p: { job: string }) => operationStatus(ctx, p.job),
  },
  {
    method: "GET",
    pattern: ["replicationOperationResults", "{job}"],
    operationId: "OperationResults_Get",
    poll: true,
    handle: (ctx, p: { job: string }) => operationResult(ctx, p.job, (job) => jobResource(ctx, job)),
  },
];
