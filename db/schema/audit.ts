import { sqliteTable, text, index } from "drizzle-orm/sqlite-core";
import { id, timestamp } from "./columns";
import { AUDIT_OUTCOMES, ROLES } from "./enums";

/** One row per mutation and per sign-in attempt; written in the same transaction as the change. */
export const auditEntries = sqliteTable(
  "audit_entries",
  {
    id: id(),
    at: timestamp("at").notNull(),
    vaultId: text("vault_id"),
    userId: text("user_id"),
    userEmail: text("user_email"),
    role: text("role", { enum: ROLES }),
    operation: text("operation").notNull(),
    target: text("target"),
    /** Input with secrets redacted. */
    inputSummary: text("input_summary"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    reason: text("reason"),
    clientIp: text("client_ip"),
  },
  (t) => [
    index("audit_at").on(t.at),
    // The Activity log reads a page in (time, id) order through these, filtered by vault (or the
    // vault-less rows of one user), operation or outcome; the CSV export walks them by cursor.
    index("audit_vault_at_id").on(t.vaultId, t.at, t.id),
    index("audit_vault_user_at").on(t.vaultId, t.userId, t.at, t.id),
    index("audit_vault_operation_at").on(t.vaultId, t.operation, t.at, t.id),
    index("audit_vault_outcome_at").on(t.vaultId, t.outcome, t.at, t.id),
  ],
);
