import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { createAuth, type Auth } from "./auth";
import { setUpFirstAdministrator, needsFirstAdministrator } from "./users";
import { resetSetupToken, setupToken, setupTokenMatches } from "./setup-token";
import { createContext } from "@/server/api/trpc";

const ORIGIN = "http://localhost:3000";
const ADMIN = { name: "Ada Admin", email: "Ada@Contoso.com", password: "correct horse battery" };

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:3000", "x-forwarded-for": "10.0.0.7", ...headers },
    body: JSON.stringify(body),
  });
}

function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

// Each test verifies scrypt hashes: slow on a busy machine.
describe("Better Auth on the portal database", { timeout: 30_000 }, () => {
  let db: DB;
  let auth: Auth;
  beforeEach(() => {
    db = memoryDb();
    seedDemoVault(db);
    auth = createAuth(db);
    resetSetupToken();
  });

  it("first run creates the Owner of every vault, then refuses", async () => {
    expect(needsFirstAdministrator(db)).toBe(true);
    const token = setupToken();
    const { userId } = await setUpFirstAdministrator(db, ADMIN, "10.0.0.7", setupToken());
    expect(needsFirstAdministrator(db)).toBe(false);
    const members = db.select().from(s.vaultMembers).where(eq(s.vaultMembers.userId, userId)).all();
    expect(members).toEqual([expect.objectContaining({ vaultId: DEMO_VAULT_ID, role: "owner" })]);
    await expect(setUpFirstAdministrator(db, { ...ADMIN, email: "mallory@evil.test" }, null, token)).rejects.toThrow(/already exists/);
    expect(db.select().from(s.users).all()).toHaveLength(1);
    const log = db.select().from(s.auditEntries).all();
    // The refusal comes before anything is read or written (an anonymous caller leaves no row).
    expect(log.map((r) => r.outcome)).toEqual(["accepted"]);
    // The token is gone once the administrator exists.
    expect(setupToken()).toBeNull();
    expect(setupTokenMatches(token)).toBe(false);
    expect(JSON.stringify(log)).not.toContain(ADMIN.password);
  });

  it("first run refuses without this start's setup token, and creates nothing", async () => {
    const token = setupToken()!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    for (const wrong of [undefined, "", token.slice(0, -1), token + "x", token.toUpperCase(), { token }, "x".repeat(10_000)])
      await expect(setUpFirstAdministrator(db, ADMIN, "10.0.0.7", wrong)).rejects.toMatchObject({
        kind: "Forbidden",
        code: "SetupTokenInvalid",
      });
    expect(needsFirstAdministrator(db)).toBe(true);
    expect(db.select().from(s.auditEntries).all()).toEqual([]);
    // Each start picks a new token: the previous one is worthless.
    resetSetupToken();
    expect(setupToken()).not.toBe(token);
    await expect(setUpFirstAdministrator(db, ADMIN, null, token)).rejects.toMatchObject({ code: "SetupTokenInvalid" });
    await setUpFirstAdministrator(db, ADMIN, null, setupToken());
    expect(needsFirstAdministrator(db)).toBe(false);
  });

  it("rejects an invalid first administrator without creating anything", async () => {
    await expect(setUpFirstAdministrator(db, { name: "", email: "nope", password: "short" }, null, setupToken())).rejects.toMatchObject({
      kind: "Invalid",
    });
    expect(needsFirstAdministrator(db)).toBe(true);
  });

  it("signs in with email+password: HttpOnly SameSite=Lax cookie, a session, an activity-log row", async () => {
    await setUpFirstAdministrator(db, ADMIN, null, setupToken());
    const res = await auth.handler(post("/sign-in/email", { email: "ada@contoso.com", password: ADMIN.password }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/better-auth\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // http://localhost: Secure only over HTTPS

    const headers = new Headers({ cookie: cookieHeader(res) });
    const session = await auth.api.getSession({ headers });
    expect(session?.user.email).toBe("ada@contoso.com");

    const row = db.select().from(s.auditEntries).where(eq(s.auditEntries.operation, "signIn")).get();
    expect(row).toMatchObject({ outcome: "accepted", userEmail: "ada@contoso.com", clientIp: "10.0.0.7" });

    // Sign out ends the session.
    const out = await auth.handler(post("/sign-out", {}, { cookie: cookieHeader(res) }));
    expect(out.status).toBe(200);
    expect(await auth.api.getSession({ headers })).toBeNull();
  });

  it("wrong password: a generic message, a refused row, then a rate limit", async () => {
    await setUpFirstAdministrator(db, ADMIN, null, setupToken());
    const wrong = await auth.handler(post("/sign-in/email", { email: ADMIN.email, password: "not the password" }));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe("Invalid email or password");
    const unknown = await auth.handler(post("/sign-in/email", { email: "nobody@contoso.com", password: "whatever123" }));
    expect(((await unknown.json()) as { message: string }).message).toBe("Invalid email or password");
    const refused = db.select().from(s.auditEntries).where(eq(s.auditEntries.outcome, "refused")).all();
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ operation: "signIn", reason: "Invalid email or password." });
    expect(JSON.stringify(refused)).not.toContain("not the password");

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await auth.handler(post("/sign-in/email", { email: ADMIN.email, password: "guess-" + i }))).status);
    expect(statuses).toContain(429);
    // One more failure from another address is the fifth for the account: it is now locked, and
    // its own password is refused too, from any address.
    expect(
      (await auth.handler(post("/sign-in/email", { email: ADMIN.email, password: "guess-x" }, { "x-forwarded-for": "10.9.9.8" }))).status,
    ).toBe(401);
    const locked = await auth.handler(
      post("/sign-in/email", { email: ADMIN.email, password: ADMIN.password }, { "x-forwarded-for": "10.9.9.9" }),
    );
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/^Too many failed sign-ins for this account/);
  });

  it("sign-up through the API is closed (no self-registration)", async () => {
    const res = await auth.handler(post("/sign-up/email", { name: "Eve", email: "eve@evil.test", password: "password123" }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(db.select().from(s.users).all()).toHaveLength(0);
  });

  it("createContext resolves the session user from the cookie", async () => {
    await setUpFirstAdministrator(db, ADMIN, null, setupToken());
    const res = await auth.handler(post("/sign-in/email", { email: ADMIN.email, password: ADMIN.password }));
    const g = globalThis as unknown as { __portalAuth?: Auth };
    g.__portalAuth = auth;
    try {
      const ctx = await createContext({ db, headers: new Headers({ cookie: cookieHeader(res) }) });
      expect(ctx.user?.email).toBe("ada@contoso.com");
      const anon = await createContext({ db, headers: new Headers() });
      expect(anon.user).toBeNull();
    } finally {
      delete g.__portalAuth;
    }
  });
});
