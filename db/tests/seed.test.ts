import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { memoryDb } from "../client";
import { seedDemoVault, DEMO_VAULT_ID } from "../seed";
import * as s from "../schema";

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
    expect(cs.passphraseEnc).toMatch(/^v1\./);
  });
});
