import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { simulationSettings, vaults } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { ManualClock, advanceSimulatedTime, dbClock, defaultSimulationSpeed, setSimulationSpeed, simulatedNow } from "./clock";

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("dbClock", () => {
  it("runs simulated time at the vault's speed from its anchor", () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date"] });
    const db = memoryDb();
    seedDemoVault(db, T0); // speed 60, anchored at T0
    const clock = dbClock(db);
    expect(clock.now(DEMO_VAULT_ID)).toBe(T0);
    vi.setSystemTime(T0 + 2_000);
    expect(clock.now(DEMO_VAULT_ID)).toBe(T0 + 120_000);
    expect(simulatedNow(db, DEMO_VAULT_ID)).toEqual(new Date(T0 + 120_000));
  });

  it("keeps time continuous across a speed change", () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date"] });
    const db = memoryDb();
    seedDemoVault(db, T0);
    vi.setSystemTime(T0 + 10_000); // 600 s simulated at 60x
    setSimulationSpeed(db, DEMO_VAULT_ID, 3600);
    expect(dbClock(db).now(DEMO_VAULT_ID)).toBe(T0 + 600_000);
    vi.setSystemTime(T0 + 11_000);
    expect(dbClock(db).now(DEMO_VAULT_ID)).toBe(T0 + 600_000 + 3_600_000);
  });

  it("refuses speeds outside 1..3600 and changes nothing", () => {
    const db = memoryDb();
    seedDemoVault(db, T0);
    const before = db.select().from(simulationSettings).all();
    for (const bad of [0, 0.5, 3601, Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      expect(() => setSimulationSpeed(db, DEMO_VAULT_ID, bad)).toThrow(DomainError);
      try {
        setSimulationSpeed(db, DEMO_VAULT_ID, bad);
      } catch (e) {
        expect((e as DomainError).kind).toBe("Invalid");
      }
    }
    expect(db.select().from(simulationSettings).all()).toEqual(before);
  });

  it("creates the settings row lazily with SIM_SPEED", () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date"] });
    vi.stubEnv("SIM_SPEED", "120");
    expect(defaultSimulationSpeed()).toBe(120);
    const db = memoryDb();
    db.insert(vaults)
      .values({
        id: "v2",
        name: "v2",
        subscriptionName: "s",
        subscriptionId: "s",
        resourceGroup: "rg",
        region: "r",
        createdAt: new Date(T0),
      })
      .run();
    expect(dbClock(db).now("v2")).toBe(T0);
    expect(db.select().from(simulationSettings).where(eq(simulationSettings.vaultId, "v2")).get()).toMatchObject({
      speed: 120,
      simNow: T0,
      realAt: T0,
    });
    vi.setSystemTime(T0 + 1_000);
    expect(dbClock(db).now("v2")).toBe(T0 + 120_000);
  });

  it("falls back to 60 when SIM_SPEED is not a number, and answers real time for an unknown vault", () => {
    vi.stubEnv("SIM_SPEED", "fast");
    expect(defaultSimulationSpeed()).toBe(60);
    vi.useFakeTimers({ now: T0, toFake: ["Date"] });
    const db = memoryDb();
    expect(dbClock(db).now("nope")).toBe(T0);
    expect(db.select().from(simulationSettings).all()).toEqual([]);
    expect(() => setSimulationSpeed(db, "nope", 10)).toThrow(/not found/);
  });

  it("fast-forwards simulated time", () => {
    vi.useFakeTimers({ now: T0, toFake: ["Date"] });
    const db = memoryDb();
    seedDemoVault(db, T0);
    advanceSimulatedTime(db, DEMO_VAULT_ID, 3_600_000);
    expect(dbClock(db).now(DEMO_VAULT_ID)).toBe(T0 + 3_600_000);
    expect(() => advanceSimulatedTime(db, DEMO_VAULT_ID, -1)).toThrow(DomainError);
  });
});

describe("ManualClock", () => {
  it("moves only when told", () => {
    const c = new ManualClock(T0);
    expect(c.now("any")).toBe(T0);
    c.advance(5_000);
    expect(c.now("other")).toBe(T0 + 5_000);
    c.set(new Date(T0));
    expect(c.now("any")).toBe(T0);
  });
});
