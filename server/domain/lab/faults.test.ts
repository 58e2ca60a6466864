import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { DEMO_VAULT_ID, seedDemoVault, seedVault } from "@/db/seed";
import * as s from "@/db/schema";
import { FAULT_TARGET_KINDS, faultTargets, getLab } from "./faults";

const OTHER = "lab-other-vault";
let db: DB;

beforeAll(() => {
  db = memoryDb();
  seedDemoVault(db);
  seedVault(db, { id: OTHER });
});

const ids = (t: ReturnType<typeof faultTargets>) => Object.values(t).flatMap((list) => list.map((o) => o.id));

describe("faultTargets", () => {
  it("lists objects of every kind a switch can be aimed at, by name", () => {
    const t = faultTargets(db, DEMO_VAULT_ID);
    expect(Object.keys(t).sort()).toEqual([...FAULT_TARGET_KINDS].sort());
    for (const kind of FAULT_TARGET_KINDS) {
      expect(t[kind].length, kind).toBeGreaterThan(0);
      const names = t[kind].map((o) => o.name);
      expect(names, kind).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(t.processServer.map((p) => p.name)).toContainEqual(expect.stringMatching(/ \((Azure|on-premises)\)$/));
  });

  it("offers only the vault's own objects", () => {
    const mine = ids(faultTargets(db, DEMO_VAULT_ID));
    const theirs = ids(faultTargets(db, OTHER));
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
    // Every machine the other vault's configuration servers know is among its targets, none of the demo vault's.
    const otherCs = new Set(
      db
        .select()
        .from(s.configurationServers)
        .where(eq(s.configurationServers.vaultId, OTHER))
        .all()
        .map((c) => c.id),
    );
    const otherMachines = faultTargets(db, OTHER).machine.map((m) => m.id);
    for (const m of db
      .select()
      .from(s.machines)
      .all()
      .filter((x) => otherMachines.includes(x.id)))
      expect(otherCs.has(m.configurationServerId)).toBe(true);
  });

  it("is what the Lab page returns", () => {
    expect(getLab(db, DEMO_VAULT_ID).targets).toEqual(faultTargets(db, DEMO_VAULT_ID));
  });
});
