import { beforeEach, describe, expect, it } from "vitest";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import { createCaller } from "@/server/api/root";
import { createContext, type SessionUser } from "@/server/api/trpc";
import "@/server/jobs/definitions";
import { errorCodeOf } from "../test-support";

const vaultId = DEMO_VAULT_ID;
let db: DB;
const users: Record<string, SessionUser> = {};

beforeEach(() => {
  db = memoryDb();
  seedDemoVault(db);
  for (const role of ["reader", "operator", "contributor"] as const) {
    const email = `${role}@contoso.test`;
    const id = insertUser(db, { name: role, email, passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId, userId: id, role, createdAt: new Date() }).run();
    users[role] = { id, email, name: role };
  }
});

const as = async (role: string) => createCaller(await createContext({ db, headers: new Headers(), user: users[role]! }));
const code = errorCodeOf;

describe("items router", () => {
  it("reads: list with filters and search, get with allowed operations, options, readiness", async () => {
    const c = await as("reader");
    const page = await c.items.list({ vaultId, search: "APP-0" });
    expect(page.items.map((r) => r.name)).toEqual(["app-01", "app-02", "app-03", "erp-app-01", "legacy-app-01"]);
    expect(page.total).toBe(5);
    expect((await c.items.list({ vaultId, state: "failover-committed", location: "on-premises" })).items).toHaveLength(1);
    expect((await c.items.list({ vaultId, health: ["critical"] })).items.map((r) => r.id)).toEqual(["ps-lost-01"]);
    expect((await c.items.all({ vaultId, search: "APP-0" })).map((r) => r.name)).toEqual(page.items.map((r) => r.name));
    expect(await code(c.items.list({ vaultId, limit: 101 }))).toBe("BAD_REQUEST");
    const item = await c.items.get({ vaultId, itemId: "app-02" });
    expect(item.allowedOperations["reprotect-to-on-premises"]).toMatchObject({ allowed: true, command: "Re-protect" });
    expect(item.allowedOperations.commit.allowed).toBe(false);
    expect(item.latestPoints.length).toBeGreaterThan(0);
    expect((await c.items.reprotectOptions({ vaultId, itemId: "app-02" })).processServers[0]?.id).toBe("ps-azure-prod");
    // A plan's options span its machines: a reader may read them; a missing plan is NOT_FOUND, an empty id BAD_REQUEST.
    expect((await c.plans.reprotectOptions({ vaultId, planId: "rp-web" })).defaults.processServerId).toBeTruthy();
    expect(await code(c.plans.reprotectOptions({ vaultId, planId: "nope" }))).toBe("NOT_FOUND");
    expect(await code(c.plans.reprotectOptions({ vaultId, planId: "" }))).toBe("BAD_REQUEST");
    expect((await c.items.readiness({ vaultId, itemId: "erp-app-01" })).ready).toBe(false);
    expect((await c.items.replicateOptions({ vaultId })).machines.map((m) => m.name)).toContain("mail-01");
    const points = await c.items.recoveryPoints({ vaultId, itemId: "web-01", limit: 2 });
    expect(points.items).toHaveLength(2);
    expect(points.total).toBeGreaterThan(2);
    expect((await c.items.recoveryPoints({ vaultId, itemId: "web-01", limit: 2, cursor: points.nextCursor })).items[0]!.id).not.toBe(
      points.items[0]!.id,
    );
  });

  it("maps refusals: BAD_REQUEST, NOT_FOUND, PRECONDITION_FAILED, CONFLICT, FORBIDDEN", async () => {
    const op = await as("operator");
    expect(await code(op.items.commit({ vaultId, itemId: "" }))).toBe("BAD_REQUEST");
    expect(await code(op.items.commit({ vaultId, itemId: "nope" }))).toBe("NOT_FOUND");
    expect(await code(op.items.commit({ vaultId, itemId: "web-01" }))).toBe("PRECONDITION_FAILED");
    const r = await op.items.commit({ vaultId, itemId: "app-01" });
    expect(r.jobId).toBeTruthy();
    expect(await code(op.items.changeRecoveryPoint({ vaultId, itemId: "app-01", recoveryPoint: "latest" }))).toBe("CONFLICT");
    expect(await code((await as("reader")).items.commit({ vaultId, itemId: "app-02" }))).toBe("FORBIDDEN");
    expect(await code(op.items.disableReplication({ vaultId, itemId: "web-01" }))).toBe("FORBIDDEN");
    expect(await code((await as("contributor")).items.disableReplication({ vaultId, itemId: "web-01" }))).toBeNull();
  });

  it("no procedure answers junk input with a 500", async () => {
    const c = await as("contributor");
    const junk: unknown[] = [
      null,
      {},
      { vaultId },
      { vaultId, itemId: 5 },
      { vaultId, itemId: "app-02", processServerId: "x", masterTargetId: "x", accountId: "x", datastoreId: "x", retentionVolumeId: "x" },
      "str",
    ];
    const procs = [
      c.items.failover,
      c.items.unplannedFailover,
      c.items.commit,
      c.items.reprotectToOnPremises,
      c.items.reprotectToAzure,
      c.items.testFailover,
      c.items.enableReplication,
      c.infrastructure.deployProcessServer,
      c.lab.setFault,
    ] as ((i: never) => Promise<unknown>)[];
    for (const p of procs) for (const j of junk) expect(await code(p(j as never))).not.toBe("INTERNAL_SERVER_ERROR");
  });
});

describe("infrastructure, policies and lab routers", () => {
  it("configuration server details carry no secrets", async () => {
    const cs = await (await as("reader")).infrastructure.configurationServers.get({ vaultId, serverId: "cs-01" });
    expect(JSON.stringify(cs)).not.toMatch(/v1\.|Demo-/);
    expect(cs.accounts[0]?.password.set).toBe(true);
  });

  it("lab: a contributor switches a fault; the item readiness sees it", async () => {
    const c = await as("contributor");
    await c.lab.setFault({ vaultId, fault: "vpn-down", targetId: "vnet-prod" });
    expect((await c.lab.get({ vaultId })).faults.find((f) => f.fault === "vpn-down")).toMatchObject({ enabled: true, label: "VPN down" });
    const r = await c.items.readiness({
      vaultId,
      itemId: "app-02",
      processServerId: "ps-azure-prod",
      masterTargetId: "mt-cs-01",
      accountId: "acct-vcenter-admin",
      datastoreId: "ds-prod-01",
      retentionVolumeId: "rv-cs-01-r",
    });
    expect(r.checks.find((x) => x.number === 10)?.passed).toBe(false);
    await c.lab.clearFault({ vaultId, fault: "vpn-down", targetId: "vnet-prod" });
    expect(await code((await as("operator")).lab.setFault({ vaultId, fault: "vpn-down" }))).toBe("FORBIDDEN");
  });

  it("policies.create makes the failback twin", async () => {
    const c = await as("contributor");
    await c.policies.create({
      vaultId,
      configurationServerId: "cs-01",
      name: "p-12h",
      rpoThresholdMinutes: 30,
      retentionHours: 12,
      appConsistentFrequencyMinutes: 60,
    });
    const names = (await c.policies.list({ vaultId })).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["p-12h", "p-12h-failback"]));
  });
});
