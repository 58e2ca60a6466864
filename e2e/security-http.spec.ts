/**
 * Security over HTTP against a running portal of its own (e2e/security/portal.ts):
 * - the role matrix: every tRPC procedure of the router × every kind of caller → the expected
 *   status, and nothing changed on a refusal. A procedure without an entry here fails the test;
 * - fuzzing (fast-check): malformed JSON, bad superjson, huge strings, prototype keys, deep
 *   nesting, on every procedure: never a 500, and nothing changed when the request is refused.
 */
import { test, expect } from "@playwright/test";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { appRouter } from "@/server/api/root";
import { ROLE_RANK, type Role } from "@/server/domain/users/roles";
import { ROUTES } from "@/server/arm/routes";
import { createToken } from "@/server/domain/tokens/tokens";
import {
  CALLERS,
  PASSWORD,
  emailOf,
  signIn,
  startSecurityPortal,
  trpc,
  userIdOf,
  type Caller,
  type SecurityPortal,
} from "./security/portal";
import { SECURITY_PORTS } from "./ports";

type ProcType = "query" | "mutation" | "subscription";
type ProcDef = { _def: { type: ProcType; meta?: { minRole?: Role | "anyone" } } };
const PROCEDURES = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures).map(
  ([path, p]) => ({ path, type: p._def.type, minRole: p._def.meta?.minRole }),
);

/** The ids a valid input names, in vault A. */
type Ids = {
  vaultId: string;
  itemId: string;
  planId: string;
  serverId: string;
  jobId: string;
  psId: string;
  mtId: string;
  vcenterId: string;
  policyId: string;
};

/**
 * Who may call each procedure, and a valid input for a query. A mutation is called with only its
 * vault: a caller who gets past authorization hears 400 from the input check, so the matrix never
 * changes anything. "signedIn": any signed-in caller, whatever their roles.
 */
const ROLE_TABLE: Record<string, { min: Role | "signedIn"; input?: (ids: Ids) => unknown }> = {
  "vault.list": { min: "signedIn", input: () => undefined },
  "vault.get": { min: "reader" },
  "items.list": { min: "reader" },
  "items.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.recoveryPoints": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.reprotectOptions": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.reprotectToAzureOptions": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.readiness": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.replicateOptions": { min: "reader" },
  "items.enableReplication": { min: "contributor" },
  "items.failover": { min: "operator" },
  "items.failoverReplicationGroup": { min: "operator" },
  "items.unplannedFailover": { min: "operator" },
  "items.commit": { min: "operator" },
  "items.changeRecoveryPoint": { min: "operator" },
  "items.testFailover": { min: "operator" },
  "items.cleanupTestFailover": { min: "operator" },
  "items.reprotectToOnPremises": { min: "operator" },
  "items.reprotectToAzure": { min: "operator" },
  "items.disableReplication": { min: "contributor" },
  "infrastructure.configurationServers.list": { min: "reader" },
  "infrastructure.configurationServers.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, serverId: i.serverId }) },
  "infrastructure.configurationServers.backup": { min: "contributor" },
  "infrastructure.processServerDeployOptions": { min: "reader" },
  "infrastructure.deployProcessServer": { min: "contributor" },
  "infrastructure.addMasterTarget": { min: "contributor" },
  "infrastructure.addVCenter": { min: "contributor" },
  "infrastructure.refreshVCenter": { min: "contributor" },
  "infrastructure.updateAccountCredentials": { min: "contributor" },
  "policies.list": { min: "reader" },
  "policies.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, policyId: i.policyId }) },
  "policies.create": { min: "contributor" },
  "policies.associate": { min: "contributor" },
  "policies.dissociate": { min: "contributor" },
  "plans.list": { min: "reader" },
  "plans.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "plans.preview": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId, operation: "failover" }) },
  "plans.create": { min: "contributor" },
  "plans.failover": { min: "operator" },
  "plans.commit": { min: "operator" },
  "plans.reprotect": { min: "operator" },
  "plans.testFailover": { min: "operator" },
  "plans.cleanupTestFailover": { min: "operator" },
  "users.me": { min: "signedIn" },
  "users.list": { min: "owner" },
  "users.add": { min: "owner" },
  "users.setRole": { min: "owner" },
  "users.remove": { min: "owner" },
  "users.resetPassword": { min: "owner" },
  "activity.list": { min: "reader" },
  "activity.operations": { min: "reader" },
  "jobs.list": { min: "reader" },
  "jobs.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, jobId: i.jobId }) },
  "jobs.cancel": { min: "operator" },
  "jobs.restart": { min: "operator" },
  "jobs.resume": { min: "operator" },
  "jobs.onUpdate": { min: "reader", input: (i) => ({ vaultId: i.vaultId, jobId: i.jobId }) },
  "changes.onVault": { min: "reader" },
  "lab.get": { min: "reader" },
  "lab.setFault": { min: "contributor" },
  "lab.clearFault": { min: "contributor" },
  "lab.setSpeed": { min: "contributor" },
  "vault.overview.health": { min: "reader" },
  "vault.overview.status": { min: "reader" },
  "vault.overview.testFailoverSuccess": { min: "reader" },
  "vault.overview.configurationIssues": { min: "reader" },
  "vault.overview.errorSummary": { min: "reader" },
  "vault.overview.infrastructure": { min: "reader" },
  "vault.overview.jobsLast24Hours": { min: "reader" },
  "vault.overview.rpoDistribution": { min: "reader" },
  "items.all": { min: "reader" },
  "items.history": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemId: i.itemId }) },
  "items.drillReport": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "items.bulkTestFailover": { min: "operator" },
  "items.bulkCleanupTestFailover": { min: "operator" },
  "items.bulkDisableReplication": { min: "contributor" },
  "items.bulkVerdicts": { min: "reader", input: (i) => ({ vaultId: i.vaultId, itemIds: [i.itemId] }) },
  "infrastructure.configurationServers.refresh": { min: "contributor" },
  "infrastructure.processServers.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, serverId: i.psId }) },
  "infrastructure.masterTargets.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, serverId: i.mtId }) },
  "infrastructure.vcenters.get": { min: "reader", input: (i) => ({ vaultId: i.vaultId, vcenterId: i.vcenterId }) },
  "infrastructure.deleteServer": { min: "contributor" },
  "infrastructure.registerProcessServer": { min: "contributor" },
  "infrastructure.addClassicProcessServer": { min: "contributor" },
  "infrastructure.addAccount": { min: "contributor" },
  "plans.runs": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "plans.commands": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "plans.editOptions": { min: "reader" },
  "plans.reprotectOptions": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "plans.reprotectToAzureOptions": { min: "reader", input: (i) => ({ vaultId: i.vaultId, planId: i.planId }) },
  "plans.update": { min: "contributor" },
  "plans.delete": { min: "contributor" },
  "jobs.targets": { min: "reader" },
  // Tokens are the caller's own: any role in the vault may manage them.
  "tokens.list": { min: "reader" },
  "tokens.create": { min: "reader" },
  "tokens.revoke": { min: "reader" },
};

const ROLE_OF: Partial<Record<Caller, Role>> = { reader: "reader", operator: "operator", contributor: "contributor", owner: "owner" };

/** The status a caller must get. Callers without a role in vault A hear 404, as for a vault that does not exist. */
function expectedStatus(min: Role | "signedIn", type: ProcType, who: Caller): number {
  if (who === "anonymous") return 401;
  const success = type === "mutation" ? 400 : 200;
  if (min === "signedIn") return 200;
  const role = ROLE_OF[who];
  if (!role) return 404;
  return ROLE_RANK[role] >= ROLE_RANK[min] ? success : 403;
}

let portal: SecurityPortal;
let ids: Ids;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(300_000);
  portal = await startSecurityPortal(SECURITY_PORTS + testInfo.parallelIndex);
  const a = portal.vaultA;
  const job = portal.db.select({ id: s.jobs.id }).from(s.jobs).where(eq(s.jobs.vaultId, a.id)).get()!;
  const plan = portal.db.select({ id: s.recoveryPlans.id }).from(s.recoveryPlans).where(eq(s.recoveryPlans.vaultId, a.id)).get()!;
  ids = {
    vaultId: a.id,
    itemId: a.idOf("app-02"),
    planId: plan.id,
    serverId: a.idOf("cs-01"),
    jobId: job.id,
    psId: a.idOf("ps-azure-prod"),
    mtId: a.idOf("mt-cs-01"),
    vcenterId: a.idOf("vcenter-01"),
    policyId: a.idOf("policy-24h"),
  };
});

test.afterAll(async () => {
  await portal?.stop();
});

test("role matrix: every procedure × every caller over HTTP, nothing changed on a refusal", async () => {
  test.setTimeout(240_000);
  // Generated from the router: a procedure without an entry (or an entry without a procedure) fails here.
  expect(PROCEDURES.map((p) => p.path).sort()).toEqual(Object.keys(ROLE_TABLE).sort());
  const failures: string[] = [];
  for (const proc of PROCEDURES) {
    const entry = ROLE_TABLE[proc.path]!;
    // The router declares the same minimum role as the table.
    const declared = proc.minRole === "anyone" ? "signedIn" : proc.minRole;
    if (proc.path !== "vault.list" && declared !== entry.min)
      failures.push(`${proc.path}: router says ${declared}, table says ${entry.min}`);
    const input = proc.type !== "mutation" && entry.input ? entry.input(ids) : { vaultId: ids.vaultId };
    for (const who of CALLERS) {
      const before = portal.state();
      const auditBefore = portal.db.select({ id: s.auditEntries.id }).from(s.auditEntries).all().length;
      const answer = await trpc(portal, who, proc.path, proc.type, input);
      const want = expectedStatus(entry.min, proc.type, who);
      if (answer.status !== want)
        failures.push(`${proc.path} as ${who}: ${answer.status}, expected ${want} (${answer.body.slice(0, 200)})`);
      if (answer.status >= 400) {
        if (JSON.stringify(portal.state()) !== JSON.stringify(before))
          failures.push(`${proc.path} as ${who}: refused, but the database changed`);
        const newRows = portal.db.select().from(s.auditEntries).all().slice(auditBefore);
        if (who === "anonymous" && newRows.length) failures.push(`${proc.path} as anonymous: wrote ${newRows.length} activity-log row(s)`);
        for (const row of newRows)
          if (row.vaultId && row.vaultId !== ids.vaultId) failures.push(`${proc.path} as ${who}: a row under vault ${row.vaultId}`);
          else if (row.vaultId && !ROLE_OF[who]) failures.push(`${proc.path} as ${who}: a row under a vault the caller is not in`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("no role and no vault sound the same: an unknown vault id is 404 exactly as a vault of others", async () => {
  const real = await trpc(portal, "ownerOfB", "vault.get", "query", { vaultId: ids.vaultId });
  const unknown = await trpc(portal, "ownerOfB", "vault.get", "query", { vaultId: "vault-zz" });
  expect([real.status, unknown.status]).toEqual([404, 404]);
  const msg = (a: typeof real) => (a.json as { error: { json: { message: string } } }).error.json.message;
  expect(msg(real).replace(ids.vaultId, "<id>")).toBe(msg(unknown).replace("vault-zz", "<id>"));
});

// ---- Fuzzing -----------------------------------------------------------------------------------

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

/** A JSON text with a given nesting depth (arrays or objects). */
const deep = (depth: number, kind: "array" | "object") =>
  kind === "array" ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Values of every kind a schema might not expect. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 50 }),
  fc.integer({ min: 200, max: 300_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom(null, true, -1, 0, 1e308, "", " ", "\u0000", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --"),
  fc.dictionary(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 })),
);

type FuzzCase = { procedure: (typeof PROCEDURES)[number]; who: Caller; raw: string; label: string };

function fuzzCases(): fc.Arbitrary<FuzzCase> {
  const procedure = fc.constantFrom(...PROCEDURES);
  const who = fc.constantFrom<Caller>("owner", "owner", "owner", "reader", "anonymous", "ownerOfB");
  const vaultId = fc.oneof(fc.constant("vault-a"), fc.constant("vault-b"), nasty);
  const fields = fc.dictionary(
    fc.oneof(
      fc.constantFrom("itemId", "planId", "jobId", "name", "email", "password", "role", "speed", "machineIds", "groups"),
      fc.constantFrom(...PROTO_KEYS),
      fc.string({ maxLength: 12 }),
    ),
    nasty,
    { maxKeys: 6 },
  );
  const structured = fc.record({ vaultId, fields }).map(({ vaultId, fields }) => ({
    raw: JSON.stringify({ json: { ...fields, vaultId } }),
    label: "object",
  }));
  const withProtoText = fc.constantFrom(...PROTO_KEYS).map((k) => ({
    raw: `{"json":{"vaultId":"vault-a","${k}":{"polluted":true,"vaultId":"vault-b"}}}`,
    label: "prototype key",
  }));
  const badSuperjson = fc
    .record({ path: fc.oneof(fc.constantFrom("__proto__", "constructor.prototype", "vaultId", "a.b.c"), fc.string()), kind: nasty })
    .map(({ path, kind }) => ({
      raw: JSON.stringify({ json: { vaultId: "vault-a" }, meta: { values: { [path]: [kind] } } }),
      label: "bad superjson",
    }));
  const malformed = fc
    .oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom("{", "[", '{"json":', '{"json":{"vaultId":"vault-a"', "undefined", "NaN", "{'json':1}", "\u0000", ""),
      fc.jsonValue().map((v) => JSON.stringify({ json: v }).slice(0, -1)),
    )
    .map((raw) => ({ raw, label: "malformed JSON" }));
  const deepNesting = fc
    .record({ depth: fc.integer({ min: 20, max: 20_000 }), kind: fc.constantFrom<"array" | "object">("array", "object") })
    .map(({ depth, kind }) => ({
      raw: `{"json":{"vaultId":"vault-a","itemId":${deep(depth, kind)}}}`,
      label: "deep nesting",
    }));
  const body = fc.oneof(
    { arbitrary: structured, weight: 5 },
    { arbitrary: withProtoText, weight: 1 },
    { arbitrary: badSuperjson, weight: 2 },
    { arbitrary: malformed, weight: 3 },
    { arbitrary: deepNesting, weight: 1 },
  );
  return fc.record({ procedure, who, body }).map(({ procedure, who, body }) => ({ procedure, who, ...body }));
}

test("fuzzing every procedure over HTTP: never a 500, nothing changed on a refusal", async () => {
  test.setTimeout(600_000);
  const RUNS = 1_200;
  let count = 0;
  const statuses = new Map<number, number>();
  let state = portal.state();
  await fc.assert(
    fc.asyncProperty(fuzzCases(), async (c) => {
      // Queries go in the URL: keep them under Node's header size limit (the server answers 431 above it).
      const raw = c.procedure.type === "mutation" ? c.raw : c.raw.slice(0, 6_000);
      const answer = await trpc(portal, c.who, c.procedure.path, c.procedure.type, undefined, { rawInput: raw });
      count++;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, `${c.label} → ${c.procedure.path} as ${c.who}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
      const after = portal.state();
      if (answer.status >= 400)
        expect(after, `${c.label} → ${c.procedure.path} as ${c.who} was refused but changed the database`).toEqual(state);
      state = after;
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
  );
  expect(count).toBeGreaterThanOrEqual(1_000);
  console.log(`fuzz: ${count} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  // The server logged no internal error meanwhile.
  expect(portal.server.output()).not.toMatch(/tRPC internal error|unexpected error/);
});

/** Keys the automation API's bodies use, so fuzzed bodies reach the schemas' fields. */
const ARM_KEYS = [
  "properties",
  "providerSpecificDetails",
  "instanceType",
  "failoverDirection",
  "masterTargetId",
  "processServerId",
  "retentionDrive",
  "runAsAccountId",
  "datastoreName",
  "recoveryPointType",
  "recoveryPointId",
  "groups",
  "groupType",
  "replicationProtectedItems",
  "id",
  "primaryFabricId",
  "recoveryFabricId",
  "networkId",
  "networkType",
  "comments",
  "providerSpecificInput",
  "multiVmSyncStatus",
];

test("fuzzing every automation API route over HTTP: never a 500, always an ARM error, nothing changed on a refusal", async () => {
  test.setTimeout(600_000);
  const RUNS = 800;
  const a = portal.db.select().from(s.vaults).where(eq(s.vaults.id, ids.vaultId)).get()!;
  const token = (who: "owner" | "reader" | "ownerOfB") =>
    createToken(portal.db, userIdOf(portal.db, emailOf(who)), { name: `fuzz-${who}`, days: 1 }).token;
  const tokens = { owner: token("owner"), reader: token("reader"), ownerOfB: token("ownerOfB"), forged: "fbp_" + "0".repeat(40), none: "" };
  const vaultPath = `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${a.name}`;
  const fabric = ids.serverId;
  const real: Record<string, string[]> = {
    "{fabric}": [fabric],
    "{container}": [`cloud_${fabric}`],
    "{item}": [ids.itemId, portal.vaultA.idOf("web-01")],
    "{point}": ["latest"],
    "{policy}": [ids.policyId, "fuzz-policy"],
    "{plan}": [ids.planId, "fuzz-plan"],
    "{job}": [ids.jobId],
  };
  const segment = fc.oneof(
    { arbitrary: fc.constant<string | null>(null), weight: 4 },
    { arbitrary: nasty.map((v) => (typeof v === "string" ? v : JSON.stringify(v)).slice(0, 3_000)), weight: 1 },
  );
  const armNasty: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, nasty, tie("object"), fc.array(tie("value"), { maxLength: 3 })),
    object: fc.dictionary(fc.oneof(fc.constantFrom(...ARM_KEYS), fc.constantFrom(...PROTO_KEYS)), tie("value"), { maxKeys: 5 }),
  })).value;
  const body = fc.oneof(
    { arbitrary: fc.constant<string | undefined>(undefined), weight: 1 },
    { arbitrary: armNasty.map((v) => JSON.stringify({ properties: v })), weight: 5 },
    {
      arbitrary: fc.constantFrom("{", '{"properties":', "[]", "null", "\u0000", "undefined", '{"properties":{"__proto__":{"x":1}}}'),
      weight: 1,
    },
    {
      arbitrary: fc.integer({ min: 20, max: 20_000 }).map((d) => `{"properties":${deep(d, d % 2 ? "array" : "object")}}`),
      weight: 1,
    },
  );
  const cases = fc.record({
    route: fc.constantFrom(...ROUTES),
    params: fc.array(segment, { minLength: 3, maxLength: 3 }),
    who: fc.constantFrom<keyof typeof tokens>("owner", "owner", "owner", "reader", "ownerOfB", "forged", "none"),
    apiVersion: fc.constantFrom("2023-06-01", "2023-06-01", "2023-06-01", "", "1999-01-01", "2023-06-01&$filter=' or 1 eq 1"),
    body,
  });
  let count = 0;
  const statuses = new Map<number, number>();
  let state = portal.state();
  await fc.assert(
    fc.asyncProperty(cases, async ({ route, params, who, apiVersion, body }) => {
      let fuzzed = 0;
      const path = route.pattern
        .map((p) => {
          if (!p.startsWith("{")) return p;
          const v = params[fuzzed++ % params.length] ?? null;
          return encodeURIComponent(v ?? real[p]![count % real[p]!.length]!);
        })
        .join("/");
      const url = `${portal.base}${vaultPath}/${path}?api-version=${apiVersion}`;
      const send = route.method === "GET" || route.method === "DELETE" ? undefined : body;
      const res = await fetch(url, {
        method: route.method,
        headers: {
          ...(tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {}),
          ...(send !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: send,
        redirect: "manual",
      });
      const text = await res.text();
      count++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const label = `${route.method} ${path} as ${who} with ${String(send).slice(0, 200)}`;
      expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
      const after = portal.state();
      if (res.status >= 400) {
        expect((JSON.parse(text) as { error?: { code?: string } }).error?.code, `${label}: ${text.slice(0, 300)}`).toEqual(
          expect.any(String),
        );
        // A token's "last used" moves with every authenticated request, answered or refused.
        const { api_tokens: _usedAfter, ...changed } = after;
        const { api_tokens: _usedBefore, ...was } = state;
        expect(changed, `${label} was refused (${res.status}) but changed the database`).toEqual(was);
      }
      state = after;
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
  );
  expect(count).toBe(RUNS);
  console.log(`automation API fuzz: ${count} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(portal.server.output()).not.toMatch(/unexpected error|internal error/i);
});

// ---- Isolation and the takeover chain ---------------------------------------------------------

type Ok<T> = { result: { data: { json: T } } };
const data = <T>(a: { json: unknown }) => (a.json as Ok<T>).result.data.json;

test("a user sees only their vaults, and in the log only their vault's rows and their own sign-ins", async () => {
  const list = (who: Caller) => trpc(portal, who, "vault.list", "query", undefined);
  expect(data<{ id: string }[]>(await list("owner")).map((v) => v.id)).toEqual([ids.vaultId]);
  expect(data<{ id: string }[]>(await list("ownerOfB")).map((v) => v.id)).toEqual([portal.vaultB.id]);
  expect(data<unknown[]>(await list("noRole"))).toEqual([]);

  const rows = data<{ items: { vaultId: string | null; userEmail: string | null }[] }>(
    await trpc(portal, "reader", "activity.list", "query", { vaultId: ids.vaultId, limit: 100 }),
  ).items;
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    if (row.vaultId !== null) expect(row.vaultId).toBe(ids.vaultId);
    else expect(row.userEmail, "a vault-less row of someone else").toBe("reader@security.test");
  }
  // Every one signed in at the start: the reader sees their own sign-in only.
  expect(rows.filter((r) => r.vaultId === null).length).toBeGreaterThan(0);
});

test("takeover chain: the Owner of vault A cannot gain access to a user of vault B by any sequence", async () => {
  const victim = "ownerofb@security.test";
  const attackerPassword = "Attacker-chosen-password-1";
  const victimRow = () => portal.db.select().from(s.users).where(eq(s.users.email, victim)).get()!;
  const passwordOf = () =>
    portal.db.select({ p: s.accounts.password }).from(s.accounts).where(eq(s.accounts.userId, victimRow().id)).get()?.p;
  const before = passwordOf();
  const allUserIds = portal.db
    .select({ id: s.users.id })
    .from(s.users)
    .all()
    .map((u) => u.id);
  const call = (path: string, type: "query" | "mutation", input: unknown) => trpc(portal, "owner", path, type, input);

  // 1. No answer the Owner of A gets names a user id: members, activity log, jobs, who am I.
  const job = portal.db.select({ id: s.jobs.id }).from(s.jobs).where(eq(s.jobs.vaultId, ids.vaultId)).get()!;
  for (const [path, input] of [
    ["users.list", { vaultId: ids.vaultId }],
    ["users.me", { vaultId: ids.vaultId }],
    ["activity.list", { vaultId: ids.vaultId, limit: 100 }],
    ["jobs.get", { vaultId: ids.vaultId, jobId: job.id }],
    ["jobs.list", { vaultId: ids.vaultId }],
  ] as const) {
    const answer = await call(path, "query", input);
    expect(answer.status, path).toBe(200);
    for (const id of allUserIds) expect(answer.body, `${path} names a user id`).not.toContain(id);
  }

  // 2. The old way (a user id) is not an input any more; vault B is out of reach.
  expect((await call("users.setRole", "mutation", { vaultId: ids.vaultId, userId: victimRow().id, role: "owner" })).status).toBe(400);
  expect(
    (await call("users.add", "mutation", { vaultId: portal.vaultB.id, name: "x", email: "x@security.test", role: "owner" })).status,
  ).toBe(404);

  // 3. Inviting the victim by email adds them to A as they are: the password given is not used.
  const invited = await call("users.add", "mutation", {
    vaultId: ids.vaultId,
    name: "Victim",
    email: victim,
    password: attackerPassword,
    role: "reader",
  });
  expect(invited.status, invited.body).toBe(200);
  expect(data<{ existingAccount: boolean }>(invited)).toEqual({ existingAccount: true });
  expect(passwordOf()).toBe(before);

  // 4. Their password cannot be reset from vault A: they can sign in to vault B.
  const reset = await call("users.resetPassword", "mutation", { vaultId: ids.vaultId, email: victim, password: attackerPassword });
  expect(reset.status, reset.body).toBe(412);
  expect(passwordOf()).toBe(before);

  // 5. Changing their role in A or removing them from A leaves vault B as it was.
  expect((await call("users.setRole", "mutation", { vaultId: ids.vaultId, email: victim, role: "owner" })).status).toBe(200);
  expect((await call("users.remove", "mutation", { vaultId: ids.vaultId, email: victim })).status).toBe(200);
  const inB = portal.db.select({ role: s.vaultMembers.role }).from(s.vaultMembers).where(eq(s.vaultMembers.userId, victimRow().id)).all();
  expect(inB).toEqual([{ role: "owner" }]);

  // 6. The attacker's password does not open the victim's account; theirs still does.
  expect((await signIn(portal.base, victim, attackerPassword)).status).toBe(401);
  expect((await signIn(portal.base, victim, PASSWORD)).status).toBe(200);

  // 7. A member of A only is the Owner's to reset (and their sessions end).
  const own = await call("users.resetPassword", "mutation", {
    vaultId: ids.vaultId,
    email: "reader@security.test",
    password: "A-new-password-1",
  });
  expect(own.status, own.body).toBe(200);
  expect((await signIn(portal.base, "reader@security.test", "A-new-password-1")).status).toBe(200);
  expect((await trpc(portal, "reader", "vault.list", "query", undefined)).status).toBe(401);
});
