/** replicationPolicies: list, get, create (each creates its read-only failback policy, as in the portal). */
import { z } from "zod";
import { runVerb, type ArmContext } from "../context";
import { badRequest, resourceNotFound } from "../errors";
import { armText, instanceTypeOf, parseBody } from "../body";
import { policyModel } from "../models";
import { json, page } from "../respond";

async function policies(ctx: ArmContext) {
  return ctx.caller.policies.list({ vaultId: ctx.vault.id });
}

/** A policy by its name (the ARM resource name) or its id. */
export async function findPolicy(ctx: ArmContext, name: string) {
  const n = name.toLowerCase();
  const p = (await policies(ctx)).find((x) => x.name.toLowerCase() === n || x.id.toLowerCase() === n);
  if (!p) throw resourceNotFound("replication policy", name);
  return p;
}

export async function listPolicies(ctx: ArmContext) {
  return page((await policies(ctx)).map((p) => policyModel(ctx.vault, p)));
}

export async function getPolicy(ctx: ArmContext, p: { policy: string }) {
  return json(policyModel(ctx.vault, await findPolicy(ctx, p.policy)));
}

export const createBody = z.object({ properties: z.object({ providerSpecificInput: z.unknown() }).passthrough() }).passthrough();
export const inMageAzureV2Policy = z
  .object({
    instanceType: z.literal("InMageAzureV2"),
    recoveryPointThresholdInMinutes: z.number().int().optional(),
    recoveryPointHistory: z.number().int().min(0).optional(),
    crashConsistentFrequencyInMinutes: z.number().int().optional(),
    appConsistentFrequencyInMinutes: z.number().int().optional(),
    multiVmSyncStatus: z.enum(["Enable", "Disable"], { error: () => "Expected 'Enable' or 'Disable' (exact case)." }),
    /** Not an SDK field: the configuration server to associate, when the vault has several. */
    configurationServerId: armText.optional(),
  })
  .passthrough();

/**
 * PUT replicationPolicies/{name} with InMageAzureV2PolicyInput. recoveryPointHistory is in minutes
 * (whole hours here); the configuration server is the vault's only one unless named.
 */
export async function createPolicy(ctx: ArmContext, p: { policy: string }) {
  const body = parseBody(createBody, ctx.body, "");
  const details = body.properties.providerSpecificInput;
  if (!instanceTypeOf(details, ["InMageAzureV2"], "properties.providerSpecificInput"))
    throw badRequest(
      "InvalidInput",
      "properties.providerSpecificInput (InMageAzureV2PolicyInput) is required.",
      "properties.providerSpecificInput",
    );
  const d = parseBody(inMageAzureV2Policy, details, "properties.providerSpecificInput");
  const history = d.recoveryPointHistory ?? 24 * 60;
  if (history % 60 !== 0)
    throw badRequest(
      "InvalidInput",
      "recoveryPointHistory is kept in whole hours: give a multiple of 60 minutes.",
      "properties.providerSpecificInput.recoveryPointHistory",
    );
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  const cs = d.configurationServerId
    ? servers.find((s) => s.id.toLowerCase() === d.configurationServerId!.toLowerCase())
    : servers.length === 1
      ? servers[0]
      : undefined;
  if (!cs)
    throw badRequest(
      "InvalidInput",
      d.configurationServerId
        ? `No configuration server '${d.configurationServerId}' in this vault.`
        : `The vault has ${servers.length} configuration servers: name one in providerSpecificInput.configurationServerId.`,
      "properties.providerSpecificInput.configurationServerId",
    );
  const { policyId } = await runVerb(ctx, () =>
    ctx.caller.policies.create({
      vaultId: ctx.vault.id,
      configurationServerId: cs.id,
      name: p.policy,
      rpoThresholdMinutes: d.recoveryPointThresholdInMinutes ?? 15,
      retentionHours: history / 60,
      appConsistentFrequencyMinutes: d.appConsistentFrequencyInMinutes ?? 60,
      multiVmConsistency: d.multiVmSyncStatus === "Enable",
    }),
  );
  return json(policyModel(ctx.vault, await findPolicy(ctx, policyId)), 200);
}
