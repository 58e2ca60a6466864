import { sqliteTable, text, index } from "drizzle-orm/sqlite-core";
import { timestamp, ownedBy } from "./columns";
import { users } from "./auth";

/**
 * Personal access tokens for the automation API (Authorization: Bearer). Only a SHA-256 hash of
 * the token is stored (tokens are 256-bit random, so a fast hash is enough); the token itself is
 * shown once, when it is created.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: ownedBy("user_id", () => users.id),
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, so a user can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);
