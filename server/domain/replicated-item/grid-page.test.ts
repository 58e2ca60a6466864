import { beforeAll, describe, expect, it } from "vitest";
import { memoryDb, type DB } from "@/db/client";
import { DEMO_VAULT_ID, seedDemoVault } from "@/db/seed";
import { seedProtectedItems } from "@/db/seed/bulk";
import { listItems, listItemsPage, ITEM_SORTS } from "./queries";

const vaultId = DEMO_VAULT_ID;
const now = Date.parse("2026-03-01T00:00:00Z");
let db: DB;

beforeAll(() => {
  db = memoryDb();
  seedDemoVault(db, now);
  seedProtectedItems(db, { vaultId, count: 250, now, namePrefix: "bulk-vm" });
});

describe("the Replicated items grid page", () => {
  it("pages by offset with the total, in a total and stable order, never more than 100 rows", () => {
    const all = listItems(db, { vaultId }).map((r) => r.id);
    const seen: string[] = [];
    let total = 0;
    for (let offset = 0; offset < all.length; offset += 100) {
      const page = listItemsPage(db, { vaultId, offset });
      expect(page.items.length).toBeLessThanOrEqual(100);
      total = page.total;
      seen.push(...page.items.map((r) => r.id));
    }
    expect(total).toBe(all.length);
    expect(seen).toEqual(all);
    expect(() => listItemsPage(db, { vaultId, limit: 500 })).toThrow(/limit/);
  });

  it("filters in SQL: search on name (the user's % and _ are literal), state, health, location", () => {
    const page = listItemsPage(db, { vaultId, search: "BULK-VM-0012" });
    expect(page.items.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `bulk-vm-0012${i}`));
    expect(page.total).toBe(10);
    expect(listItemsPage(db, { vaultId, search: "%" }).total).toBe(0);
    const critical = listItemsPage(db, { vaultId, health: "critical" });
    expect(critical.items.every((r) => r.replicationHealth === "critical")).toBe(true);
    expect(critical.total).toBe(listItems(db, { vaultId, health: "critical" }).length);
    const azure = listItemsPage(db, { vaultId, location: "azure", state: ["failover-completed", "failover-committed"] });
    expect(azure.items.length).toBeGreaterThan(0);
    expect(azure.items.every((r) => r.activeLocation === "azure" && r.state.startsWith("failover-"))).toBe(true);
  });

  it.each(ITEM_SORTS)("sorts by %s in both directions, ties by name", (sort) => {
    const asc = listItemsPage(db, { vaultId, sort, dir: "asc", limit: 100 }).items;
    const desc = listItemsPage(db, { vaultId, sort, dir: "desc", limit: 100 }).items;
    expect(asc.length).toBe(100);
    const key = (r: (typeof asc)[number]) =>
      ({
        name: r.name,
        health: r.replicationHealth,
        state: r.state,
        location: r.activeLocation,
        // RPO ascending = newest recovery point first.
        rpo: -(r.lastRecoveryPointAt?.getTime() ?? -Infinity),
        lastRecoveryPoint: r.lastRecoveryPointAt?.getTime() ?? -Infinity,
        kind: r.kind,
      })[sort];
    const ordered = (rows: typeof asc, sign: 1 | -1) =>
      rows.every((r, i) => i === 0 || sign * (key(rows[i - 1]!) < key(r) ? -1 : key(rows[i - 1]!) > key(r) ? 1 : 0) <= 0);
    expect(ordered(asc, 1)).toBe(true);
    expect(ordered(desc, -1)).toBe(true);
  });

  it("shows a replicating item's RPO as the age of its latest point at simulated now", () => {
    const page = listItemsPage(db, { vaultId, search: "bulk-vm-00001" });
    const row = page.items[0]!;
    expect(row.rpoSeconds).toBe(Math.round((page.now.getTime() - row.lastRecoveryPointAt!.getTime()) / 1000));
  });
});
