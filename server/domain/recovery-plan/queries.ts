import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recoveryPlanGroups, recoveryPlanItems, recoveryPlans } from "@/db/schema";
import { loadPlan } from "./common";

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
  const { plan, groups } = loadPlan(db, vaultId, planId);
  return {
    ...plan,
    groups: groups.map((g) => ({
      id: g.id,
      ordinal: g.ordinal,
      items: g.items.map((i) => ({
        groupId: g.id,
        id: i.id,
        name: i.name,
        configurationServerId: i.configurationServerId,
        state: i.state,
        activeLocation: i.activeLocation,
        replicationDirection: i.replicationDirection,
      })),
      actions: g.actions,
    })),
  };
}
