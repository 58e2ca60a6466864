import { beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { decryptSecret } from "@/server/lib/secrets";
import { logger } from "@/server/lib/logger";
import { insertUser } from "@/server/domain/users/members";
import { appRouter, createCaller } from "./root";
import { createContext, type Context } from "./trpc";

type ProcDef = { _def: { type: string } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures);

const PLANTED = "Planted-Secret-9f3c1d";
let db: DB;
let ctx: Context;
let secrets: string[] = [];
const logLines: string[] = [];

function call(path: string, input: unknown) {
  let fn: unknown = createCaller(ctx);
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** Every string id found anywhere in a value (to feed the `get` procedures). */
function ids(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => ids(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "id" && typeof v === "string") out.add(v);
      else ids(v, out);
    }
  return out;
}

beforeAll(async () => {
  db = memoryDb();
  seedDemoVault(db);
  const sealed = [
    ...db
      .select({ v: s.configurationServers.passphraseEnc })
      .from(s.configurationServers)
      .all()
      .map((r) => r.v),
    ...db
      .select({ v: s.runAsAccounts.secretEnc })
      .from(s.runAsAccounts)
      .all()
      .map((r) => r.v),
  ].filter((v): v is string => !!v);
  secrets = [...sealed, ...sealed.map(decryptSecret), PLANTED];
  const id = insertUser(db, { name: "Owner", email: "owner@contoso.test", passwordHash: "scrypt-hash-should-never-leak" });
  secrets.push("scrypt-hash-should-never-leak");
  db.insert(s.vaultMembers).values({ vaultId: DEMO_VAULT_ID, userId: id, role: "owner", createdAt: new Date() }).run();
  ctx = await createContext({ db, headers: new Headers(), user: { id, email: "owner@contoso.test", name: "Owner" } });
  // Capture what the server log would write, at every level.
  const stream = (logger as unknown as Record<symbol, { write: (s: string) => void }>)[pino.symbols.streamSym]!;
  stream.write = (line: string) => void logLines.push(line);
  logger.level = "trace";
});

function assertClean(where: string, text: string, checkKeys = true) {
  for (const secret of secrets) expect(text, `${where} leaks a secret`).not.toContain(secret);
  if (checkKeys)
    expect(text, `${where} exposes an encrypted column`).not.toMatch(/passphraseEnc|secretEnc|"password"\s*:\s*"(?!\[redacted\])/);
}

describe("secrets never leave the server", () => {
  it("has seeded secrets to look for", () => {
    expect(secrets.length).toBeGreaterThan(2);
  });

  it("no query returns a secret (lists, then gets with every id the lists returned)", async () => {
    const queries = procedures.filter(([, p]) => p._def.type === "query").map(([path]) => path);
    const seen = new Set<string>([DEMO_VAULT_ID]);
    for (const path of queries) {
      try {
        const out = await call(path, { vaultId: DEMO_VAULT_ID });
        ids(out, seen);
        assertClean(path, JSON.stringify(out));
      } catch (err) {
        assertClean(path, String(err));
      }
    }
    for (const path of queries.filter((p) => p.endsWith(".get"))) {
      for (const id of [...seen].slice(0, 200)) {
        const input = {
          vaultId: DEMO_VAULT_ID,
          id,
          itemId: id,
          planId: id,
          jobId: id,
          configurationServerId: id,
          serverId: id,
          policyId: id,
        };
        try {
          assertClean(path, JSON.stringify(await call(path, input)));
        } catch (err) {
          assertClean(path, String(err));
        }
      }
    }
    // Every query of the router, twice: generous on a busy machine.
  }, 60_000);

  it("no mutation echoes a secret in its result, error, activity-log row or log line", async () => {
    const mutations = procedures.filter(([, p]) => p._def.type === "mutation").map(([path]) => path);
    for (const path of mutations) {
      const input = {
        vaultId: DEMO_VAULT_ID,
        password: PLANTED,
        passphrase: PLANTED,
        secret: PLANTED,
        name: "n",
        email: "leak@contoso.test",
        role: "reader",
        userId: "nope",
      };
      try {
        assertClean(path, JSON.stringify(await call(path, input)));
      } catch (err) {
        assertClean(path, `${String(err)} ${JSON.stringify(err)}`);
      }
    }
    assertClean("activity log", JSON.stringify(db.select().from(s.auditEntries).all()));
    for (const line of logLines) assertClean("log line", line, false);
  });

  it("the logger redacts secret-bearing fields", () => {
    logger.info(
      { password: PLANTED, input: { passphrase: PLANTED }, account: { secretEnc: PLANTED }, req: { headers: { cookie: PLANTED } } },
      "probe",
    );
    expect(logLines.join("\n")).toContain("probe");
    for (const line of logLines) assertClean("log line", line, false);
  });
});
