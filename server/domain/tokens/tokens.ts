/**
 * Personal access tokens for the automation API. A token is `fbp_` + 32 random bytes (base64url);
 * only its SHA-256 hash is stored, so the token is shown once, when it is created. A token acts
 * as its user: the user's role in each vault applies to every call. Tokens expire (1–365 days)
 * and can be revoked; an expired or revoked token is refused like an unknown one.
 */
import crypto from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import { parseInput } from "../validation";
import { createTokenInput, revokeTokenInput, type CreateTokenInput, type RevokeTokenInput } from "./inputs";

export { createTokenInput, revokeTokenInput, type CreateTokenInput, type RevokeTokenInput };

export const TOKEN_PREFIX = "fbp_";
const DAY_MS = 24 * 3600 * 1000;
/** How stale `lastUsedAt` may get before a call writes it again (one write a minute per token at most). */
const LAST_USED_GRANULARITY_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: "active" | "expired" | "revoked";
};

function view(row: typeof apiTokens.$inferSelect, now: Date): TokenView {
  const status = row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    status,
  };
}

/** Creates a token for `userId`; the answer is the only place the token itself ever appears. */
export function createToken(db: DbOrTx, userId: string, raw: CreateTokenInput, now = new Date()): { token: string } & TokenView {
  const input = parseInput(createTokenInput, raw);
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get())
    throw new DomainError("NotFound", { code: CODES.notFound, message: "The user was not found." });
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = {
    id: crypto.randomUUID(),
    userId,
    name: input.name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.days * DAY_MS),
    lastUsedAt: null,
    revokedAt: null,
  };
  db.insert(apiTokens).values(row).run();
  return { token, ...view(row, now) };
}

/** The user's tokens, newest first (never the hash). */
export function listTokens(db: DbOrTx, userId: string, now = new Date()): TokenView[] {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .all()
    .map((r) => view(r, now));
}

/** Revokes one of the user's own tokens (revoking twice is harmless). */
export function revokeToken(db: DbOrTx, userId: string, raw: RevokeTokenInput, now = new Date()): TokenView {
  const input = parseInput(revokeTokenInput, raw);
  const row = db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, userId)))
    .get();
  if (!row) throw new DomainError("NotFound", { code: CODES.notFound, message: `Token '${input.tokenId}' was not found.` });
  if (!row.revokedAt) db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return view({ ...row, revokedAt: row.revokedAt ?? now }, now);
}

export type TokenUser = { id: string; email: string; name: string; tokenId: string };

/**
 * The user a presented token stands for, or null (unknown, expired or revoked: the caller cannot
 * tell which, and neither can anyone probing). Records when the token was last used.
 */
export function verifyToken(db: DbOrTx, token: string, now = new Date()): TokenUser | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = db
    .select({ token: apiTokens, user: { id: users.id, email: users.email, name: users.name } })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  if (!row || row.token.revokedAt || row.token.expiresAt.getTime() <= now.getTime()) return null;
  const last = row.token.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - last >= LAST_USED_GRANULARITY_MS)
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id)).run();
  return { ...row.user, tokenId: row.token.id };
}
