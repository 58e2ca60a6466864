import { sqliteTable, text, primaryKey } from "drizzle-orm/sqlite-core";
import { timestamp, ownedBy } from "./columns";
import { vaults } from "./vault";
import { FAULTS } from "./enums";

/** Lab fault switches: the simulator consults them when it answers the domain. */
export const faultSwitches = sqliteTable(
  "fault_switches",
  {
    vaultId: ownedBy("vault_id", () => vaults.id),
    fault: text("fault", { enum: FAULTS }).notNull(),
    /** "*" for the whole fabric, or the id of the object the fault applies to. */
    targetId: text("target_id").notNull().default("*"),
    enabledAt: timestamp("enabled_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.vaultId, t.fault, t.targetId] })],
);
