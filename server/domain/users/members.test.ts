import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedVault } from "@/db/seed";
import * as s from "@/db/schema";
import {
  addMember,
  auditViewer,
  grantServerAdmin,
  insertUser,
  listMembers,
  removeMember,
  resetMemberPassword,
  setMemberRole,
} from "./members";

let db: DB;
const member = (email: string, vaultId: string, role: "reader" | "owner") => {
  const userId = insertUser(db, { name: email, email, passwordHash: "hash-" + email });
  db.insert(s.vaultMembers).values({ vaultId, userId, role, createdAt: new Date() }).run();
  return userId;
};
const hashOf = (userId: string) => db.select().from(s.accounts).where(eq(s.accounts.userId, userId)).get()?.password;

beforeEach(() => {
  db = memoryDb();
  seedVault(db, { id: "a", idPrefix: "a-" });
  seedVault(db, { id: "b", idPrefix: "b-" });
});

describe("an Owner manages members by email only", () => {
  it("invites an existing account as it is: the password given is not used", () => {
    const bob = member("bob@b.test", "b", "owner");
    expect(addMember(db, { vaultId: "a", name: "Bob", email: "BOB@b.test", passwordHash: "attacker", role: "reader" })).toEqual({
      existingAccount: true,
    });
    expect(hashOf(bob)).toBe("hash-bob@b.test");
    expect(() => addMember(db, { vaultId: "a", name: "Bob", email: "bob@b.test", passwordHash: null, role: "reader" })).toThrow(
      /already a member/,
    );
  });

  it("a new account needs the initial password", () => {
    expect(() => addMember(db, { vaultId: "a", name: "New", email: "new@a.test", passwordHash: null, role: "reader" })).toThrow();
    expect(addMember(db, { vaultId: "a", name: "New", email: "new@a.test", passwordHash: "h", role: "reader" })).toEqual({
      existingAccount: false,
    });
    expect(listMembers(db, "a")).toEqual([expect.objectContaining({ email: "new@a.test", role: "reader" })]);
    expect(JSON.stringify(listMembers(db, "a"))).not.toMatch(/userId/);
  });

  it("resets the password of a member of this vault only; never of someone in another vault or a server administrator", () => {
    const only = member("only@a.test", "a", "reader");
    const both = member("both@a.test", "a", "reader");
    db.insert(s.vaultMembers).values({ vaultId: "b", userId: both, role: "reader", createdAt: new Date() }).run();
    const admin = member("admin@a.test", "a", "owner");
    grantServerAdmin(db, admin);
    resetMemberPassword(db, { vaultId: "a", email: "only@a.test", passwordHash: "new" });
    expect(hashOf(only)).toBe("new");
    expect(() => resetMemberPassword(db, { vaultId: "a", email: "both@a.test", passwordHash: "x" })).toThrow(/other vaults/);
    expect(() => resetMemberPassword(db, { vaultId: "a", email: "admin@a.test", passwordHash: "x" })).toThrow(/other vaults/);
    expect(hashOf(both)).toBe("hash-both@a.test");
    // Someone of vault B only is not a member of A: NotFound, as for an unknown email.
    member("stranger@b.test", "b", "reader");
    expect(() => resetMemberPassword(db, { vaultId: "a", email: "stranger@b.test", passwordHash: "x" })).toThrow(/not found/i);
    expect(() => setMemberRole(db, { vaultId: "a", email: "stranger@b.test", role: "owner" })).toThrow(/not found/i);
  });

  it("removing a member ends their sessions and keeps their other vaults", () => {
    const both = member("both@a.test", "a", "reader");
    member("owner@a.test", "a", "owner");
    db.insert(s.vaultMembers).values({ vaultId: "b", userId: both, role: "reader", createdAt: new Date() }).run();
    const now = new Date();
    db.insert(s.sessions)
      .values({ id: "s1", token: "t1", userId: both, expiresAt: new Date(now.getTime() + 3_600_000), createdAt: now, updatedAt: now })
      .run();
    removeMember(db, { vaultId: "a", email: "both@a.test" });
    expect(db.select().from(s.sessions).where(eq(s.sessions.userId, both)).all()).toEqual([]);
    expect(db.select().from(s.vaultMembers).where(eq(s.vaultMembers.userId, both)).all()).toEqual([
      expect.objectContaining({ vaultId: "b" }),
    ]);
  });

  it("server-wide activity rows: a server administrator or the Owner of every vault", () => {
    const ownerA = member("oa@a.test", "a", "owner");
    expect(auditViewer(db, ownerA).serverWide).toBe(false);
    db.insert(s.vaultMembers).values({ vaultId: "b", userId: ownerA, role: "owner", createdAt: new Date() }).run();
    expect(auditViewer(db, ownerA).serverWide).toBe(true);
    const reader = member("r@a.test", "a", "reader");
    grantServerAdmin(db, reader);
    expect(auditViewer(db, reader).serverWide).toBe(true);
  });
});
