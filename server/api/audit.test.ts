import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { insertUser } from "@/server/domain/users/members";
import { summarizeInput, redactSecrets } from "@/server/domain/audit/redact";
import { csvField, csvLine } from "@/server/domain/audit/entries";
import { createContext, runMutation, type Context } from "./trpc";
import { createCaller } from "./root";

let db: DB;
let ctx: Context;

beforeEach(async () => {
  db = memoryDb();
  seedDemoVault(db);
  const id = insertUser(db, { name: "Olga Operator", email: "olga@contoso.test", passwordHash: "x" });
  db.insert(s.vaultMembers).values({ vaultId: DEMO_VAULT_ID, userId: id, role: "owner", createdAt: new Date() }).run();
  ctx = {
    ...(await createContext({
      db,
      headers: new Headers({ "x-forwarded-for": "192.0.2.10, 10.0.0.1" }),
      user: { id, email: "olga@contoso.test", name: "Olga Operator" },
    })),
    role: "operator",
    vaultId: DEMO_VAULT_ID,
  };
});

const rows = () => db.select().from(s.auditEntries).all();

describe("runMutation and the activity log", () => {
  it("writes an accepted row in the same transaction as the change, with secrets redacted", () => {
    const result = runMutation(
      ctx,
      {
        operation: "lab.setSpeed",
        target: "contoso-dr-vault",
        input: { vaultId: DEMO_VAULT_ID, speed: 120, password: "hunter22", nested: { runAsSecret: "s3cr3t", apiToken: "tok" } },
      },
      (tx) => {
        tx.update(s.simulationSettings).set({ speed: 120 }).where(eq(s.simulationSettings.vaultId, DEMO_VAULT_ID)).run();
        return "done";
      },
    );
    expect(result).toBe("done");
    const [row] = rows();
    expect(row).toMatchObject({
      vaultId: DEMO_VAULT_ID,
      userEmail: "olga@contoso.test",
      role: "operator",
      operation: "lab.setSpeed",
      target: "contoso-dr-vault",
      outcome: "accepted",
      clientIp: "192.0.2.10",
    });
    expect(row!.at).toBeInstanceOf(Date);
    expect(row!.inputSummary).toContain('"speed":120');
    expect(row!.inputSummary).not.toMatch(/hunter22|s3cr3t|"tok"/);
    expect(JSON.parse(row!.inputSummary!)).toMatchObject({
      password: "[redacted]",
      nested: { runAsSecret: "[redacted]", apiToken: "[redacted]" },
    });
  });

  it("a DomainError rolls the change back and leaves a refused row with its message", () => {
    const refusal = new DomainError("NotAllowed", { code: "78052", message: "Re-protect is not allowed in the current state." });
    expect(() =>
      runMutation(ctx, { operation: "items.reprotect", target: "vm-01", input: { vaultId: DEMO_VAULT_ID } }, (tx) => {
        tx.update(s.simulationSettings).set({ speed: 999 }).where(eq(s.simulationSettings.vaultId, DEMO_VAULT_ID)).run();
        throw refusal;
      }),
    ).toThrow(refusal);
    expect(db.select().from(s.simulationSettings).get()!.speed).not.toBe(999);
    expect(rows()).toEqual([
      expect.objectContaining({
        outcome: "refused",
        reason: "Re-protect is not allowed in the current state.",
        operation: "items.reprotect",
      }),
    ]);
  });

  it("an unexpected error rolls back and leaves an error row without internals", () => {
    expect(() =>
      runMutation(ctx, { operation: "items.failover" }, () => {
        throw new Error("SQLITE_CONSTRAINT: secret internals");
      }),
    ).toThrow(/SQLITE_CONSTRAINT/);
    const [row] = rows();
    expect(row).toMatchObject({ outcome: "error" });
    expect(row!.reason).not.toMatch(/SQLITE|internals/);
  });

  it("a refused role check through the router leaves nothing changed and a refused row", async () => {
    const reader = insertUser(db, { name: "Rita Reader", email: "rita@contoso.test", passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId: DEMO_VAULT_ID, userId: reader, role: "reader", createdAt: new Date() }).run();
    const caller = createCaller(
      await createContext({ db, headers: new Headers(), user: { id: reader, email: "rita@contoso.test", name: "Rita" } }),
    );
    await expect(
      caller.users.add({ vaultId: DEMO_VAULT_ID, name: "X", email: "x@contoso.test", password: "password123", role: "owner" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(db.select().from(s.users).where(eq(s.users.email, "x@contoso.test")).get()).toBeUndefined();
    const [row] = rows();
    expect(row).toMatchObject({ outcome: "refused", role: "reader", operation: "users.add", userEmail: "rita@contoso.test" });
    expect(row!.inputSummary).not.toContain("password123");
  });

  it("owner adds a user, changes the role, cannot remove the last Owner; each step is logged", async () => {
    const owner = db.select().from(s.users).where(eq(s.users.email, "olga@contoso.test")).get()!;
    const caller = createCaller(
      await createContext({ db, headers: new Headers(), user: { id: owner.id, email: owner.email, name: owner.name } }),
    );
    const added = await caller.users.add({
      vaultId: DEMO_VAULT_ID,
      name: "Rob",
      email: "Rob@Contoso.test",
      password: "password123",
      role: "reader",
    });
    expect(added).toEqual({ existingAccount: false });
    await caller.users.setRole({ vaultId: DEMO_VAULT_ID, email: "rob@contoso.test", role: "operator" });
    const members = await caller.users.list({ vaultId: DEMO_VAULT_ID });
    expect(members.find((m) => m.email === "rob@contoso.test")).toMatchObject({ name: "Rob", role: "operator" });
    expect(JSON.stringify(members)).not.toMatch(/password|hash|userId/i);
    await expect(caller.users.remove({ vaultId: DEMO_VAULT_ID, email: owner.email })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await caller.users.remove({ vaultId: DEMO_VAULT_ID, email: "rob@contoso.test" });
    expect(rows().map((r) => `${r.operation}:${r.outcome}`)).toEqual([
      "users.add:accepted",
      "users.setRole:accepted",
      "users.remove:refused",
      "users.remove:accepted",
    ]);
    const me = await caller.users.me({ vaultId: DEMO_VAULT_ID });
    expect(me).toMatchObject({ role: "owner", permissions: { manageUsers: true, failover: true } });
  });

  it("activity.list filters by user, operation, outcome and time", async () => {
    runMutation(ctx, { operation: "a.one" }, () => 1);
    expect(() =>
      runMutation(ctx, { operation: "a.two" }, () => {
        throw new DomainError("Conflict", { code: "c", message: "busy" });
      }),
    ).toThrow();
    const caller = createCaller(ctx);
    const list = async (f: Omit<Parameters<typeof caller.activity.list>[0], "vaultId"> = {}) =>
      (await caller.activity.list({ vaultId: DEMO_VAULT_ID, ...f })).items;
    expect(await list()).toHaveLength(2);
    expect((await caller.activity.list({ vaultId: DEMO_VAULT_ID })).total).toBe(2);
    expect(await list({ outcome: "refused" })).toEqual([expect.objectContaining({ operation: "a.two" })]);
    expect(await list({ operation: "a.one" })).toHaveLength(1);
    expect(await list({ user: "nobody" })).toHaveLength(0);
    expect(await list({ from: new Date(Date.now() + 60_000) })).toHaveLength(0);
    // The page is at most 100 rows: a bigger limit is refused before any query.
    await expect(caller.activity.list({ vaultId: DEMO_VAULT_ID, limit: 1000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller.activity.operations({ vaultId: DEMO_VAULT_ID })).toEqual(["a.one", "a.two"]);
  });
});

describe("redaction and CSV", () => {
  it("redacts pass/secret/token keys at any depth, in arrays too", () => {
    expect(redactSecrets({ a: [{ Passphrase: "p" }], sessionToken: "t", clientSecret: "c", ok: 1 })).toEqual({
      a: [{ Passphrase: "[redacted]" }],
      sessionToken: "[redacted]",
      clientSecret: "[redacted]",
      ok: 1,
    });
    expect(summarizeInput({ x: "y".repeat(5000) })!.length).toBeLessThanOrEqual(2000);
  });

  it("escapes CSV fields and defuses spreadsheet formulas", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(
      csvLine({
        id: "1",
        at: new Date(0),
        vaultId: null,
        userId: null,
        userEmail: "a@b",
        role: "owner",
        operation: "op",
        target: null,
        inputSummary: '{"a":1}',
        outcome: "accepted",
        reason: null,
        clientIp: "::1",
      }),
    ).toBe('1970-01-01T00:00:00.000Z,a@b,owner,op,,"{""a"":1}",accepted,,::1\r\n');
  });
});
