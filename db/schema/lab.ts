import { sqliteTable, text, primaryKey } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";
import { vaults } from "./vault";

export const FAULTS = [
  "process-server-heartbeat-lost",
  "vcenter-account-read-only",
  "vm-has-snapshots",
  "free-esxi-license",
  "vpn-down",
  "vm-missing-from-cs-database",
  "datastore-unreachable-from-mt-host",
  "mt-disk-enableuuid-false",
  "mt-storage-vmotioned",
  "mt-missing-xfs-reiserfs-packages",
  "process-server-cannot-reach-cs",
] as const;
export type FaultKey = (typeof FAULTS)[number];

/** Lab fault switches: the simulator consults them when it answers the domain. */
export const faultSwitches = sqliteTable(
  "fault_switches",
  {
    vaultId: text("vault_id")
      .notNull()
      .references(() => vaults.id, { onDelete: "cascade" }),
    fault: text("fault").$type<FaultKey>().notNull(),
    /** "*" for the whole fabric, or the id of the object the fault applies to. */
    targetId: text("target_id").notNull().default("*"),
    enabledAt: timestamp("enabled_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.vaultId, t.fault, t.targetId] })],
);
