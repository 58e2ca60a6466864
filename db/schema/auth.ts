import { sqliteTable, text, primaryKey } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";
import { vaults } from "./vault";

export type Role = "owner" | "contributor" | "operator" | "reader";

/** A user's role in a vault (Site Recovery's built-in roles plus Owner). */
export const vaultMembers = sqliteTable(
  "vault_members",
  {
    vaultId: text("vault_id")
      .notNull()
      .references(() => vaults.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    role: text("role").$type<Role>().notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.vaultId, t.userId] })],
);
