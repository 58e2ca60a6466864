/**
 * Create a recovery plan: a name unique in the vault, source and target (a configuration server
 * and Microsoft Azure, either way round), and the items grouped into Group 1..N, each group with
 * optional pre/post actions (script or manual action). An item appears at most once in a plan,
 * but may belong to several plans (as in Site Recovery).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError, invalid } from "../errors";
import { CODES } from "../checks/codes";
import type { z } from "zod";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { createRecoveryPlanInput, AZURE_SITE, type CreateRecoveryPlanInput } from "./inputs";

export { createRecoveryPlanInput, AZURE_SITE, type CreateRecoveryPlanInput };

export function createRecoveryPlan(db: DbOrTx, raw: CreateRecoveryPlanInput, env?: VerbEnv): { planId: string } {
  return vaultVerb(db, createRecoveryPlanInput, raw, env, ({ tx, input, now }) => {
    const servers = tx
      .select({ name: s.configurationServers.name })
      .from(s.configurationServers)
      .where(eq(s.configurationServers.vaultId, input.vaultId))
      .all()
      .map((c) => c.name);
    const sites = [...servers, AZURE_SITE];
    if (!sites.includes(input.source)) throw invalid("source", `Unknown source '${input.source}'. Choose one of: ${sites.join(", ")}.`);
    if (!sites.includes(input.target)) throw invalid("target", `Unknown target '${input.target}'. Choose one of: ${sites.join(", ")}.`);
    if ((input.source === AZURE_SITE) === (input.target === AZURE_SITE))
      throw invalid("target", "Source and target must be a configuration server and Microsoft Azure (either way round).");

    checkPlanGroups(tx, input.vaultId, input.groups);
    assertPlanNameFree(tx, input.vaultId, input.name);

    const planId = crypto.randomUUID();
    tx.insert(s.recoveryPlans)
      .values({
        id: planId,
        vaultId: input.vaultId,
        name: input.name,
        source: input.source,
        target: input.target,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    insertPlanGroups(tx, planId, input.groups);
    return { planId };
  });
}

type PlanGroupsInput = z.output<typeof createRecoveryPlanInput>["groups"];

/** Every item known in the vault, replicated, and in one group only. */
export function checkPlanGroups(tx: DbOrTx, vaultId: string, groups: PlanGroupsInput): void {
  const ids = groups.flatMap((g) => g.itemIds);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw invalid("groups", `An item can be in only one group of a plan ('${dup}' is chosen twice).`);
  const items = tx
    .select({
      id: s.replicatedItems.id,
      name: s.replicatedItems.name,
      state: s.replicatedItems.state,
    })
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.vaultId, vaultId), inArray(s.replicatedItems.id, ids)))
    .all();
  const missing = ids.filter((id) => !items.some((i) => i.id === id));
  if (missing.length) throw invalid("groups", `Unknown replicated item${missing.length === 1 ? "" : "s"}: ${missing.join(", ")}.`);
  const disabled = items.filter((i) => i.state === "replication-disabled");
  if (disabled.length)
    throw invalid(
      "groups",
      `Replication is disabled for ${disabled.map((i) => i.name).join(", ")}; only replicated items can be in a plan.`,
    );
}

/** A plan's name is unique in its vault (`exceptPlanId`: the plan being renamed). */
export function assertPlanNameFree(tx: DbOrTx, vaultId: string, name: string, exceptPlanId?: string): void {
  const taken = tx
    .select({ id: s.recoveryPlans.id })
    .from(s.recoveryPlans)
    .where(and(eq(s.recoveryPlans.vaultId, vaultId), eq(s.recoveryPlans.name, name)))
    .get();
  if (taken && taken.id !== exceptPlanId)
    throw new DomainError("Conflict", {
      code: CODES.recoveryPlanNameInUse,
      message: `A recovery plan named ${name} already exists in this vault.`,
      recommendedAction: "Choose another name.",
      fieldErrors: {
        name: ["This name is already used by another recovery plan."],
      },
    });
}

/** Writes Group 1..N with their items and actions. */
export function insertPlanGroups(tx: DbOrTx, planId: string, groups: PlanGroupsInput): void {
  groups.forEach((g, i) => {
    const groupId = crypto.randomUUID();
    tx.insert(s.recoveryPlanGroups)
      .values({ id: groupId, planId, ordinal: i + 1 })
      .run();
    tx.insert(s.recoveryPlanItems)
      .values(g.itemIds.map((replicatedItemId) => ({ groupId, replicatedItemId })))
      .run();
    if (g.actions.length)
      tx.insert(s.recoveryPlanActions)
        .values(
          g.actions.map((a, j) => ({
            groupId,
            phase: a.phase,
            kind: a.kind,
            name: a.name,
            details: a.details,
            ordinal: j + 1,
          })),
        )
        .run();
  });
}
