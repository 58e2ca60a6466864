import { execFileSync } from "node:child_process";
import { SiteRecoveryManagementClient, type ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { TokenCredential } from "@azure/core-auth";
import { eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import { createToken } from "@/server/domain/tokens/tokens";
import { test, expect } from "./fixtures";
import { E2E_DATABASE_FILE } from "./fixtures/files";
import { startTlsEndpoint, type TlsEndpoint } from "./fixtures/tls-endpoint";
import { ADMIN } from "./support";
import { TLS_PORTS } from "./ports";

/**
 * The unchanged Azure SDK (`@azure/arm-recoveryservices-siterecovery`) drives the portal through a
 * local TLS endpoint with a personal access token: lists, the failback round trip of a committed
 * item with the begin…AndWait methods, and the refusals (409 with our code, 404, 403 for a Reader).
 */

const TLS_PORT = TLS_PORTS + (Number(process.env.TEST_PARALLEL_INDEX ?? 0) % 10);

let tls: TlsEndpoint;
test.beforeAll(async ({}, testInfo) => {
  tls = await startTlsEndpoint(String(testInfo.project.use.baseURL), TLS_PORT);
});
test.afterAll(async () => {
  await tls?.close();
});

function sdk(token: string, subscriptionId: string) {
  const credential: TokenCredential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
  return new SiteRecoveryManagementClient(credential, subscriptionId, {
    $host: tls.url,
    endpoint: tls.url,
    tlsOptions: { ca: tls.ca },
    retryOptions: { maxRetries: 1 },
  });
}

/** A new token of the user from `npm run user -- token`, as a script or CI would get one. */
function cliToken(email: string): string {
  const out = execFileSync("npx", ["tsx", "scripts/user.ts", "token", "--email", email, "--days", "1", "--name", "sdk e2e"], {
    env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE_FILE}` },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out.trim();
}

const FAST = { updateIntervalInMs: 500 };

test("the Azure SDK lists, runs the failback round trip and gets our refusals", async ({ vault }) => {
  test.setTimeout(300_000);
  const db = openDb(E2E_DATABASE_FILE);
  const row = db.select().from(s.vaults).where(eq(s.vaults.id, vault.id)).get()!;
  const token = cliToken(ADMIN.email);
  expect(token).toMatch(/^fbp_/);
  const client = sdk(token, row.subscriptionId);
  const rg = row.resourceGroup;
  const name = row.name;
  const fabric = vault.idOf("cs-01");
  const container = `cloud_${fabric}`;

  // Lists: fabrics with their servers; every protected item, across pages (nextLink).
  const fabrics = [];
  for await (const f of client.replicationFabrics.list(name, rg)) fabrics.push(f);
  expect(fabrics.map((f) => f.name)).toEqual([fabric]);
  expect(fabrics[0]!.properties?.customDetails?.instanceType).toBe("VMware");
  const items: ReplicationProtectedItem[] = [];
  for await (const i of client.replicationProtectedItems.list(name, rg)) items.push(i);
  const seeded = db.select().from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, vault.id)).all();
  expect(seeded.length).toBeGreaterThan(20);
  expect(items.map((i) => i.name).sort()).toEqual(seeded.map((i) => i.id).sort());
  const inContainer = [];
  for await (const i of client.replicationProtectedItems.listByReplicationProtectionContainers(name, rg, fabric, container))
    inContainer.push(i);
  expect(inContainer).toHaveLength(seeded.length);

  // The failback round trip of a committed item.
  const itemId = vault.idOf("app-02");
  const args = [name, rg, fabric, container, itemId] as const;
  const before = await client.replicationProtectedItems.get(...args);
  expect(before.properties).toMatchObject({ protectionState: "FailoverCommitted", activeLocation: "Recovery" });
  expect(before.properties?.allowedOperations).toContain("ReverseReplicate");

  const reprotected = await client.replicationProtectedItems.beginReprotectAndWait(
    ...args,
    {
      properties: {
        failoverDirection: "RecoveryToPrimary",
        providerSpecificDetails: {
          instanceType: "InMage",
          masterTargetId: vault.idOf("mt-cs-01"),
          processServerId: vault.idOf("ps-azure-prod"),
          retentionDrive: vault.idOf("rv-cs-01-r"),
          runAsAccountId: vault.idOf("acct-vcenter-admin"),
          datastoreName: "ds-prod-01",
          profileId: vault.idOf("policy-24h-failback"),
        },
      },
    },
    FAST,
  );
  expect(reprotected.properties).toMatchObject({ protectionState: "Protected", activeLocation: "Recovery" });
  expect(reprotected.properties?.providerSpecificDetails?.instanceType).toBe("InMage");

  // The failback needs a recovery point replicated towards on-premises.
  await expect
    .poll(async () => {
      let n = 0;
      for await (const _ of client.recoveryPoints.listByReplicationProtectedItems(...args)) n++;
      return n;
    })
    .toBeGreaterThan(0);

  const failedBack = await client.replicationProtectedItems.beginUnplannedFailoverAndWait(
    ...args,
    {
      properties: {
        failoverDirection: "PrimaryToRecovery",
        sourceSiteOperations: "NotRequired",
        providerSpecificDetails: { instanceType: "InMage", recoveryPointType: "LatestTime" },
      },
    },
    FAST,
  );
  expect(failedBack.properties).toMatchObject({ protectionState: "FailoverCompleted", activeLocation: "Primary" });

  const committed = await client.replicationProtectedItems.beginFailoverCommitAndWait(...args, FAST);
  expect(committed.properties).toMatchObject({ protectionState: "FailoverCommitted", activeLocation: "Primary" });

  const toAzure = await client.replicationProtectedItems.beginReprotectAndWait(
    ...args,
    {
      properties: {
        failoverDirection: "PrimaryToRecovery",
        providerSpecificDetails: { instanceType: "InMageAzureV2", processServerId: vault.idOf("ps-cs-01") },
      },
    },
    FAST,
  );
  expect(toAzure.properties).toMatchObject({ protectionState: "Protected", activeLocation: "Primary" });
  expect(toAzure.properties?.providerSpecificDetails?.instanceType).toBe("InMageAzureV2");

  // Refusals: the wrong state (409 with the domain's code), an unknown item (404), a Reader (403).
  const wrongState = await client.replicationProtectedItems
    .beginFailoverCommitAndWait(name, rg, fabric, container, vault.idOf("web-01"), FAST)
    .catch((e: unknown) => e);
  expect(wrongState).toMatchObject({ statusCode: 409, code: "OperationNotAllowed" });
  const unknown = await client.replicationProtectedItems.get(name, rg, fabric, container, "no-such-item").catch((e: unknown) => e);
  expect(unknown).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });

  const readerId = insertUser(db, { name: "API Reader", email: `reader-${vault.id}@e2e.test`, passwordHash: "x" });
  db.insert(s.vaultMembers).values({ vaultId: vault.id, userId: readerId, role: "reader", createdAt: new Date() }).run();
  const reader = sdk(createToken(db, readerId, { name: "reader", days: 1 }).token, row.subscriptionId);
  expect((await reader.replicationProtectedItems.get(...args)).name).toBe(itemId);
  const forbidden = await reader.replicationProtectedItems.beginFailoverCommitAndWait(...args, FAST).catch((e: unknown) => e);
  expect(forbidden).toMatchObject({ statusCode: 403, code: "AuthorizationFailed" });

  // Without a token: 401 in JSON, never a redirect to the sign-in page.
  const anonymous = await fetch(
    `${String(test.info().project.use.baseURL)}/subscriptions/${row.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}/replicationFabrics?api-version=2023-06-01`,
    {
      redirect: "manual",
    },
  );
  expect(anonymous.status).toBe(401);
  expect((await anonymous.json()).error.code).toBe("AuthenticationFailed");
  // An over-long id anywhere in a body is 400 with the field named, and changes nothing.
  // What a re-protect would change (replication itself moves the item's recovery point fields meanwhile).
  const reprotectView = () => {
    const i = db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, itemId)).get()!;
    const jobs = db.select({ id: s.jobs.id }).from(s.jobs).where(eq(s.jobs.targetId, itemId)).all().length;
    return { state: i.state, currentJobId: i.currentJobId, direction: i.replicationDirection, masterTargetId: i.masterTargetId, jobs };
  };
  const unchanged = reprotectView();
  const longId = await fetch(
    `${String(test.info().project.use.baseURL)}/subscriptions/${row.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.RecoveryServices/vaults/${name}/replicationFabrics/${fabric}/replicationProtectionContainers/${container}/replicationProtectedItems/${itemId}/reProtect?api-version=2023-06-01`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        properties: {
          failoverDirection: "RecoveryToPrimary",
          providerSpecificDetails: {
            instanceType: "InMage",
            masterTargetId: "m".repeat(10_000),
            processServerId: "ps",
            retentionDrive: "r",
            runAsAccountId: "a",
            datastoreName: "d",
          },
        },
      }),
    },
  );
  expect(longId.status).toBe(400);
  expect((await longId.json()).error.details).toContainEqual(
    expect.objectContaining({ target: "properties.providerSpecificDetails.masterTargetId" }),
  );
  expect(reprotectView()).toEqual(unchanged);
  const openapi = await fetch(`${String(test.info().project.use.baseURL)}/openapi.json`, { redirect: "manual" });
  expect(openapi.status).toBe(200);
  expect(
    Object.keys((await openapi.json()).paths).some((p: string) =>
      p.endsWith("/replicationProtectedItems/{replicatedProtectedItemName}/reProtect"),
    ),
  ).toBe(true);

  // Every call is in the activity log, as the token's user.
  const log = db.select().from(s.auditEntries).where(eq(s.auditEntries.vaultId, vault.id)).all();
  expect(log.filter((l) => l.userEmail === ADMIN.email && l.operation === "api.read").length).toBeGreaterThan(3);
  expect(
    log.filter((l) => l.userEmail === ADMIN.email && l.operation.startsWith("items.") && l.outcome === "accepted").map((l) => l.operation),
  ).toEqual(expect.arrayContaining(["items.reprotectToOnPremises", "items.unplannedFailover", "items.commit", "items.reprotectToAzure"]));
  db.$client.close();
});

test("the Azure SDK creates a recovery plan and fails it back: re-protect, unplanned failover, commit", async ({ vault }) => {
  test.setTimeout(300_000);
  const db = openDb(E2E_DATABASE_FILE);
  const row = db.select().from(s.vaults).where(eq(s.vaults.id, vault.id)).get()!;
  const admin = db.select().from(s.users).where(eq(s.users.email, ADMIN.email)).get()!;
  const client = sdk(createToken(db, admin.id, { name: "plan e2e", days: 1 }).token, row.subscriptionId);
  const [name, rg] = [row.name, row.resourceGroup];
  const fabric = vault.idOf("cs-01");
  const container = `cloud_${fabric}`;
  const itemId = vault.idOf("app-03");
  const item = await client.replicationProtectedItems.get(name, rg, fabric, container, itemId);

  const plan = await client.replicationRecoveryPlans.beginCreateAndWait(
    name,
    rg,
    "sdk-drill",
    {
      properties: {
        primaryFabricId: item.id!.split("/replicationProtectionContainers/")[0]!,
        recoveryFabricId: "Microsoft Azure",
        failoverDeploymentModel: "ResourceManager",
        groups: [{ groupType: "Boot", replicationProtectedItems: [{ id: item.id }] }],
      },
    },
    FAST,
  );
  expect(plan.name).toBe("sdk-drill");
  const plans = [];
  for await (const p of client.replicationRecoveryPlans.list(name, rg)) plans.push(p.name);
  expect(plans).toContain("sdk-drill");

  // Re-protect: the SDK sends no body; the plan's items are committed in Azure, so it re-protects to on-premises.
  const reprotected = await client.replicationRecoveryPlans.beginReprotectAndWait(name, rg, "sdk-drill", FAST);
  expect(reprotected.name).toBe("sdk-drill");
  expect((await client.replicationProtectedItems.get(name, rg, fabric, container, itemId)).properties).toMatchObject({
    protectionState: "Protected",
    providerSpecificDetails: { instanceType: "InMage" },
  });
  await expect
    .poll(async () => {
      let n = 0;
      for await (const _ of client.recoveryPoints.listByReplicationProtectedItems(name, rg, fabric, container, itemId)) n++;
      return n;
    })
    .toBeGreaterThan(0);

  await client.replicationRecoveryPlans.beginUnplannedFailoverAndWait(
    name,
    rg,
    "sdk-drill",
    { properties: { failoverDirection: "RecoveryToPrimary", sourceSiteOperations: "NotRequired" } },
    FAST,
  );
  expect((await client.replicationProtectedItems.get(name, rg, fabric, container, itemId)).properties).toMatchObject({
    protectionState: "FailoverCompleted",
    activeLocation: "Primary",
  });
  await client.replicationRecoveryPlans.beginFailoverCommitAndWait(name, rg, "sdk-drill", FAST);
  expect((await client.replicationProtectedItems.get(name, rg, fabric, container, itemId)).properties?.protectionState).toBe(
    "FailoverCommitted",
  );

  // The plan's job is in replicationJobs, filterable by status.
  const jobs = [];
  for await (const j of client.replicationJobs.list(name, rg, { filter: "JobStatus eq 'Succeeded' and ScenarioName eq 'recovery-plan'" }))
    jobs.push(j);
  expect(jobs.filter((j) => j.properties?.targetObjectName === "sdk-drill")).toHaveLength(3);

  // The SDK deletes the plan (200), and a repeated delete succeeds too (204).
  await client.replicationRecoveryPlans.beginDeleteAndWait(name, rg, "sdk-drill", FAST);
  await client.replicationRecoveryPlans.beginDeleteAndWait(name, rg, "sdk-drill", FAST);
  const left = [];
  for await (const p of client.replicationRecoveryPlans.list(name, rg)) left.push(p.name);
  expect(left).not.toContain("sdk-drill");
  db.$client.close();
});
