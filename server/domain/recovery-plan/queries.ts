import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recoveryPlanActions, recoveryPlanGroups, recoveryPlanItems, recoveryPlans, replicatedItems } from "@/db/schema";
import { notFound } from "../errors";

export function listRecoveryPlans(db: DbOrTx, vaultId: string) {
  const plans = db.select().from(recoveryPlans).where(eq(recoveryPlans.vaultId, vaultId)).orderBy(asc(recoveryPlans.name)).all();
  if (!plans.length) return [];
  const groups = db
    .select()
    .from(recoveryPlanGroups)
    .where(
      inArray(
        recoveryPlanGroups.planId,
        plans.map((p) => p.id),
      ),
    )
    .all();
  const members = groups.length
    ? db
        .select()
        .from(recoveryPlanItems)
        .where(
          inArray(
            recoveryPlanItems.groupId,
            groups.map((g) => g.id),
          ),
        )
        .all()
    : [];
  return plans.map((p) => {
    const gs = groups.filter((g) => g.planId === p.id);
    return {
      id: p.id,
      name: p.name,
      source: p.source,
      target: p.target,
      groupCount: gs.length,
      itemCount: members.filter((m) => gs.some((g) => g.id === m.groupId)).length,
      currentJobId: p.currentJobId,
    };
  });
}

export function getRecoveryPlan(db: DbOrTx, vaultId: string, planId: string) {
  const plan = db
    .select()
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.vaultId, vaultId), eq(recoveryPlans.id, planId)))
    .get();
  if (!plan) throw notFound("Recovery plan", planId);
  const groups = db
    .select()
    .from(recoveryPlanGroups)
    .where(eq(recoveryPlanGroups.planId, plan.id))
    .orderBy(asc(recoveryPlanGroups.ordinal))
    .all();
  const groupIds = groups.map((g) => g.id);
  const members = groupIds.length
    ? db
        .select({
          groupId: recoveryPlanItems.groupId,
          id: replicatedItems.id,
          name: replicatedItems.name,
          state: replicatedItems.state,
          activeLocation: replicatedItems.activeLocation,
          replicationDirection: replicatedItems.replicationDirection,
        })
        .from(recoveryPlanItems)
        .innerJoin(replicatedItems, eq(replicatedItems.id, recoveryPlanItems.replicatedItemId))
        .where(inArray(recoveryPlanItems.groupId, groupIds))
        .orderBy(asc(replicatedItems.name))
        .all()
    : [];
  const actions = groupIds.length
    ? db
        .select()
        .from(recoveryPlanActions)
        .where(inArray(recoveryPlanActions.groupId, groupIds))
        .orderBy(asc(recoveryPlanActions.ordinal))
        .all()
    : [];
  return {
    ...plan,
    groups: groups.map((g) => ({
      id: g.id,
      ordinal: g.ordinal,
      items: members.filter((m) => m.groupId === g.id),
      actions: actions.filter((a) => a.groupId === g.id),
    })),
  };
}
