import { sqliteTable, text, real, integer } from "drizzle-orm/sqlite-core";
import { id, timestamp } from "./columns";

export const vaults = sqliteTable("vaults", {
  id: id(),
  name: text("name").notNull().unique(),
  subscriptionName: text("subscription_name").notNull(),
  subscriptionId: text("subscription_id").notNull(),
  resourceGroup: text("resource_group").notNull(),
  region: text("region").notNull(),
  createdAt: timestamp("created_at").notNull(),
});

/** The simulated clock and speed of a vault's fabric; one row per vault. */
export const simulationSettings = sqliteTable("simulation_settings", {
  vaultId: text("vault_id")
    .primaryKey()
    .references(() => vaults.id, { onDelete: "cascade" }),
  /** Simulated seconds per real second. */
  speed: real("speed").notNull().default(60),
  /** Simulated "now" at the last tick, epoch ms. */
  simNow: integer("sim_now").notNull(),
  /** Real time of the last tick, epoch ms. */
  realAt: integer("real_at").notNull(),
  /** Simulated time up to which the replication simulation has run (server/domain/replication). */
  replicationSimulatedAt: integer("replication_simulated_at"),
});
