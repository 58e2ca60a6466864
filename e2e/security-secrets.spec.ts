/**
 * Canary secrets over HTTP, against a portal of its own with the job engine on: a distinct canary
 * password (or passphrase) is set through every form that takes one, then nothing the portal
 * says afterwards may contain any of them — no read procedure of the router (generated from the
 * router, so a new one is covered), no live job stream, no CSV export, no activity-log row, no
 * line of the server's log, and no column of the database in clear. A personal access token is
 * in the answer that creates it, and nowhere after.
 *
 * Also: removing a member ends their sessions and their live job streams.
 */
import { test, expect } from "@playwright/test";
import { sql } from "drizzle-orm";
import { appRouter } from "@/server/api/root";
import { emailOf, startSecurityPortal, trpc, type Caller, type SecurityPortal } from "./security/portal";
import { CANARY_PORTS } from "./ports";

type ProcType = "query" | "mutation" | "subscription";
const PROCEDURES = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: ProcType } }> } })._def.procedures,
).map(([path, p]) => ({ path, type: p._def.type }));

const CANARIES = {
  addAccount: "Canary-addAccount-7Qx2-pw",
  updateAccountCredentials: "Canary-updateCredentials-9Lm4-pw",
  addVCenter: "Canary-addVCenter-3Zr8-pw",
  deployProcessServer: "Canary-deployPS-5Tk1-pw",
  usersAdd: "Canary-usersAdd-2Hd6-pw",
  usersResetPassword: "Canary-resetPassword-8Wn3-pw",
};

let portal: SecurityPortal;
/** Every canary, plus the access token once created. */
const secrets: string[] = Object.values(CANARIES);

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(300_000);
  // The job engine on (jobs run their steps with what they were given), the server log at its most verbose.
  portal = await startSecurityPortal(CANARY_PORTS + testInfo.parallelIndex, { JOB_ENGINE: "on", LOG_LEVEL: "trace" }, true, 5_000_000);
});

test.afterAll(async () => {
  await portal?.stop();
});

const A = "vault-a";
const id = (key: string) => `a-${key}`;

function dataOf<T>(answer: { json: unknown }): T {
  return (answer.json as { result: { data: { json: T } } }).result.data.json;
}

/** The live stream of a job, read until the job is final or `ms` have passed. */
async function readJobStream(who: Caller, jobId: string, ms: number, onData?: () => void): Promise<{ status: number; body: string }> {
  const input = encodeURIComponent(JSON.stringify({ json: { vaultId: A, jobId } }));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  let body = "";
  let status = 0;
  try {
    const res = await fetch(`${portal.base}/api/trpc/jobs.onUpdate?input=${input}`, {
      headers: { accept: "text/event-stream", cookie: portal.cookies[who as Exclude<Caller, "anonymous">] },
      signal: controller.signal,
    });
    status = res.status;
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      body += decoder.decode(chunk.value, { stream: true });
      if (onData && body.replace(/^event: connected\ndata: \{\}\n\n/, "").includes("data: ")) onData();
    }
  } catch (err) {
    if ((err as Error).name !== "AbortError") throw err;
  } finally {
    clearTimeout(timer);
  }
  return { status, body };
}

function assertClean(where: string, text: string) {
  for (const secret of secrets) expect(text.includes(secret), `${where} contains the canary ${secret}`).toBe(false);
}

/** Every string id anywhere in a value (to feed the read procedures that need one). */
function collectIds(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectIds(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" && (k === "id" || k.endsWith("Id")) && v.length < 200) out.add(v);
      else collectIds(v, out);
    }
}

test("a canary secret set through every form never comes back: reads, job streams, CSV, activity log, server log, database", async () => {
  // A few thousand requests: generous on a busy machine (10 minutes at a load of 28 on 2 cores).
  test.setTimeout(1_200_000);
  const jobIds: string[] = [];
  const ok = async (who: Caller, path: string, input: unknown) => {
    const answer = await trpc(portal, who, path, "mutation", input);
    expect(answer.status, `${path}: ${answer.body}`).toBe(200);
    assertClean(`the answer of ${path}`, answer.body);
    const data = dataOf<Record<string, unknown>>(answer);
    if (data && typeof data.jobId === "string") jobIds.push(data.jobId);
    return data;
  };

  // 1. Every form that takes a secret, with a distinct canary each.
  await ok("contributor", "infrastructure.addAccount", {
    vaultId: A,
    configurationServerId: id("cs-01"),
    friendlyName: "canary-account",
    userName: "CONTOSO\\canary",
    password: CANARIES.addAccount,
  });
  const servers = dataOf<{ accounts: { id: string; friendlyName: string }[] }>(
    await trpc(portal, "contributor", "infrastructure.configurationServers.get", "query", { vaultId: A, serverId: id("cs-01") }),
  );
  const account = servers.accounts.find((a) => a.friendlyName === "canary-account")!;
  expect(account).toBeTruthy();
  await ok("contributor", "infrastructure.updateAccountCredentials", {
    vaultId: A,
    accountId: account.id,
    userName: "CONTOSO\\canary2",
    password: CANARIES.updateAccountCredentials,
  });
  await ok("contributor", "infrastructure.addVCenter", {
    vaultId: A,
    configurationServerId: id("cs-01"),
    kind: "vcenter",
    name: "vc-canary",
    ip: "10.0.0.199",
    port: 443,
    newAccount: { friendlyName: "canary-vcenter-account", userName: "administrator@vsphere.local", password: CANARIES.addVCenter },
  });
  await ok("contributor", "infrastructure.deployProcessServer", {
    vaultId: A,
    configurationServerId: id("cs-01"),
    name: "ps-canary",
    subscriptionId: id("sub-prod"),
    networkId: id("vnet-prod"),
    subnetId: id("snet-prod-default"),
    ip: "10.10.1.60",
    userName: "psadmin",
    password: CANARIES.deployProcessServer,
    resourceGroupId: id("rg-failback"),
    storageAccountId: id("sa-failback"),
    networkInterfaceId: id("nic-ps-failback-02"),
  });
  await ok("owner", "users.add", {
    vaultId: A,
    name: "Canary",
    email: "canary@security.test",
    password: CANARIES.usersAdd,
    role: "reader",
  });
  await ok("owner", "users.resetPassword", { vaultId: A, email: "canary@security.test", password: CANARIES.usersResetPassword });
  // A personal access token: in the answer that creates it, and nowhere after.
  const created = await trpc(portal, "reader", "tokens.create", "mutation", { vaultId: A, name: "canary-token", days: 1 });
  expect(created.status, created.body).toBe(200);
  const token = dataOf<{ token: string }>(created).token;
  expect(token).toMatch(/^fbp_/);
  secrets.push(token);

  // 2. Every read procedure of the router, as every caller who may read vault A: first with the
  // vault alone, then with each id the answers named (the procedures that need one).
  const queries = PROCEDURES.filter((p) => p.type === "query");
  expect(queries.length).toBeGreaterThan(40);
  const seen = new Set<string>();
  const needsId: string[] = [];
  for (const who of ["reader", "contributor", "owner"] as const)
    for (const q of queries) {
      const answer = await trpc(portal, who, q.path, "query", { vaultId: A });
      expect(answer.status, `${q.path}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
      assertClean(`${q.path} as ${who}`, answer.body);
      if (answer.status === 200) collectIds(answer.json, seen);
      else if (answer.status === 400 && who === "owner") needsId.push(q.path);
    }
  expect(needsId.length).toBeGreaterThan(0);
  // The things the canaries went into first, then the rest of what the lists named.
  const ordered = [...jobIds, account.id, ...[...seen].filter((x) => !jobIds.includes(x) && x !== account.id)].slice(0, 120);
  let answered = 0;
  for (const path of needsId)
    for (const x of ordered) {
      const input = { vaultId: A, id: x, itemId: x, planId: x, jobId: x, serverId: x, vcenterId: x, accountId: x, operation: "failover" };
      const answer = await trpc(portal, "owner", path, "query", input);
      expect(answer.status, `${path}(${x}): ${answer.body.slice(0, 300)}`).toBeLessThan(500);
      assertClean(`${path}(${x})`, answer.body);
      if (answer.status === 200) answered++;
    }
  expect(answered).toBeGreaterThan(needsId.length);

  // 3. The live streams of the jobs the forms started (each until final, or a few seconds).
  expect(jobIds.length).toBeGreaterThanOrEqual(2);
  for (const jobId of jobIds) {
    const stream = await readJobStream("owner", jobId, 8_000);
    expect(stream.status).toBe(200);
    expect(stream.body).toContain("data: ");
    assertClean(`the job stream of ${jobId}`, stream.body);
  }

  // 4. The CSV exports: the activity log, and the drill report of every plan.
  const csv = await fetch(`${portal.base}/vaults/${A}/activity-log/export`, { headers: { cookie: portal.cookies.owner } });
  expect(csv.status).toBe(200);
  const csvText = await csv.text();
  expect(csvText).toContain("infrastructure.addAccount");
  assertClean("the activity-log CSV", csvText);
  const plans = dataOf<{ id: string }[]>(await trpc(portal, "owner", "plans.list", "query", { vaultId: A }));
  for (const plan of plans) {
    const report = await fetch(`${portal.base}/vaults/${A}/drill-report/csv?plan=${encodeURIComponent(plan.id)}`, {
      headers: { cookie: portal.cookies.owner },
    });
    expect(report.status).toBeLessThan(500);
    assertClean(`the drill report CSV of ${plan.id}`, await report.text());
  }

  // 5. The activity log as stored, every table of the database in clear, and the server log.
  const rows = portal.db.all(sql`select * from audit_entries`);
  expect(JSON.stringify(rows)).toContain("infrastructure.deployProcessServer");
  assertClean("the activity log", JSON.stringify(rows));
  const tables = portal.db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
  for (const { name } of tables) assertClean(`the table ${name}`, JSON.stringify(portal.db.all(sql.raw(`select * from "${name}"`))));
  const log = portal.server.output();
  expect(log).toContain('"level"');
  assertClean("the server log", log);
});

test("removing a member ends their sessions and their live job streams", async () => {
  test.setTimeout(180_000);
  // Real time in vault A, so that a job runs for minutes: a discovery (Refresh server) of a vCenter.
  expect((await trpc(portal, "contributor", "lab.setSpeed", "mutation", { vaultId: A, speed: 1 })).status).toBe(200);
  const server = dataOf<{ vcenters: { id: string }[] }>(
    await trpc(portal, "contributor", "infrastructure.configurationServers.get", "query", { vaultId: A, serverId: id("cs-01") }),
  );
  const started = await trpc(portal, "contributor", "infrastructure.refreshVCenter", "mutation", {
    vaultId: A,
    vcenterId: server.vcenters[0]!.id,
  });
  expect(started.status, started.body).toBe(200);
  const jobId = dataOf<{ jobId: string }>(started).jobId;
  // The operator watches it live: the first event arrives, then the Owner removes them.
  let firstEvent!: () => void;
  const opened = new Promise<void>((resolve) => (firstEvent = resolve));
  const watching = readJobStream("operator", jobId, 60_000, firstEvent);
  await Promise.race([opened, watching]);
  expect((await trpc(portal, "owner", "users.remove", "mutation", { vaultId: A, email: emailOf("operator") })).status).toBe(200);
  const stream = await watching;
  // The job still runs, but the stream ends with a refusal (the vault is not theirs any more).
  const job = dataOf<{ job: { status: string } }>(await trpc(portal, "owner", "jobs.get", "query", { vaultId: A, jobId }));
  expect(["not-started", "in-progress"]).toContain(job.job.status);
  expect(stream.status).toBe(200);
  expect(stream.body).toMatch(/event: serialized-error\ndata: .*"httpStatus":404/);
  // Their session is gone.
  expect((await trpc(portal, "operator", "vault.list", "query", undefined)).status).toBe(401);
});
