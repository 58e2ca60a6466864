import { and, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, serverAdmins, sessions, users, vaultMembers, vaults } from "@/db/schema";
import { DomainError, invalid, notFound } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { requireVault } from "@/server/domain/vault/queries";
import type { Role } from "./roles";

/**
 * What a member looks like to an Owner: name, email and role. Never the password hash, the
 * sessions, or the user id (an Owner names people by email; ids stay inside the server).
 */
export type Member = { name: string; email: string; role: Role; createdAt: Date };

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
    .select({ name: users.name, email: users.email, role: vaultMembers.role, createdAt: vaultMembers.createdAt })
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

/** The vaults a user has a role in. */
export function vaultsOf(db: DbOrTx, userId: string): string[] {
  return db
    .select({ vaultId: vaultMembers.vaultId })
    .from(vaultMembers)
    .where(eq(vaultMembers.userId, userId))
    .all()
    .map((r) => r.vaultId);
}

/** Server administrators see the server-wide activity-log rows (sign-ins of everyone, CLI actions). */
export function isServerAdmin(db: DbOrTx, userId: string): boolean {
  return !!db.select({ userId: serverAdmins.userId }).from(serverAdmins).where(eq(serverAdmins.userId, userId)).get();
}

/**
 * Whether a user sees the server-wide activity-log rows: a server administrator, or the Owner of
 * every vault there is.
 */
export function seesServerWide(db: DbOrTx, userId: string): boolean {
  if (isServerAdmin(db, userId)) return true;
  const all = db.select({ id: vaults.id }).from(vaults).all();
  if (all.length === 0) return false;
  const owned = new Set(
    db
      .select({ vaultId: vaultMembers.vaultId })
      .from(vaultMembers)
      .where(and(eq(vaultMembers.userId, userId), eq(vaultMembers.role, "owner")))
      .all()
      .map((r) => r.vaultId),
  );
  return all.every((v) => owned.has(v.id));
}

/** The reader of a vault's activity log (see listAuditEntries). */
export const auditViewer = (db: DbOrTx, userId: string) => ({ userId, serverWide: seesServerWide(db, userId) });

export function grantServerAdmin(tx: DbOrTx, userId: string, now = new Date()): void {
  tx.insert(serverAdmins).values({ userId, createdAt: now }).onConflictDoNothing().run();
}

export function revokeServerAdmin(tx: DbOrTx, userId: string): void {
  tx.delete(serverAdmins).where(eq(serverAdmins.userId, userId)).run();
}

/**
 * First run: creates the first user as Owner of every vault and server administrator. Refuses once any user exists, so it
 * can never be used to take over a configured portal. Call inside a transaction.
 */
export function createFirstAdministrator(
  tx: DbOrTx,
  input: { name: string; email: string; passwordHash: string },
  now = new Date(),
): string {
  if (countUsers(tx) > 0) throw alreadyInitialized();
  const userId = insertUser(tx, input, now);
  grantServerAdmin(tx, userId, now);
  const all = tx.select({ id: vaults.id }).from(vaults).all();
  if (all.length > 0)
    tx.insert(vaultMembers)
      .values(all.map((v) => ({ vaultId: v.id, userId, role: "owner" as const, createdAt: now })))
      .run();
  return userId;
}

/** Adds a new user to a vault with a role (CLI: a server administrator's tool). */
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

/** Sets or grants a user's role in a vault (CLI); the last Owner cannot be demoted. */
export function grantRole(tx: DbOrTx, input: { vaultId: string; userId: string; role: Role }, now = new Date()): void {
  requireVault(tx, input.vaultId);
  if (!tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).get()) throw notFound("User", input.userId);
  const current = memberRole(tx, input.vaultId, input.userId);
  if (current) updateRole(tx, input.vaultId, input.userId, current, input.role);
  else tx.insert(vaultMembers).values({ vaultId: input.vaultId, userId: input.userId, role: input.role, createdAt: now }).run();
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

function updateRole(tx: DbOrTx, vaultId: string, userId: string, current: Role, role: Role): void {
  if (current === "owner" && role !== "owner" && otherOwners(tx, vaultId, userId) === 0) throw lastOwner();
  tx.update(vaultMembers)
    .set({ role })
    .where(and(eq(vaultMembers.vaultId, vaultId), eq(vaultMembers.userId, userId)))
    .run();
}

// ---- What an Owner may do on the Users page ---------------------------------------------------
// An Owner manages the members of their own vault and names them by email. They never learn a
// user id, never touch a membership in another vault, and never change the password of someone
// who can sign in to another vault: that would hand them that person's access there.

/** A member of the vault, by email (NotFound for anyone else, whether or not the account exists). */
function member(tx: DbOrTx, vaultId: string, email: string): { userId: string; role: Role } {
  const user = findUserByEmail(tx, email);
  const role = user ? memberRole(tx, vaultId, user.id) : null;
  if (!user || !role) throw notFound("Member", normalizeEmail(email));
  return { userId: user.id, role };
}

export type AddMemberResult = { existingAccount: boolean };

/**
 * Adds a person to the vault by email. A new email gets an account with the initial password; an
 * email that already has an account is invited as it is: their password stays theirs (a password
 * given with it is not used).
 */
export function addMember(
  tx: DbOrTx,
  input: { vaultId: string; name: string; email: string; passwordHash: string | null; role: Role },
  now = new Date(),
): AddMemberResult {
  requireVault(tx, input.vaultId);
  const existing = findUserByEmail(tx, input.email);
  if (existing) {
    if (memberRole(tx, input.vaultId, existing.id))
      throw new DomainError("Conflict", {
        code: CODES.alreadyMember,
        message: `${existing.email} is already a member of this vault.`,
        recommendedAction: "Change their role in the list instead.",
        fieldErrors: { email: ["Already a member of this vault."] },
      });
    tx.insert(vaultMembers).values({ vaultId: input.vaultId, userId: existing.id, role: input.role, createdAt: now }).run();
    return { existingAccount: true };
  }
  if (!input.passwordHash) throw invalid("password", "Enter an initial password for the new account.");
  const userId = insertUser(tx, { name: input.name, email: input.email, passwordHash: input.passwordHash }, now);
  tx.insert(vaultMembers).values({ vaultId: input.vaultId, userId, role: input.role, createdAt: now }).run();
  return { existingAccount: false };
}

/** Changes a member's role; the last Owner cannot be demoted. */
export function setMemberRole(tx: DbOrTx, input: { vaultId: string; email: string; role: Role }): void {
  requireVault(tx, input.vaultId);
  const m = member(tx, input.vaultId, input.email);
  updateRole(tx, input.vaultId, m.userId, m.role, input.role);
}

/** Removes a member from the vault and ends their sessions (the account and other vaults' roles stay). */
export function removeMember(tx: DbOrTx, input: { vaultId: string; email: string }): void {
  requireVault(tx, input.vaultId);
  const m = member(tx, input.vaultId, input.email);
  if (m.role === "owner" && otherOwners(tx, input.vaultId, m.userId) === 0) throw lastOwner();
  tx.delete(vaultMembers)
    .where(and(eq(vaultMembers.vaultId, input.vaultId), eq(vaultMembers.userId, m.userId)))
    .run();
  tx.delete(sessions).where(eq(sessions.userId, m.userId)).run();
}

/**
 * An Owner resets the password of a member who can sign in to this vault only. Anyone with a role
 * in another vault, or a server administrator, is refused: they change it themselves, or a server
 * administrator resets it from the command line.
 */
export function resetMemberPassword(tx: DbOrTx, input: { vaultId: string; email: string; passwordHash: string }, now = new Date()): void {
  requireVault(tx, input.vaultId);
  const m = member(tx, input.vaultId, input.email);
  const elsewhere = vaultsOf(tx, m.userId).some((v) => v !== input.vaultId);
  if (elsewhere || isServerAdmin(tx, m.userId))
    throw new DomainError("NotAllowed", {
      code: CODES.passwordResetNotAllowed,
      message: `${normalizeEmail(input.email)} can also sign in to other vaults, so an Owner of this vault cannot reset the password.`,
      possibleCauses: "The person has a role in another vault, or is a server administrator.",
      recommendedAction:
        "Ask them to change it themselves, or ask a server administrator to run: npm run user -- reset-password --email <email>",
    });
  resetPassword(tx, { userId: m.userId, passwordHash: input.passwordHash }, now);
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
