/**
 * The simulated clock. Each vault's fabric runs on its own simulated time:
 *   simulated now = simNow + (real now - realAt) * speed
 * where (simNow, realAt) is an anchor stored in simulation_settings. Changing the speed
 * re-anchors first, so simulated time never jumps. Simulated time keeps running while the portal
 * is stopped (the real fabric would too); the engine and the replication simulation bound their
 * catch-up work, so a long pause costs one busy tick, not a backlog.
 */
import { eq, sql } from "drizzle-orm";
import { preparedQuery, type DbOrTx } from "@/db/client";
import { simulationSettings, vaults } from "@/db/schema";
import { DomainError, notFound } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";

export interface Clock {
  /** Simulated epoch milliseconds for the vault. */
  now(vaultId: string): number;
}

export const MIN_SIM_SPEED = 1;
export const MAX_SIM_SPEED = 3600;
const FALLBACK_SPEED = 60;

/** Default speed for a vault that has no simulation_settings row yet: env SIM_SPEED, else 60. */
export function defaultSimulationSpeed(): number {
  const raw = Number(process.env.SIM_SPEED);
  if (!Number.isFinite(raw) || raw <= 0) return FALLBACK_SPEED;
  return Math.min(MAX_SIM_SPEED, Math.max(MIN_SIM_SPEED, raw));
}

export type SimulationSettings = typeof simulationSettings.$inferSelect;

const settingsQuery = preparedQuery((db) =>
  db
    .select()
    .from(simulationSettings)
    .where(eq(simulationSettings.vaultId, sql.placeholder("vaultId")))
    .prepare(),
);

/** Reads the vault's settings row, creating it lazily (anchored at real now). Null if the vault does not exist. */
export function getSimulationSettings(db: DbOrTx, vaultId: string, realNow = Date.now()): SimulationSettings | null {
  const row = settingsQuery(db).get({ vaultId });
  if (row) return row;
  const vault = db.select({ id: vaults.id }).from(vaults).where(eq(vaults.id, vaultId)).get();
  if (!vault) return null;
  db.insert(simulationSettings)
    .values({ vaultId, speed: defaultSimulationSpeed(), simNow: realNow, realAt: realNow })
    .onConflictDoNothing()
    .run();
  return db.select().from(simulationSettings).where(eq(simulationSettings.vaultId, vaultId)).get() ?? null;
}

function project(settings: Pick<SimulationSettings, "simNow" | "realAt" | "speed">, realNow: number): number {
  return Math.round(settings.simNow + Math.max(0, realNow - settings.realAt) * settings.speed);
}

/** The clock of the running portal: reads each vault's anchor from the database. */
export function dbClock(db: DbOrTx): Clock {
  return {
    now(vaultId: string): number {
      const realNow = Date.now();
      const settings = getSimulationSettings(db, vaultId, realNow);
      // An unknown vault has no fabric to simulate; real time is the only sensible answer.
      return settings ? project(settings, realNow) : realNow;
    },
  };
}

/** The simulated time domain verbs stamp their changes with. */
export function simulatedNow(db: DbOrTx, vaultId: string): Date {
  return new Date(dbClock(db).now(vaultId));
}

/** Changes the speed (simulated seconds per real second), keeping simulated time continuous. */
export function setSimulationSpeed(db: DbOrTx, vaultId: string, speed: number): SimulationSettings {
  if (!Number.isFinite(speed) || speed < MIN_SIM_SPEED || speed > MAX_SIM_SPEED) {
    throw new DomainError("Invalid", {
      code: CODES.invalidSimulationSpeed,
      message: `The simulation speed must be between ${MIN_SIM_SPEED} and ${MAX_SIM_SPEED} simulated seconds per real second.`,
      recommendedAction: `Enter a number from ${MIN_SIM_SPEED} (real time) to ${MAX_SIM_SPEED} (one simulated hour per second).`,
      fieldErrors: { speed: [`Enter a number from ${MIN_SIM_SPEED} to ${MAX_SIM_SPEED}.`] },
    });
  }
  const realNow = Date.now();
  const settings = getSimulationSettings(db, vaultId, realNow);
  if (!settings) throw notFound("Vault", vaultId);
  const simNow = project(settings, realNow);
  db.update(simulationSettings).set({ speed, simNow, realAt: realNow }).where(eq(simulationSettings.vaultId, vaultId)).run();
  return { ...settings, speed, simNow, realAt: realNow };
}

/** Moves a vault's simulated time forward by `ms` at once (Lab "fast forward"). */
export function advanceSimulatedTime(db: DbOrTx, vaultId: string, ms: number): SimulationSettings {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new DomainError("Invalid", {
      code: CODES.invalidTimeAdvance,
      message: "Simulated time can only move forward.",
      fieldErrors: { ms: ["Enter a positive number of milliseconds."] },
    });
  }
  const realNow = Date.now();
  const settings = getSimulationSettings(db, vaultId, realNow);
  if (!settings) throw notFound("Vault", vaultId);
  const simNow = project(settings, realNow) + Math.round(ms);
  db.update(simulationSettings).set({ simNow, realAt: realNow }).where(eq(simulationSettings.vaultId, vaultId)).run();
  return { ...settings, simNow, realAt: realNow };
}

/** A clock tests drive by hand: the same time for every vault, moving only when told. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: number | Date = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.t = typeof start === "number" ? start : start.getTime();
  }
  now(_vaultId?: string): number {
    return this.t;
  }
  set(ms: number | Date): void {
    this.t = typeof ms === "number" ? ms : ms.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
