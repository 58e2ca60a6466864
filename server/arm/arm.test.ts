/**
 * The automation API against a seeded vault and the real job engine (in memory): authentication,
 * api-version, paths, paging and $filter, the ARM error envelope, and the failback round trip of
 * one item through the LRO endpoints. The unchanged Azure SDK drives the same routes in
 * e2e/automation-api.spec.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import { simulateReplication } from "@/server/domain/replication";
import { advanceSimulatedTime, dbClock, simulatedNow } from "@/server/jobs/clock";
import { JobEngine } from "@/server/jobs/engine";
import { registerAllJobDefinitions } from "@/server/jobs/definitions";
import { insertUser } from "@/server/domain/users/members";
import { createToken, revokeToken } from "@/server/domain/tokens/tokens";
import type { Role } from "@/server/domain/users/roles";
import { handleArmRequest, matchRoute, parseVaultPath } from "./handler";
import { parseItemFilter } from "./routes/items";

const vaultId = DEMO_VAULT_ID;

/**
 * A seeded vault and the real job engine, all on the vault's own simulated clock (the one the
 * verbs read when the API calls them), moved forward by hand.
 */
function apiHarness() {
  registerAllJobDefinitions();
  const db: DB = memoryDb();
  seedDemoVault(db);
  const heartbeats = (d: DB, v: string, now: Date) => refreshHeartbeats(d, v, now);
  const replication = (d: DB, v: string, now: Date) => void simulateReplication(d, v, now);
  const engine = new JobEngine({ db, clock: dbClock(db), hooks: [heartbeats, replication] });
  const item = (id: string) => db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, id)).get()!;
  const job = (id: string) => db.select().from(s.jobs).where(eq(s.jobs.id, id)).get()!;
  const run = (jobId: string) => {
    for (let i = 0; i < 500; i++) {
      engine.tick();
      const j = job(jobId);
      if (["succeeded", "failed", "cancelled"].includes(j.status)) return j;
      advanceSimulatedTime(db, vaultId, 5 * 60_000);
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  const touch = () => heartbeats(db, vaultId, simulatedNow(db, vaultId));
  return { db, item, run, touch };
}

const h = apiHarness();
const vault = h.db.select().from(s.vaults).where(eq(s.vaults.id, vaultId)).get()!;
const base = `https://portal.test/subscriptions/${vault.subscriptionId}/resourceGroups/${vault.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault.name}`;
const V = "?api-version=2023-06-01";
const tokens = {} as Record<Role, string>;

beforeAll(() => {
  for (const role of ["reader", "operator", "contributor", "owner"] as Role[]) {
    const id = insertUser(h.db, { name: role, email: `${role}@api.test`, passwordHash: "x" });
    h.db.insert(s.vaultMembers).values({ vaultId, userId: id, role, createdAt: new Date() }).run();
    tokens[role] = createToken(h.db, id, { name: "test" }).token;
  }
});

async function call(method: string, path: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const token = opts.token === undefined ? tokens.operator : opts.token;
  const url = path.startsWith("https://") ? path : base + path;
  const res = await handleArmRequest(
    new Request(url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json", ...opts.headers },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { db: h.db },
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const item = (id: string) => `/replicationFabrics/cs-01/replicationProtectionContainers/cloud_cs-01/replicationProtectedItems/${id}`;

describe("automation API: requests", () => {
  it("parses vault paths and matches segments case-insensitively", () => {
    expect(parseVaultPath("/SUBSCRIPTIONS/s/RESOURCEGROUPS/rg/PROVIDERS/microsoft.recoveryservices/VAULTS/v/replicationFabrics")).toEqual({
      subscription: "s",
      resourceGroup: "rg",
      vault: "v",
      rest: ["replicationFabrics"],
    });
    expect(parseVaultPath("/subscriptions/s/resourceGroups/rg/providers/Other.Provider/vaults/v")).toBeNull();
    const m = matchRoute("POST", [
      "REPLICATIONFABRICS",
      "cs-01",
      "replicationprotectioncontainers",
      "c",
      "ReplicationProtectedItems",
      "i",
      "reprotect",
    ]);
    expect(m).toMatchObject({
      route: { operationId: "ReplicationProtectedItems_Reprotect" },
      params: { fabric: "cs-01", container: "c", item: "i" },
    });
    expect(matchRoute("PATCH", ["replicationFabrics"])).toBe("method-not-allowed");
    expect(matchRoute("GET", ["replicationNetworks"])).toBeNull();
  });

  it("answers 401 in JSON without a token or with a bad, revoked or expired one", async () => {
    for (const token of [null, "fbp_unknown", "not-a-token"]) {
      const r = await call("GET", "/replicationFabrics" + V, { token });
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toMatch(/application\/json/);
      expect(r.body.error.code).toMatch(/AuthenticationFailed|InvalidAuthenticationToken/);
    }
    const id = insertUser(h.db, { name: "gone", email: "gone@api.test", passwordHash: "x" });
    const t = createToken(h.db, id, { name: "x" });
    revokeToken(h.db, id, { tokenId: t.id });
    expect((await call("GET", "/replicationFabrics" + V, { token: t.token })).status).toBe(401);
    const refused = h.db.select().from(s.auditEntries).where(eq(s.auditEntries.outcome, "refused")).all();
    expect(refused.some((r) => r.operation === "api.read" && /Authorization header is missing/.test(r.reason ?? ""))).toBe(true);
  });

  it("checks the api-version", async () => {
    expect((await call("GET", "/replicationFabrics")).body.error.code).toBe("MissingApiVersionParameter");
    const r = await call("GET", "/replicationFabrics?api-version=2021-01-01");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("InvalidApiVersionParameter");
  });

  it("answers 404 for unknown vaults, resources and resource types", async () => {
    const other = base.replace(vault.name, "no-such-vault");
    expect((await call("GET", `${other}/replicationFabrics${V}`)).status).toBe(404);
    expect((await call("GET", item("nope") + V)).body.error.code).toBe("ResourceNotFound");
    expect((await call("GET", "/replicationFabrics/nope" + V)).status).toBe(404);
    expect((await call("GET", "/replicationNetworks" + V)).body.error.code).toBe("InvalidResourceType");
    // An item of the vault but under another container is not found there.
    expect(
      (await call("GET", "/replicationFabrics/cs-01/replicationProtectionContainers/other/replicationProtectedItems/app-02" + V)).status,
    ).toBe(404);
  });

  it("lists fabrics with process servers, master targets and vCenters; the container; items with paging and $filter", async () => {
    const fabrics = await call("GET", "/replicationFabrics" + V);
    expect(fabrics.status).toBe(200);
    const cs = fabrics.body.value.find((f: { name: string }) => f.name === "cs-01");
    expect(cs.properties.customDetails.instanceType).toBe("VMware");
    expect(cs.properties.customDetails.processServers.map((p: { id: string }) => p.id)).toContain("ps-azure-prod");
    expect(cs.properties.customDetails.masterTargetServers.map((m: { id: string }) => m.id)).toContain("mt-cs-01");
    expect(cs.properties.customDetails.vCenters.map((v: { id: string }) => v.id)).toContain("vcenter-01");
    const containers = await call("GET", "/REPLICATIONFABRICS/cs-01/replicationProtectionContainers" + V);
    expect(containers.body.value[0].name).toBe("cloud_cs-01");

    const first = await call("GET", "/replicationProtectedItems" + V);
    expect(first.body.value).toHaveLength(20);
    expect(first.body.nextLink).toMatch(/^https:\/\/portal\.test\/subscriptions\/.*skipToken=20/);
    const second = await call("GET", first.body.nextLink);
    expect(second.body.nextLink).toBeUndefined();
    const all = [...first.body.value, ...second.body.value];
    expect(new Set(all.map((i: { name: string }) => i.name)).size).toBe(all.length);
    expect(all.length).toBe(h.db.select().from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, vaultId)).all().length);

    const filtered = await call(
      "GET",
      `/replicationProtectedItems${V}&$filter=${encodeURIComponent("protectionState eq 'FailoverCommitted' and activeLocation eq 'Recovery'")}`,
    );
    expect(filtered.body.value.length).toBeGreaterThan(3);
    for (const i of filtered.body.value)
      expect(i.properties).toMatchObject({ protectionState: "FailoverCommitted", activeLocation: "Recovery" });
    const bad = await call("GET", `/replicationProtectedItems${V}&$filter=${encodeURIComponent("color eq 'red'")}`);
    expect(bad.status).toBe(400);
    expect(parseItemFilter("friendlyName eq 'o''brien'")).toEqual({ name: "o'brien" });
  });

  it("gets an item in the SDK's shape, with its recovery points", async () => {
    const r = await call("GET", item("app-02") + V);
    expect(r.body).toMatchObject({
      name: "app-02",
      properties: {
        friendlyName: "app-02",
        protectionState: "FailoverCommitted",
        activeLocation: "Recovery",
        allowedOperations: expect.arrayContaining(["ReverseReplicate", "DisableProtection"]),
        providerSpecificDetails: { instanceType: "InMageAzureV2" },
      },
    });
    const crm = await call("GET", item("crm-01") + V);
    expect(crm.body.properties.providerSpecificDetails.instanceType).toBe("InMage");
    const points = await call("GET", item("crm-01") + "/recoveryPoints" + V);
    expect(points.body.value.length).toBeGreaterThan(0);
    const one = await call("GET", item("crm-01") + `/recoveryPoints/${points.body.value[0].name}` + V);
    expect(one.body.properties.recoveryPointType).toMatch(/Consistent$/);
  });

  it("filters by name, fabric and instance type; counts a container's items; names an item in any case", async () => {
    const names = async (filter: string, path = "/replicationProtectedItems") =>
      (await call("GET", `${path}${V}&$top=200&$filter=${encodeURIComponent(filter)}`)).body.value.map((i: { name: string }) => i.name);
    expect(await names("friendlyName eq 'APP-02'")).toEqual(["app-02"]);
    expect(await names("friendlyName eq 'app-0'")).toEqual([]);
    const rows = h.db.select().from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, vaultId)).all();
    const byName = (r: { name: string }[]) => r.map((x) => x.name).sort();
    expect((await names("primaryFabricName eq 'CS-01'")).sort()).toEqual(byName(rows.filter((r) => r.configurationServerId === "cs-01")));
    expect(await names("primaryFabricName eq 'nowhere'")).toEqual([]);
    const container = "/replicationFabrics/cs-01/replicationProtectionContainers/cloud_cs-01/replicationProtectedItems";
    expect(await names("primaryFabricName eq 'nowhere'", container)).toEqual([]);
    expect((await names("instanceType eq 'InMage'", container)).sort()).toEqual(
      byName(rows.filter((r) => r.configurationServerId === "cs-01" && r.replicationDirection === "to-on-premises")),
    );
    const c = await call("GET", "/replicationFabrics/cs-01/replicationProtectionContainers/cloud_cs-01" + V);
    expect(c.body.properties.protectedItemCount).toBe(
      rows.filter((r) => r.configurationServerId === "cs-01" && r.state !== "replication-disabled").length,
    );
    expect((await call("GET", item("APP-02") + V)).body.name).toBe("app-02");
    expect((await call("GET", item("app-99") + V)).status).toBe(404);
  });
});

describe("automation API: operations", () => {
  const reprotectBody = {
    properties: {
      failoverDirection: "RecoveryToPrimary",
      providerSpecificDetails: {
        instanceType: "InMage",
        masterTargetId: "mt-cs-01",
        processServerId: "ps-azure-prod",
        retentionDrive: "rv-cs-01-r",
        runAsAccountId: "acct-vcenter-admin",
        datastoreName: "ds-prod-01",
        profileId: "policy-24h-failback",
      },
    },
  };

  it("refuses bad provider input with 400 and changes nothing", async () => {
    const before = h.item("app-02");
    const wrongCase = await call("POST", item("app-02") + "/reProtect" + V, {
      body: { properties: { providerSpecificDetails: { ...reprotectBody.properties.providerSpecificDetails, instanceType: "inmage" } } },
    });
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.body.error.code).toBe("InvalidInstanceType");
    const direction = await call("POST", item("app-02") + "/reProtect" + V, {
      body: { properties: { ...reprotectBody.properties, failoverDirection: "Sideways" } },
    });
    expect(direction.status).toBe(400);
    const point = await call("POST", item("crm-01") + "/unplannedFailover" + V, {
      body: { properties: { providerSpecificDetails: { instanceType: "InMage", recoveryPointType: "latesttime" } } },
    });
    expect(point.status).toBe(400);
    // An over-long string at any depth is 400 with the field named, before any lookup.
    const longId = await call("POST", item("app-02") + "/reProtect" + V, {
      body: {
        properties: {
          ...reprotectBody.properties,
          providerSpecificDetails: { ...reprotectBody.properties.providerSpecificDetails, masterTargetId: "m".repeat(10_000) },
        },
      },
    });
    expect(longId.status).toBe(400);
    expect(longId.body.error.details).toContainEqual(
      expect.objectContaining({ target: "properties.providerSpecificDetails.masterTargetId" }),
    );
    const longPlanItem = await call("PUT", "/replicationRecoveryPlans/long" + V, {
      body: {
        properties: {
          primaryFabricId: "cs-01",
          recoveryFabricId: "Microsoft Azure",
          groups: [{ groupType: "Boot", replicationProtectedItems: [{ id: "i".repeat(10_000) }] }],
        },
      },
    });
    expect(longPlanItem.status).toBe(400);
    expect(longPlanItem.body.error.details).toContainEqual(
      expect.objectContaining({ target: "properties.groups[0].replicationProtectedItems[0].id" }),
    );
    // A body over 1 MB is refused unparsed.
    const huge = await call("POST", item("app-02") + "/reProtect" + V, {
      body: { properties: { ...reprotectBody.properties, padding: "x".repeat(1_100_000) } },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("RequestEntityTooLarge");
    expect(h.item("app-02")).toEqual(before);
  });

  it("refuses what the role does not allow with 403, and a wrong state with 409 and the domain's code", async () => {
    const reader = await call("POST", item("app-02") + "/reProtect" + V, { token: tokens.reader, body: reprotectBody });
    expect(reader.status).toBe(403);
    expect(reader.body.error.code).toBe("AuthorizationFailed");
    const commit = await call("POST", item("web-01") + "/failoverCommit" + V);
    expect(commit.status).toBe(409);
    expect(commit.body.error).toMatchObject({
      code: "OperationNotAllowed",
      details: expect.arrayContaining([expect.objectContaining({ code: "RecommendedAction" })]),
    });
  });

  it("runs reprotect as a long-running operation: 202, status, result; a retried request starts nothing new", async () => {
    h.touch();
    const headers = { "x-ms-client-request-id": "req-1", "x-forwarded-proto": "https", host: "portal.test" };
    const r = await call("POST", item("app-02") + "/reProtect" + V, { body: reprotectBody, headers });
    expect(r.body).toBeNull();
    expect(r.status).toBe(202);
    const status = r.headers.get("azure-asyncoperation")!;
    const result = r.headers.get("location")!;
    expect(status).toMatch(/^https:\/\/portal\.test\/subscriptions\/.*\/replicationOperationStatus\/.+\?api-version=2023-06-01$/);
    expect(r.headers.get("retry-after")).toBe("1");
    expect(h.item("app-02").state).toBe("reprotecting");
    const again = await call("POST", item("app-02") + "/reProtect" + V, { body: reprotectBody, headers });
    expect(again.headers.get("location")).toBe(result);
    expect((await call("GET", status)).body.status).toBe("InProgress");
    expect((await call("GET", result)).status).toBe(202);

    const jobId = h.item("app-02").currentJobId!;
    expect(h.run(jobId).status).toBe("succeeded");
    expect((await call("GET", status)).body.status).toBe("Succeeded");
    const done = await call("GET", result);
    expect(done.status).toBe(200);
    expect(done.body.properties).toMatchObject({ protectionState: "Protected", providerSpecificDetails: { instanceType: "InMage" } });
    const log = h.db.select().from(s.auditEntries).where(eq(s.auditEntries.operation, "items.reprotectToOnPremises")).all();
    expect(log.filter((l) => l.outcome === "accepted" && l.userEmail === "operator@api.test")).toHaveLength(1);
  });

  it("fails back with either failover direction and reports a failed job as Failed", async () => {
    h.touch();
    const r = await call("POST", item("app-02") + "/unplannedFailover" + V, {
      body: {
        properties: {
          failoverDirection: "PrimaryToRecovery",
          providerSpecificDetails: { instanceType: "InMage", recoveryPointType: "LatestTime" },
        },
      },
    });
    expect(r.status).toBe(202);
    expect(h.run(h.item("app-02").currentJobId!).status).toBe("succeeded");
    expect((await call("GET", r.headers.get("location")!)).body.properties).toMatchObject({
      protectionState: "FailoverCompleted",
      activeLocation: "Primary",
    });
  });

  it("fails back to the Latest tag (InMage LatestTag): the latest application-consistent tag, not merely the latest app-consistent point", async () => {
    h.touch();
    const r = await call("POST", item("crm-01") + "/unplannedFailover" + V, {
      body: { properties: { providerSpecificDetails: { instanceType: "InMage", recoveryPointType: "LatestTag" } } },
    });
    expect(r.status).toBe(202);
    const job = h.db
      .select()
      .from(s.jobs)
      .where(eq(s.jobs.id, h.item("crm-01").currentJobId!))
      .get()!;
    expect(job.input).toMatchObject({ direction: "to-on-premises", recoveryPointChoice: "latest-tag" });
    const point = h.db
      .select()
      .from(s.recoveryPoints)
      .where(eq(s.recoveryPoints.id, String(job.input.recoveryPointId)))
      .get()!;
    expect(point).toMatchObject({ type: "app-consistent", pendingMb: 0, direction: "to-on-premises" });
    expect(h.run(job.id).status).toBe("succeeded");
  });

  it("test failover and its cleanup, apply recovery point, and disable (remove and DELETE) go through the same verbs", async () => {
    h.touch();
    const tfo = await call("POST", item("web-01") + "/testFailover" + V, {
      body: {
        properties: {
          failoverDirection: "PrimaryToRecovery",
          networkType: "VmNetworkAsInput",
          networkId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/vnet-isolated",
          providerSpecificDetails: { instanceType: "InMageAzureV2" },
        },
      },
    });
    expect(tfo.status).toBe(202);
    expect(h.run(h.item("web-01").currentJobId!).status).toBe("succeeded");
    expect(h.item("web-01").state).toBe("test-failover-completed");
    const cleanup = await call("POST", item("web-01") + "/testFailoverCleanup" + V, { body: { properties: { comments: "drill ok" } } });
    expect(cleanup.status).toBe(202);
    expect(h.run(h.item("web-01").currentJobId!).status).toBe("succeeded");
    expect(h.item("web-01").state).toBe("protected");

    const points = await call("GET", item("app-01") + "/recoveryPoints" + V);
    const older = points.body.value.at(-1).id as string;
    const apply = await call("POST", item("app-01") + "/applyRecoveryPoint" + V, {
      body: { properties: { recoveryPointId: older, providerSpecificDetails: { instanceType: "InMageAzureV2" } } },
    });
    expect(apply.status).toBe(202);
    expect(h.run(h.item("app-01").currentJobId!).status).toBe("succeeded");
    expect(h.item("app-01").failoverRecoveryPointId).toBe(older.split("/").at(-1));

    const cleanupFirst = await call("POST", item("web-04") + "/remove" + V, { token: tokens.contributor, body: { properties: {} } });
    expect(cleanupFirst.status).toBe(409);
    expect((await call("DELETE", item("hr-01") + V)).status).toBe(403);
    const del = await call("DELETE", item("hr-01") + V, { token: tokens.contributor });
    expect(del.status).toBe(202);
    expect(h.run(h.item("hr-01").currentJobId!).status).toBe("succeeded");
    expect(h.item("hr-01").state).toBe("replication-disabled");
  });
});

describe("automation API: policies, recovery plans, jobs", () => {
  it("lists, gets and creates replication policies (with their failback twin)", async () => {
    const list = await call("GET", "/replicationPolicies" + V);
    expect(list.body.value.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["24-hour-retention-policy", "24-hour-retention-policy-failback"]),
    );
    const bad = await call("PUT", "/replicationPolicies/api-policy" + V, {
      token: tokens.contributor,
      body: { properties: { providerSpecificInput: { instanceType: "InMageAzureV2", multiVmSyncStatus: "enable" } } },
    });
    expect(bad.status).toBe(400);
    const created = await call("PUT", "/replicationPolicies/api-policy" + V, {
      token: tokens.contributor,
      body: {
        properties: {
          providerSpecificInput: {
            instanceType: "InMageAzureV2",
            recoveryPointThresholdInMinutes: 30,
            recoveryPointHistory: 48 * 60,
            appConsistentFrequencyInMinutes: 120,
            multiVmSyncStatus: "Disable",
          },
        },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "api-policy",
      properties: {
        providerSpecificDetails: { instanceType: "InMageAzureV2", recoveryPointHistory: 2880, recoveryPointThresholdInMinutes: 30 },
      },
    });
    expect((await call("GET", "/replicationPolicies/API-POLICY-failback" + V)).body.properties.providerSpecificDetails.instanceType).toBe(
      "InMage",
    );
    expect((await call("PUT", "/replicationPolicies/other" + V, { body: created.body })).status).toBe(400);
  });

  it("creates a plan, lists it, re-protects it without a body (the SDK sends none), fails it back and re-protects it to Azure", async () => {
    const ids = (x: string) => `${base.replace("https://portal.test", "")}${item(x)}`;
    const create = await call("PUT", "/replicationRecoveryPlans/api-plan" + V, {
      token: tokens.contributor,
      body: {
        properties: {
          primaryFabricId: `${base.replace("https://portal.test", "")}/replicationFabrics/cs-01`,
          recoveryFabricId: "Microsoft Azure",
          failoverDeploymentModel: "ResourceManager",
          groups: [
            { groupType: "Shutdown", replicationProtectedItems: [] },
            { groupType: "Boot", replicationProtectedItems: [{ id: ids("app-03") }] },
          ],
        },
      },
    });
    expect(create.status).toBe(200);
    expect(create.body.properties.groups[0].replicationProtectedItems[0].id).toMatch(/replicationProtectedItems\/app-03$/);
    const list = await call("GET", "/replicationRecoveryPlans" + V);
    expect(list.body.value.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["api-plan", "rp-web-tier", "rp-crm"]));

    h.touch();
    const rp = await call("POST", "/replicationRecoveryPlans/api-plan/reProtect" + V);
    expect(rp.status).toBe(202);
    const planJob = rp.headers.get("location")!.split("/").at(-1)!.split("?")[0]!;
    expect(h.run(planJob).status).toBe("succeeded");
    expect((await call("GET", rp.headers.get("location")!)).body.name).toBe("api-plan");
    expect(h.item("app-03")).toMatchObject({ state: "protected", replicationDirection: "to-on-premises" });

    const wrong = await call("POST", "/replicationRecoveryPlans/api-plan/unplannedFailover" + V, {
      body: { properties: { failoverDirection: "Up" } },
    });
    expect(wrong.status).toBe(400);
    for (let i = 0; i < 20 && !(await call("GET", item("app-03") + "/recoveryPoints" + V)).body.value.length; i++)
      h.run(h.item("web-02").currentJobId ?? planJob);
    h.touch();
    const fo = await call("POST", "/replicationRecoveryPlans/api-plan/unplannedFailover" + V, {
      body: { properties: { failoverDirection: "RecoveryToPrimary", sourceSiteOperations: "NotRequired" } },
    });
    expect(fo.status).toBe(202);
    expect(h.run(fo.headers.get("location")!.split("/").at(-1)!.split("?")[0]!).status).toBe("succeeded");
    expect(h.item("app-03")).toMatchObject({ state: "failover-completed", activeLocation: "on-premises" });
    const commit = await call("POST", "/replicationRecoveryPlans/api-plan/failoverCommit" + V);
    expect(h.run(commit.headers.get("location")!.split("/").at(-1)!.split("?")[0]!).status).toBe("succeeded");
    expect(h.item("app-03").state).toBe("failover-committed");

    // Committed on-premises: without a body it re-protects to Azure through the process server every machine accepts.
    h.touch();
    const toAzure = await call("POST", "/replicationRecoveryPlans/api-plan/reProtect" + V);
    expect(toAzure.status).toBe(202);
    expect(h.run(toAzure.headers.get("location")!.split("/").at(-1)!.split("?")[0]!).status).toBe("succeeded");
    expect(h.item("app-03")).toMatchObject({ state: "protected", replicationDirection: "to-azure", processServerId: "ps-cs-01" });
  });

  it("a plan's LatestTag is a failback point: refused with 400 for a test failover and a failover to Azure", async () => {
    const before = h.db.select().from(s.jobs).all().length;
    const tf = await call("POST", "/replicationRecoveryPlans/rp-crm/testFailover" + V, {
      body: {
        properties: {
          failoverDirection: "PrimaryToRecovery",
          networkType: "VmNetworkAsInput",
          networkId: "vnet-isolated",
          providerSpecificDetails: [{ instanceType: "InMageAzureV2", recoveryPointType: "LatestTag" }],
        },
      },
    });
    expect(tf.status).toBe(400);
    expect(tf.body.error.message).toMatch(/LatestTag is a recovery point of the failback only/);
    const fo = await call("POST", "/replicationRecoveryPlans/rp-crm/unplannedFailover" + V, {
      body: {
        properties: {
          failoverDirection: "PrimaryToRecovery",
          sourceSiteOperations: "NotRequired",
          providerSpecificDetails: [{ instanceType: "InMageAzureV2", recoveryPointType: "LatestTag" }],
        },
      },
    });
    expect(fo.status).toBe(400);
    expect(fo.body.error.code).toBe("LatestTagFailbackOnly");
    expect(h.db.select().from(s.jobs).all().length).toBe(before);
  });

  it("deletes a plan: 403 below Contributor, 409 while its job runs, 200, then 404 on GET and 204 on a repeated DELETE", async () => {
    const groups = [
      { groupType: "Boot", replicationProtectedItems: [{ id: `${base.replace("https://portal.test", "")}${item("app-02")}` }] },
    ];
    const fabric = `${base.replace("https://portal.test", "")}/replicationFabrics/cs-01`;
    const create = await call("PUT", "/replicationRecoveryPlans/gone-plan" + V, {
      token: tokens.contributor,
      body: { properties: { primaryFabricId: fabric, recoveryFabricId: "Microsoft Azure", groups } },
    });
    expect(create.status).toBe(200);
    const plan = () => h.db.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.name, "gone-plan")).get();
    const planId = plan()!.id;

    const operator = await call("DELETE", "/replicationRecoveryPlans/gone-plan" + V);
    expect(operator.status).toBe(403);
    const someJob = h.db.select({ id: s.jobs.id }).from(s.jobs).limit(1).get()!.id;
    h.db.update(s.recoveryPlans).set({ currentJobId: someJob }).where(eq(s.recoveryPlans.id, planId)).run();
    const running = await call("DELETE", "/replicationRecoveryPlans/GONE-PLAN" + V, { token: tokens.contributor });
    expect(running.status).toBe(409);
    expect(running.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: "RecommendedAction" })]));
    expect(plan()).toBeDefined();

    h.db.update(s.recoveryPlans).set({ currentJobId: null }).where(eq(s.recoveryPlans.id, planId)).run();
    const deleted = await call("DELETE", "/replicationRecoveryPlans/gone-plan" + V, { token: tokens.contributor });
    expect(deleted.status).toBe(200);
    expect(plan()).toBeUndefined();
    expect(h.db.select().from(s.recoveryPlanGroups).where(eq(s.recoveryPlanGroups.planId, planId)).all()).toEqual([]);
    expect((await call("GET", "/replicationRecoveryPlans/gone-plan" + V)).status).toBe(404);
    expect((await call("DELETE", "/replicationRecoveryPlans/gone-plan" + V, { token: tokens.contributor })).status).toBe(204);
  });

  it("lists jobs with $filter and paging, gets one, and cancels a running one", async () => {
    h.touch();
    const started = await call("POST", item("phys-win-01") + "/failoverCommit" + V);
    expect(started.status).toBe(409);
    const tfo = await call("POST", item("phys-lnx-01") + "/testFailover" + V, {
      body: { properties: { networkId: "vnet-isolated", networkType: "VmNetworkAsInput" } },
    });
    expect(tfo.status).toBe(202);
    const jobId = h.item("phys-lnx-01").currentJobId!;
    const running = await call("GET", `/replicationJobs${V}&$filter=${encodeURIComponent("JobStatus eq 'NotStarted,InProgress'")}`);
    expect(running.body.value.map((j: { name: string }) => j.name)).toContain(jobId);
    const one = await call("GET", `/replicationJobs/${jobId}` + V);
    expect(one.body.properties).toMatchObject({ friendlyName: "Test failover", allowedActions: expect.arrayContaining(["Cancel"]) });
    expect((await call("POST", `/replicationJobs/${jobId}/cancel` + V, { token: tokens.reader })).status).toBe(403);
    const cancelled = await call("POST", `/replicationJobs/${jobId}/cancel` + V);
    expect(cancelled.status).toBe(200);
    expect(h.run(jobId).status).toBe("cancelled");
    const page1 = await call("GET", `/replicationJobs${V}`);
    expect(page1.body.value.length).toBeGreaterThan(0);
    expect((await call("GET", `/replicationJobs${V}&$filter=${encodeURIComponent("JobStatus eq 'Weird'")}`)).status).toBe(400);
  });
});

describe("automation API: /openapi.json", () => {
  it("describes every implemented route once, with the ARM path and the SDK's operation id", async () => {
    const { openApiDocument } = await import("./openapi");
    const { ROUTES } = await import("./routes");
    const doc = openApiDocument("https://portal.test");
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p) as { operationId: string }[]);
    expect(ops.map((o) => o.operationId).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
    const reprotect = Object.entries(doc.paths).find(
      ([path]) => path.endsWith("/reProtect") && path.includes("replicationProtectedItems"),
    )!;
    expect(reprotect[0]).toBe(
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults/{resourceName}/replicationFabrics/{fabricName}/replicationProtectionContainers/{protectionContainerName}/replicationProtectedItems/{replicatedProtectedItemName}/reProtect",
    );
    expect(Object.keys((reprotect[1] as { post: { responses: object } }).post.responses)).toEqual(
      expect.arrayContaining(["202", "409", "401"]),
    );
  });
});
