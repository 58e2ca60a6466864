import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { insertUser } from "../users/members";
import { DomainError } from "../errors";
import { createToken, hashToken, listTokens, revokeToken, verifyToken } from "./tokens";

function setup() {
  const db = memoryDb();
  const userId = insertUser(db, { name: "Ada", email: "ada@contoso.test", passwordHash: "x" });
  return { db, userId };
}

describe("personal access tokens", () => {
  it("stores only the hash and verifies the token as its user", () => {
    const { db, userId } = setup();
    const t = createToken(db, userId, { name: "runbook", days: 7 });
    expect(t.token).toMatch(/^fbp_[A-Za-z0-9_-]{43}$/);
    const row = db.select().from(apiTokens).where(eq(apiTokens.id, t.id)).get()!;
    expect(row.tokenHash).toBe(hashToken(t.token));
    expect(JSON.stringify(row)).not.toContain(t.token);
    expect(verifyToken(db, t.token)).toMatchObject({ id: userId, email: "ada@contoso.test", tokenId: t.id });
    expect(listTokens(db, userId)[0]).toMatchObject({ name: "runbook", status: "active", prefix: t.token.slice(0, 10) });
    expect(listTokens(db, userId)[0]!.lastUsedAt).not.toBeNull();
  });

  it("refuses unknown, expired and revoked tokens alike", () => {
    const { db, userId } = setup();
    const t = createToken(db, userId, { name: "short", days: 1 });
    expect(verifyToken(db, "fbp_nope")).toBeNull();
    expect(verifyToken(db, "Bearer " + t.token)).toBeNull();
    expect(verifyToken(db, t.token, new Date(Date.now() + 2 * 24 * 3600 * 1000))).toBeNull();
    expect(listTokens(db, userId, new Date(Date.now() + 2 * 24 * 3600 * 1000))[0]!.status).toBe("expired");
    revokeToken(db, userId, { tokenId: t.id });
    expect(verifyToken(db, t.token)).toBeNull();
    expect(listTokens(db, userId)[0]!.status).toBe("revoked");
  });

  it("validates the input and keeps users' tokens apart", () => {
    const { db, userId } = setup();
    expect(() => createToken(db, userId, { name: " ", days: 7 })).toThrow(DomainError);
    expect(() => createToken(db, userId, { name: "x", days: 0 })).toThrow(/At least 1 day/);
    expect(() => createToken(db, userId, { name: "x", days: 366 })).toThrow(/At most 365 days/);
    const other = insertUser(db, { name: "Bob", email: "bob@contoso.test", passwordHash: "x" });
    const t = createToken(db, userId, { name: "mine" });
    expect(() => revokeToken(db, other, { tokenId: t.id })).toThrow(/not found/);
    expect(listTokens(db, other)).toEqual([]);
    expect(t.expiresAt.getTime() - t.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000);
  });
});
