import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";
import { timestamp, ownedBy } from "./columns";
import { vaults } from "./vault";
import { ROLES } from "./enums";

/** A user's role in a vault (Site Recovery's built-in roles plus Owner). */
export const vaultMembers = sqliteTable(
  "vault_members",
  {
    vaultId: ownedBy("vault_id", () => vaults.id),
    userId: ownedBy("user_id", () => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.vaultId, t.userId] }), index("vault_members_user").on(t.userId)],
);

/**
 * Server administrators: see the server-wide activity-log rows (every sign-in, CLI actions,
 * refusals outside any vault). The first administrator is one; the CLI grants and revokes it.
 */
export const serverAdmins = sqliteTable("server_admins", {
  userId: ownedBy("user_id", () => users.id).primaryKey(),
  createdAt: timestamp("created_at").notNull(),
});

/**
 * Failed sign-ins per account (normalized email, whether or not the account exists): after a few
 * in a row the account is locked for a while, doubling with every further failure.
 */
export const signInFailures = sqliteTable("sign_in_failures", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

// ---- Better Auth tables ----------------------------------------------------------------------
// Shape taken from Better Auth 1.7's drizzle generator for sqlite (core user/session/account/
// verification + rateLimit for database rate-limit storage); server/auth/schema.test.ts checks
// they still match what Better Auth expects.

const nowMs = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).default(nowMs).notNull();
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .$onUpdate(() => new Date())
    .notNull();

export const users = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).default(false).notNull(),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt().default(nowMs),
});

export const sessions = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: ownedBy("user_id", () => users.id),
  },
  (t) => [index("session_userId_idx").on(t.userId)],
);

/** Credentials: for email+password, providerId "credential" and the scrypt hash in `password`. */
export const accounts = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: ownedBy("user_id", () => users.id),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_userId_idx").on(t.userId)],
);

export const verifications = sqliteTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt().default(nowMs),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/** Sign-in rate-limit counters (Better Auth `rateLimit.storage: "database"`), so limits survive restarts. */
export const rateLimits = sqliteTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: integer("last_request").notNull(),
});

/** The model-name → table map handed to Better Auth's drizzle adapter. */
export const authSchema = { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits };
