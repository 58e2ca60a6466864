import { and, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, sessions, users, vaultMembers, vaults } from "@/db/schema";
import { DomainError, notFound } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { requireVault } from "@/server/domain/vault/queries";
import type { Role } from "./roles";

/** What a member looks like to the portal: never the password hash or sessions. */
export type Member = { userId: string; name: string; email: string; role: Role; createdAt: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers(db: DbOrTx): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(db: DbOrTx, email: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

export function memberRole(db: DbOrTx, vaultId: string, userId: string): Role | null {
  return (
    db
      .select({ role: vaultMembers.role })
      .from(vaultMembers)
      .where(and(eq(vaultMembers.vaultId, vaultId), eq(vaultMembers.userId, userId)))
      .get()?.role ?? null
  );
}

/** The highest role the user holds in any vault (for procedures that are not vault-scoped). */
export function highestRole(db: DbOrTx, userId: string): Role | null {
  const rows = db.select({ role: vaultMembers.role }).from(vaultMembers).where(eq(vaultMembers.userId, userId)).all();
  const order: Role[] = ["owner", "contributor", "operator", "reader"];
  return order.find((r) => rows.some((x) => x.role === r)) ?? null;
}

export function listMembers(db: DbOrTx, vaultId: string): Member[] {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: vaultMembers.role, createdAt: vaultMembers.createdAt })
    .from(vaultMembers)
    .innerJoin(users, eq(users.id, vaultMembers.userId))
    .where(eq(vaultMembers.vaultId, vaultId))
    .orderBy(users.name)
    .all();
}

const emailTaken = (email: string) =>
  new DomainError("Conflict", {
    code: CODES.userExists,
    message: `A user with the email ${email} already exists.`,
    recommendedAction: "Change that user's role instead, or use another email.",
    fieldErrors: { email: ["A user with this email already exists."] },
  });

/** Inserts a user and its email+password credential the way Better Auth stores them. */
export function insertUser(tx: DbOrTx, input: { name: string; email: string; passwordHash: string }, now = new Date()): string {
  const email = normalizeEmail(input.email);
  if (findUserByEmail(tx, email)) throw emailTaken(email);
  const userId = crypto.randomUUID();
  tx.insert(users).values({ id: userId, name: input.name.trim(), email, emailVerified: false, createdAt: now, updatedAt: now }).run();
  tx.insert(accounts)
    .values({
      id: crypto.randomUUID(),
      accountId: userId,
      providerId: "credential",
      userId,
      password: input.passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  return userId;
}

export const alreadyInitialized = () =>
  new DomainError("Forbidden", {
    code: CODES.alreadyInitialized,
    message: "The first administrator already exists.",
    recommendedAction: "Sign in, or ask an Owner to add you.",
  });

/**
 * First run: creates the first user as Owner of every vault. Refuses once any user exists, so it
 * can never be used to take over a configured portal. Call inside a transaction.
 */
export function createFirstAdministrator(
  tx: DbOrTx,
  input: { name: string; email: string; passwordHash: string },
  now = new Date(),
): string {
  if (countUsers(tx) > 0) throw alreadyInitialized();
  const userId = insertUser(tx, input, now);
  const all = tx.select({ id: vaults.id }).from(vaults).all();
  if (all.length > 0)
    tx.insert(vaultMembers)
      .values(all.map((v) => ({ vaultId: v.id, userId, role: "owner" as const, createdAt: now })))
      .run();
  return userId;
}

/** Adds a new user to a vault with a role (Users page / CLI). */
export function addUser(
  tx: DbOrTx,
  input: { vaultId: string; name: string; email: string; passwordHash: string; role: Role },
  now = new Date(),
): string {
  requireVault(tx, input.vaultId);
  const userId = insertUser(tx, input, now);
  tx.insert(vaultMembers).values({ vaultId: input.vaultId, userId, role: input.role, createdAt: now }).run();
  return userId;
}

function otherOwners(tx: DbOrTx, vaultId: string, userId: string): number {
  return (
    tx
      .select({ n: count() })
      .from(vaultMembers)
      .where(and(eq(vaultMembers.vaultId, vaultId), eq(vaultMembers.role, "owner"), ne(vaultMembers.userId, userId)))
      .get()?.n ?? 0
  );
}

const lastOwner = () =>
  new DomainError("NotAllowed", {
    code: CODES.lastOwner,
    message: "A vault needs at least one Owner.",
    recommendedAction: "Make another user Owner first.",
  });

/** Sets (or grants) a user's role in a vault; the last Owner cannot be demoted. */
export function setRole(tx: DbOrTx, input: { vaultId: string; userId: string; role: Role }, now = new Date()): void {
  requireVault(tx, input.vaultId);
  if (!tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()) throw notFound("User", input.userId);
  const current = memberRole(tx, input.vaultId, input.userId);
  if (current === "owner" && input.role !== "owner" && otherOwners(tx, input.vaultId, input.userId) === 0) throw lastOwner();
  if (current) {
    tx.update(vaultMembers)
      .set({ role: input.role })
      .where(and(eq(vaultMembers.vaultId, input.vaultId), eq(vaultMembers.userId, input.userId)))
      .run();
  } else {
    tx.insert(vaultMembers).values({ vaultId: input.vaultId, userId: input.userId, role: input.role, createdAt: now }).run();
  }
}

/** Removes a user from a vault (the account stays; other vaults keep their roles). */
export function removeMember(tx: DbOrTx, input: { vaultId: string; userId: string }): void {
  const current = memberRole(tx, input.vaultId, input.userId);
  if (!current) throw notFound("Member", input.userId);
  if (current === "owner" && otherOwners(tx, input.vaultId, input.userId) === 0) throw lastOwner();
  tx.delete(vaultMembers)
    .where(and(eq(vaultMembers.vaultId, input.vaultId), eq(vaultMembers.userId, input.userId)))
    .run();
}

/** An Owner resets the password of a member of their vault (never of a stranger: NotFound). */
export function resetMemberPassword(tx: DbOrTx, input: { vaultId: string; userId: string; passwordHash: string }, now = new Date()): void {
  if (!memberRole(tx, input.vaultId, input.userId)) throw notFound("Member", input.userId);
  resetPassword(tx, { userId: input.userId, passwordHash: input.passwordHash }, now);
}

/** Replaces a user's password and signs them out everywhere. */
export function resetPassword(tx: DbOrTx, input: { userId: string; passwordHash: string }, now = new Date()): void {
  const res = tx
    .update(accounts)
    .set({ password: input.passwordHash, updatedAt: now })
    .where(and(eq(accounts.userId, input.userId), eq(accounts.providerId, "credential")))
    .run();
  if (res.changes === 0) {
    tx.insert(accounts)
      .values({
        id: crypto.randomUUID(),
        accountId: input.userId,
        providerId: "credential",
        userId: input.userId,
        password: input.passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .run();
  }
  tx.delete(sessions).where(eq(sessions.userId, input.userId)).run();
}
