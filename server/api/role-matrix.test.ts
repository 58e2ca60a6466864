import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import { ROLE_RANK, type Role } from "@/server/domain/users/roles";
import { appRouter, createCaller } from "./root";
import { createContext, type SessionUser } from "./trpc";

type Caller = "anonymous" | Role;
const CALLERS: Caller[] = ["anonymous", "reader", "operator", "contributor", "owner"];

type ProcDef = { _def: { type: "query" | "mutation" | "subscription"; meta?: { minRole?: Role | "anyone" } } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures);

let db: DB;
const users = {} as Record<Role, SessionUser>;

beforeAll(() => {
  db = memoryDb();
  seedDemoVault(db);
  for (const role of ["reader", "operator", "contributor", "owner"] as Role[]) {
    const email = `${role}@contoso.test`;
    const id = insertUser(db, { name: role, email, passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId: DEMO_VAULT_ID, userId: id, role, createdAt: new Date() }).run();
    users[role] = { id, email, name: role };
  }
});

async function callAs(who: Caller, path: string, input: unknown): Promise<{ code: string | null }> {
  const ctx = await createContext({ db, headers: new Headers(), user: who === "anonymous" ? null : users[who] });
  let fn: unknown = createCaller(ctx);
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  try {
    await (fn as (i: unknown) => Promise<unknown>)(input);
    return { code: null };
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code };
    throw err;
  }
}

function expected(minRole: Role | "anyone", who: Caller): "allowed" | "UNAUTHORIZED" | "FORBIDDEN" {
  if (minRole === "anyone") return "allowed";
  if (who === "anonymous") return "UNAUTHORIZED";
  return ROLE_RANK[who] >= ROLE_RANK[minRole] ? "allowed" : "FORBIDDEN";
}

describe("role matrix (generated from appRouter)", () => {
  it("finds the procedures", () => {
    expect(procedures.length).toBeGreaterThan(3);
    expect(procedures.map(([p]) => p)).toEqual(expect.arrayContaining(["users.me", "users.add", "activity.list"]));
  });

  it.each(procedures.map(([path, p]) => [path, p._def.meta?.minRole ?? "(none)"]))("%s declares a role (%s)", (_path, minRole) => {
    expect(["anyone", "reader", "operator", "contributor", "owner"]).toContain(minRole);
  });

  const mutations = procedures.filter(([, p]) => p._def.type === "mutation");
  describe.each(mutations.map(([path, p]) => [path, p._def.meta?.minRole ?? "reader"] as const))(
    "mutation %s (min %s)",
    (path, minRole) => {
      it.each(CALLERS)("as %s", async (who) => {
        // Only vaultId: enough for the role check; validation or the domain may refuse afterwards,
        // which still counts as "got past authorization".
        const { code } = await callAs(who, path, { vaultId: DEMO_VAULT_ID });
        const want = expected(minRole as Role | "anyone", who);
        if (want === "allowed") expect(code, `${who} should get past authorization`).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
        else expect(code).toBe(want);
      });
    },
  );

  const queries = procedures.filter(([, p]) => p._def.type === "query");
  it.each(queries.map(([path, p]) => [path, p._def.meta?.minRole ?? "reader"] as const))(
    "query %s refuses anonymous callers",
    async (path, minRole) => {
      const { code } = await callAs("anonymous", path, { vaultId: DEMO_VAULT_ID });
      if (minRole === "anyone" && path !== "users.me") expect(code).not.toBe("FORBIDDEN");
      else expect(code).toBe("UNAUTHORIZED");
    },
  );

  it("a caller without a role in the vault hears NOT_FOUND, exactly as for a vault that does not exist", async () => {
    const id = insertUser(db, { name: "stranger", email: "stranger@contoso.test", passwordHash: "x" });
    const ctx = await createContext({ db, headers: new Headers(), user: { id, email: "stranger@contoso.test", name: "stranger" } });
    const caller = createCaller(ctx);
    const real = await caller.activity.list({ vaultId: DEMO_VAULT_ID }).catch((e: TRPCError) => e);
    const unknown = await caller.activity.list({ vaultId: "no-such-vault" }).catch((e: TRPCError) => e);
    expect(real).toMatchObject({ code: "NOT_FOUND" });
    expect(unknown).toMatchObject({ code: "NOT_FOUND" });
    expect((real as TRPCError).message.replace(DEMO_VAULT_ID, "<id>")).toBe(
      (unknown as TRPCError).message.replace("no-such-vault", "<id>"),
    );
  });

  it("an unknown vault is NOT_FOUND, not a refusal", async () => {
    const ctx = await createContext({ db, headers: new Headers(), user: users.reader });
    await expect(createCaller(ctx).vault.get({ vaultId: "no-such-vault" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a cross-site or non-JSON mutation is refused before anything runs", async () => {
    const crossSite = await createContext({
      db,
      headers: new Headers({ origin: "https://evil.test", host: "localhost:3000", "content-type": "application/json" }),
      user: users.owner,
    });
    await expect(
      createCaller(crossSite).users.setRole({ vaultId: DEMO_VAULT_ID, email: users.reader.email, role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const form = await createContext({
      db,
      headers: new Headers({ host: "localhost:3000", "content-type": "application/x-www-form-urlencoded" }),
      user: users.owner,
    });
    await expect(
      createCaller(form).users.setRole({ vaultId: DEMO_VAULT_ID, email: users.reader.email, role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const sameOrigin = await createContext({
      db,
      headers: new Headers({ origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json" }),
      user: users.owner,
    });
    await expect(
      createCaller(sameOrigin).users.setRole({ vaultId: DEMO_VAULT_ID, email: users.reader.email, role: "reader" }),
    ).resolves.toEqual({ ok: true });
  });

  it("refusals are in the activity log with the reason", () => {
    const rows = db.select().from(s.auditEntries).where(eq(s.auditEntries.outcome, "refused")).all();
    const readerRefusal = rows.find((r) => r.userEmail === "reader@contoso.test" && r.operation === "users.add");
    expect(readerRefusal).toMatchObject({
      role: "reader",
      vaultId: DEMO_VAULT_ID,
      reason: expect.stringMatching(/^Your role \(Reader\) can't run Manage users\. Ask an Owner for the Owner role\.$/),
    });
  });
});
