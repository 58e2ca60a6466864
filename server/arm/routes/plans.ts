/**
 * replicationRecoveryPlans: list, get, create (PUT), and the plan operations as long-running
 * operations (testFailover, testFailoverCleanup, unplannedFailover, failoverCommit, reProtect),
 * each the portal's own plan verb (which runs every item's verb, group by group).
 */
import { z } from "zod";
import { AZURE_SITE } from "@/server/domain/recovery-plan/inputs";
import { runVerb, type ArmContext, type Vault } from "../context";
import { ArmError, badRequest, resourceNotFound } from "../errors";
import { planCommitDirection } from "@/server/domain/recovery-plan/inputs";
import { armId, armText, failoverDirection, instanceTypeOf, parseBody, testFailoverCleanupBody, withProperties } from "../body";
import { fabricPath, itemPath, nameOf, planPath, TYPES } from "../models";
import { json, page } from "../respond";
import { startOnce } from "../operations";

type PlanDetails = Awaited<ReturnType<ArmContext["caller"]["plans"]["get"]>>;

/** A plan by its name (the ARM resource name) or its id. */
export async function findPlan(ctx: ArmContext, name: string) {
  const n = name.toLowerCase();
  const p = (await ctx.caller.plans.list({ vaultId: ctx.vault.id })).find((x) => x.name.toLowerCase() === n || x.id.toLowerCase() === n);
  if (!p) throw resourceNotFound("recovery plan", name);
  return p;
}

function planModel(v: Vault, p: PlanDetails, csIds: Map<string, string>) {
  const fabricOf = (site: string) => (site === AZURE_SITE ? "Microsoft Azure" : fabricPath(v, csIds.get(site) ?? site));
  return {
    id: planPath(v, p.name),
    name: p.name,
    type: TYPES.plan,
    location: v.region,
    properties: {
      friendlyName: p.name,
      primaryFabricId: fabricOf(p.source),
      primaryFabricFriendlyName: p.source,
      recoveryFabricId: fabricOf(p.target),
      recoveryFabricFriendlyName: p.target,
      failoverDeploymentModel: "ResourceManager",
      replicationProviders: ["InMageAzureV2"],
      allowedOperations: p.currentJobId
        ? []
        : ["TestFailover", "TestFailoverCleanup", "UnplannedFailover", "FailoverCommit", "ReverseReplicate"],
      currentScenarioStatus: p.currentJobId ? "InProgress" : "Succeeded",
      currentScenario: p.currentJobId ? { scenarioName: "RecoveryPlanOperation", jobId: p.currentJobId } : undefined,
      groups: p.groups.map((g) => ({
        groupType: "Boot",
        replicationProtectedItems: g.items.map((i) => ({ id: itemPath(v, i.configurationServerId, i.id), virtualMachineId: i.name })),
        startGroupActions: g.actions
          .filter((a: { phase: string }) => a.phase === "pre")
          .map((a: { name: string; kind: string }) => ({
            actionName: a.name,
            failoverTypes: [],
            failoverDirections: [],
            customDetails: { instanceType: a.kind === "script" ? "ScriptActionDetails" : "ManualActionDetails" },
          })),
        endGroupActions: g.actions
          .filter((a: { phase: string }) => a.phase === "post")
          .map((a: { name: string; kind: string }) => ({
            actionName: a.name,
            failoverTypes: [],
            failoverDirections: [],
            customDetails: { instanceType: a.kind === "script" ? "ScriptActionDetails" : "ManualActionDetails" },
          })),
      })),
    },
  };
}

/** Configuration server ids by name (a plan's sites are named). */
async function serverIds(ctx: ArmContext) {
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  return new Map(servers.map((s) => [s.name, s.id]));
}

/** The plan as a resource (also the LRO result of a plan operation). */
export async function getPlanResource(ctx: ArmContext, planId: string) {
  const p = await ctx.caller.plans.get({ vaultId: ctx.vault.id, planId });
  return planModel(ctx.vault, p, await serverIds(ctx));
}

export async function listPlans(ctx: ArmContext) {
  const plans = await ctx.caller.plans.list({ vaultId: ctx.vault.id });
  const csIds = await serverIds(ctx);
  const value = [];
  for (const p of plans) value.push(planModel(ctx.vault, await ctx.caller.plans.get({ vaultId: ctx.vault.id, planId: p.id }), csIds));
  return page(value);
}

export async function getPlan(ctx: ArmContext, p: { plan: string }) {
  return json(await getPlanResource(ctx, (await findPlan(ctx, p.plan)).id));
}

export const createBody = z
  .object({
    properties: z
      .object({
        primaryFabricId: armId("Name the primary fabric (primaryFabricId)."),
        recoveryFabricId: armId("Name the recovery fabric (recoveryFabricId)."),
        failoverDeploymentModel: armText.optional(),
        groups: z
          .array(
            z
              .object({
                groupType: z.enum(["Shutdown", "Boot", "Failover"], {
                  error: () => "Expected 'Shutdown', 'Boot' or 'Failover' (exact case).",
                }),
                replicationProtectedItems: z
                  .array(z.object({ id: armId(), virtualMachineId: armText.optional() }).passthrough())
                  .optional(),
              })
              .passthrough(),
          )
          .min(1, "A recovery plan needs at least one group."),
      })
      .passthrough(),
  })
  .passthrough();

/**
 * PUT replicationRecoveryPlans/{name}: the fabrics are a configuration server and Microsoft Azure
 * (either way round); groups of type Boot become the plan's groups, in order (Shutdown and Failover
 * groups hold no items in Site Recovery and are ignored when empty).
 */
export async function createPlan(ctx: ArmContext, p: { plan: string }) {
  const props = parseBody(createBody, ctx.body, "").properties;
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  const site = (fabricId: string, target: string) => {
    const n = nameOf(fabricId).toLowerCase();
    if (n === "microsoft azure" || n === "azure") return AZURE_SITE;
    const cs = servers.find((s) => s.id.toLowerCase() === n || s.name.toLowerCase() === n);
    if (!cs) throw badRequest("InvalidInput", `No fabric '${fabricId}': use a configuration server's fabric or 'Microsoft Azure'.`, target);
    return cs.name;
  };
  const groups = props.groups
    .filter((g) => g.replicationProtectedItems?.length)
    .map((g) => {
      if (g.groupType !== "Boot")
        throw badRequest("InvalidInput", `Protected items belong in Boot groups, not ${g.groupType}.`, "properties.groups");
      return { itemIds: g.replicationProtectedItems!.map((i) => nameOf(i.id)) };
    });
  const { planId } = await runVerb(ctx, () =>
    ctx.caller.plans.create({
      vaultId: ctx.vault.id,
      name: p.plan,
      source: site(props.primaryFabricId, "properties.primaryFabricId"),
      target: site(props.recoveryFabricId, "properties.recoveryFabricId"),
      groups,
    }),
  );
  return json(await getPlanResource(ctx, planId));
}

/**
 * DELETE a plan: the portal's own delete verb (refused with 409 while a plan job runs). As ARM does,
 * 200 when the plan was deleted and 204 when there is no such plan, so a repeated DELETE succeeds.
 */
export async function deletePlan(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan).catch((e: unknown) => {
    if (e instanceof ArmError && e.status === 404) return null;
    throw e;
  });
  if (!plan) return new Response(null, { status: 204 });
  await runVerb(ctx, () => ctx.caller.plans.delete({ vaultId: ctx.vault.id, planId: plan.id }));
  return new Response(null, { status: 200 });
}

const PLAN_POINT = {
  Latest: "latest",
  LatestProcessed: "latest-processed",
  LatestApplicationConsistent: "latest-app-consistent",
  LatestTag: "latest-tag",
} as const;
export const planProviderDetails = z
  .array(
    z
      .object({
        instanceType: armText,
        recoveryPointType: z.enum(["Latest", "LatestProcessed", "LatestApplicationConsistent", "LatestTime", "LatestTag"]).optional(),
      })
      .passthrough(),
  )
  .optional();

/** The plan's recovery point from RecoveryPlanInMageAzureV2FailoverInput / RecoveryPlanInMageFailoverInput. */
function planPoint(details: z.output<typeof planProviderDetails>): (typeof PLAN_POINT)[keyof typeof PLAN_POINT] | undefined {
  const d = details?.[0];
  if (!d) return undefined;
  instanceTypeOf(d, ["InMageAzureV2", "InMage"], "properties.providerSpecificDetails[0]");
  if (d.recoveryPointType === "LatestTime") return "latest";
  return d.recoveryPointType ? PLAN_POINT[d.recoveryPointType] : undefined;
}

export const failoverBody = withProperties(
  z
    .object({
      failoverDirection: failoverDirection,
      sourceSiteOperations: armText.optional(),
      providerSpecificDetails: planProviderDetails,
    })
    .passthrough(),
).required({ properties: true });

/** unplannedFailover: PrimaryToRecovery fails over to Azure; RecoveryToPrimary fails back (or InMage provider details say so). */
export async function planUnplannedFailover(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan);
  const props = parseBody(failoverBody, ctx.body).properties;
  const back = props.failoverDirection === "RecoveryToPrimary" || props.providerSpecificDetails?.[0]?.instanceType === "InMage";
  const recoveryPoint = planPoint(props.providerSpecificDetails);
  return startOnce(ctx, `planFailover:${plan.id}`, () =>
    ctx.caller.plans.failover({
      vaultId: ctx.vault.id,
      planId: plan.id,
      direction: back ? "to-on-premises" : "to-azure",
      ...(recoveryPoint ? { recoveryPoint } : {}),
    }),
  );
}

export const testFailoverBody = withProperties(
  z
    .object({
      failoverDirection: failoverDirection,
      networkType: armText,
      networkId: armId("Name the Azure network for the test failover (networkId)."),
      providerSpecificDetails: planProviderDetails,
    })
    .passthrough(),
).required({ properties: true });

export async function planTestFailover(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan);
  const props = parseBody(testFailoverBody, ctx.body).properties;
  const recoveryPoint = planPoint(props.providerSpecificDetails);
  if (recoveryPoint === "latest-tag")
    throw badRequest(
      "InvalidInput",
      "LatestTag is a recovery point of the failback only.",
      "properties.providerSpecificDetails[0].recoveryPointType",
    );
  return startOnce(ctx, `planTestFailover:${plan.id}`, () =>
    ctx.caller.plans.testFailover({
      vaultId: ctx.vault.id,
      planId: plan.id,
      networkId: nameOf(props.networkId),
      ...(recoveryPoint ? { recoveryPoint } : {}),
    }),
  );
}

export async function planTestFailoverCleanup(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan);
  const props = parseBody(testFailoverCleanupBody, ctx.body).properties ?? {};
  return startOnce(ctx, `planTestFailoverCleanup:${plan.id}`, () =>
    ctx.caller.plans.cleanupTestFailover({ vaultId: ctx.vault.id, planId: plan.id, notes: props.comments }),
  );
}

export async function planFailoverCommit(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan);
  return startOnce(ctx, `planCommit:${plan.id}`, async () => {
    const { groups } = await ctx.caller.plans.get({ vaultId: ctx.vault.id, planId: plan.id });
    const direction = planCommitDirection(groups.flatMap((g) => g.items));
    return ctx.caller.plans.commit({ vaultId: ctx.vault.id, planId: plan.id, direction });
  });
}

export const reprotectBody = z
  .object({ properties: z.object({ providerSpecificDetails: z.unknown().optional() }).passthrough().optional() })
  .passthrough();

/**
 * reProtect. The SDK sends no body: the direction follows the plan's items (committed in Azure ⇒
 * to on-premises, committed on-premises ⇒ to Azure) and the servers are the defaults the portal's
 * Re-protect dialog proposes for the plan (ones every machine's Re-protect accepts). A client may send
 * `{ properties: { providerSpecificDetails: InMageReprotectInput | InMageAzureV2ReprotectInput } }` to choose.
 */
export async function planReprotect(ctx: ArmContext, p: { plan: string }) {
  const plan = await findPlan(ctx, p.plan);
  const details = parseBody(reprotectBody, ctx.body ?? {}, "").properties?.providerSpecificDetails as Record<string, string> | undefined;
  const type = instanceTypeOf(details, ["InMage", "InMageAzureV2"], "properties.providerSpecificDetails");
  const full = await ctx.caller.plans.get({ vaultId: ctx.vault.id, planId: plan.id });
  const first = full.groups.flatMap((g) => g.items)[0];
  if (!first) throw new ArmError(409, "OperationNotAllowed", `The recovery plan ${plan.name} has no items.`);
  const toOnPremises = type ? type === "InMage" : first.activeLocation === "azure";
  if (toOnPremises) {
    // Omitted values take the plan's proposals: ones every machine's Re-protect accepts.
    const o = await ctx.caller.plans.reprotectOptions({ vaultId: ctx.vault.id, planId: plan.id });
    const pick = (given: string | undefined, fallback: string | null) => (given ? nameOf(given) : (fallback ?? ""));
    return startOnce(ctx, `planReprotect:${plan.id}`, () =>
      ctx.caller.plans.reprotect({
        vaultId: ctx.vault.id,
        planId: plan.id,
        direction: "to-on-premises",
        processServerId: pick(details?.processServerId, o.defaults.processServerId),
        masterTargetId: pick(details?.masterTargetId, o.defaults.masterTargetId),
        accountId: pick(details?.runAsAccountId, o.defaults.accountId),
        datastoreId: pick(details?.datastoreName, o.defaults.datastoreId),
        retentionVolumeId: pick(details?.retentionDrive, o.defaults.retentionVolumeId),
      }),
    );
  }
  // An omitted process server takes the first one every machine's Re-protect accepts.
  const o = await ctx.caller.plans.reprotectToAzureOptions({ vaultId: ctx.vault.id, planId: plan.id });
  const processServerId = details?.processServerId ? nameOf(details.processServerId) : o.defaults.processServerId;
  return startOnce(ctx, `planReprotect:${plan.id}`, () =>
    ctx.caller.plans.reprotect({ vaultId: ctx.vault.id, planId: plan.id, direction: "to-azure", processServerId }),
  );
}
