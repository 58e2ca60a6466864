import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, ownedBy } from "./columns";
import { vaults } from "./vault";
import { replicatedItems } from "./replication";
import { PLAN_ACTION_KINDS, PLAN_ACTION_PHASES } from "./enums";

export const recoveryPlans = sqliteTable(
  "recovery_plans",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    name: text("name").notNull(),
    /** Source and target as the portal shows them, e.g. cs-01 and Microsoft Azure. */
    source: text("source").notNull(),
    target: text("target").notNull(),
    currentJobId: text("current_job_id"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [uniqueIndex("plan_vault_name").on(t.vaultId, t.name)],
);

export const recoveryPlanGroups = sqliteTable(
  "recovery_plan_groups",
  {
    id: id(),
    planId: ownedBy("plan_id", () => recoveryPlans.id),
    /** 1-based: Group 1 … Group N. */
    ordinal: integer("ordinal").notNull(),
  },
  (t) => [uniqueIndex("plan_group_ordinal").on(t.planId, t.ordinal)],
);

export const recoveryPlanItems = sqliteTable(
  "recovery_plan_items",
  {
    groupId: ownedBy("group_id", () => recoveryPlanGroups.id),
    replicatedItemId: ownedBy("replicated_item_id", () => replicatedItems.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.replicatedItemId] }), index("plan_items_item").on(t.replicatedItemId)],
);

export const recoveryPlanActions = sqliteTable(
  "recovery_plan_actions",
  {
    id: id(),
    groupId: ownedBy("group_id", () => recoveryPlanGroups.id),
    phase: text("phase", { enum: PLAN_ACTION_PHASES }).notNull(),
    kind: text("kind", { enum: PLAN_ACTION_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Script path, or the instructions shown for a manual action. */
    details: text("details").notNull().default(""),
    ordinal: integer("ordinal").notNull(),
  },
  (t) => [index("plan_actions_group").on(t.groupId)],
);
