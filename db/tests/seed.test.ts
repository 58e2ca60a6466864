import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { memoryDb, type DB } from "../client";
import { removeVault, seedDemoVault, seedVault, DEMO_VAULT_ID } from "../seed";
import * as s from "../schema";
import { getItem } from "@/server/domain/replicated-item/queries";
import { commit } from "@/server/domain/replicated-item/commit";
import { ManualClock } from "@/server/jobs/clock";
import { JobEngine } from "@/server/jobs/engine";
import { registerAllJobDefinitions } from "@/server/jobs/definitions";

describe("database", () => {
  it("applies the committed migrations to a fresh database with foreign keys on", () => {
    const db = memoryDb();
    const tables = db.$client.prepare("select name from sqlite_master where type='table'").all() as { name: string }[];
    const names = tables.map((t) => t.name);
    for (const t of [
      "vaults",
      "replicated_items",
      "jobs",
      "job_steps",
      "recovery_plans",
      "process_servers",
      "master_targets",
      "retention_volumes",
      "audit_entries",
    ]) {
      expect(names).toContain(t);
    }
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("seeds the demo vault once and is idempotent", () => {
    const db = memoryDb();
    expect(seedDemoVault(db)).toBe(true);
    const before = db.select({ n: count() }).from(s.replicatedItems).get()!.n;
    expect(seedDemoVault(db)).toBe(false);
    const after = db.select({ n: count() }).from(s.replicatedItems).get()!.n;
    expect(after).toBe(before);
    expect(db.select().from(s.configurationServers).where(eq(s.configurationServers.name, "cs-01")).get()?.vaultId).toBe(DEMO_VAULT_ID);
  });

  it("has an item in every stage of the round trip", () => {
    const db = memoryDb();
    seedDemoVault(db);
    const items = db.select().from(s.replicatedItems).all();
    const has = (state: s.ItemState, loc: s.ActiveLocation, dir: s.ReplicationDirection) =>
      items.some((i) => i.state === state && i.activeLocation === loc && i.replicationDirection === dir);
    expect(has("protected", "on-premises", "to-azure")).toBe(true); // 1 and 7
    expect(has("failover-completed", "azure", "to-azure")).toBe(true); // 2
    expect(has("failover-committed", "azure", "to-azure")).toBe(true); // 3
    expect(has("protected", "azure", "to-on-premises")).toBe(true); // 4
    expect(has("failover-completed", "on-premises", "to-on-premises")).toBe(true); // 5
    expect(has("failover-committed", "on-premises", "to-on-premises")).toBe(true); // 6
    expect(items.some((i) => i.state === "enabling-protection")).toBe(true);
    // Unprotected discovered machines are ready for Replicate.
    const protectedMachineIds = new Set(items.map((i) => i.machineId));
    expect(
      db
        .select()
        .from(s.machines)
        .all()
        .filter((m) => !protectedMachineIds.has(m.id)).length,
    ).toBeGreaterThanOrEqual(3);
    // Secrets are stored encrypted.
    const cs = db.select().from(s.configurationServers).get()!;
    expect(cs.passphraseEnc).toMatch(/^v2\./);
  });
});

describe("a vault seed parametrised by vault", () => {
  const START = Date.UTC(2026, 0, 5, 9);
  // Tables that hold rows (not a full-text index's own storage, whose row count depends on how it merged).
  const tables = (db: DB) =>
    (
      db.$client
        .prepare(
          "select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_%' escape '\\'",
        )
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
  const counts = (db: DB) =>
    Object.fromEntries(tables(db).map((t) => [t, (db.$client.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));

  it("keeps the demo vault's ids: the seed keys themselves", () => {
    const db = memoryDb();
    seedDemoVault(db, START);
    expect(db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, "app-02")).get()?.name).toBe("app-02");
    expect(db.select().from(s.azureNetworks).where(eq(s.azureNetworks.id, "vnet-prod")).get()?.name).toBe("vnet-prod");
    expect(db.select().from(s.configurationServers).where(eq(s.configurationServers.id, "cs-01")).get()?.vaultId).toBe(DEMO_VAULT_ID);
    expect(db.select().from(s.jobs).where(eq(s.jobs.id, "job-reprotect-erp-app-01")).get()?.status).toBe("failed");
  });

  it("seeds two more complete vaults into the demo's database, each a full copy with its own ids", () => {
    const db = memoryDb();
    seedDemoVault(db, START);
    const one = counts(db);
    const a = seedVault(db, { id: "e2e-a", name: "e2e vault A", speed: 600, now: START });
    const b = seedVault(db, { id: "e2e-b", now: START });
    const three = counts(db);
    for (const [table, n] of Object.entries(one)) expect({ table, n: three[table] }).toEqual({ table, n: 3 * n });
    expect(a).toMatchObject({ id: "e2e-a", name: "e2e vault A" });
    expect(b.name).toBe("e2e-b");
    expect(a.idOf("web-01")).toBe("e2e-a-web-01");

    // Same names as the demo, different ids, and nothing of one vault points into another.
    for (const v of [a, b]) {
      const items = db.select().from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, v.id)).all();
      expect(items.map((i) => i.name).sort()).toEqual(
        db
          .select()
          .from(s.replicatedItems)
          .where(eq(s.replicatedItems.vaultId, DEMO_VAULT_ID))
          .all()
          .map((i) => i.name)
          .sort(),
      );
      for (const i of items) {
        const refs = [
          i.id,
          i.machineId,
          i.configurationServerId,
          i.policyId,
          i.processServerId,
          i.masterTargetId,
          i.accountId,
          i.failbackDatastoreId,
          i.retentionVolumeId,
          i.targetNetworkId,
          i.targetSubnetId,
          i.azureVmId,
          i.testAzureVmId,
        ];
        for (const ref of refs.filter((r): r is string => r !== null)) expect(ref.startsWith(`${v.id}-`), `${i.name}: ${ref}`).toBe(true);
      }
      const fault = db.select().from(s.faultSwitches).where(eq(s.faultSwitches.vaultId, v.id)).get();
      expect(fault?.targetId).toBe(v.idOf("ps-branch-01"));
      const plan = db
        .select()
        .from(s.recoveryPlans)
        .where(eq(s.recoveryPlans.id, v.idOf("rp-sql")))
        .get();
      expect(plan).toMatchObject({ vaultId: v.id, name: "rp-sql-cluster" });
    }
    expect(db.select().from(s.simulationSettings).where(eq(s.simulationSettings.vaultId, a.id)).get()?.speed).toBe(600);
    expect(() => seedVault(db, { id: "e2e-a" })).toThrow();
  });

  it("removes a seeded vault and all it holds, leaving the others whole", () => {
    const db = memoryDb();
    seedDemoVault(db, START);
    const one = counts(db);
    const gone = seedVault(db, { id: "e2e-gone", now: START });
    db.insert(s.auditEntries)
      .values({ vaultId: gone.id, operation: "lab.setFault", outcome: "accepted", at: new Date(START) })
      .run();
    removeVault(db, gone.id);
    expect(counts(db)).toEqual(one);
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
  });

  it("runs an operation in one vault without touching the same item of another", () => {
    registerAllJobDefinitions();
    const clock = new ManualClock(START);
    const db = memoryDb();
    seedDemoVault(db, clock.now());
    const other = seedVault(db, { id: "e2e-other", now: clock.now() });
    const engine = new JobEngine({ db, clock });
    const env = { now: new Date(clock.now()) };
    const demoBefore = db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, "app-01")).get();

    // Stage 2 → 3 on the other vault's app-01, through the real engine.
    expect(getItem(db, other.id, other.idOf("app-01"), env).allowedOperations.commit.allowed).toBe(true);
    const { jobId } = commit(db, { vaultId: other.id, itemId: other.idOf("app-01") }, env);
    for (let i = 0; i < 50 && db.select().from(s.jobs).where(eq(s.jobs.id, jobId)).get()!.status !== "succeeded"; i++) {
      engine.tick();
      clock.advance(5 * 60_000);
    }
    expect(
      db
        .select()
        .from(s.replicatedItems)
        .where(eq(s.replicatedItems.id, other.idOf("app-01")))
        .get()?.state,
    ).toBe("failover-committed");
    expect(db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, "app-01")).get()).toEqual(demoBefore);
  });
});
