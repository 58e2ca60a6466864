/**
 * The portal's engine tick (heartbeats, replication simulation, job engine) on a scratch database
 * with `items` extra protected items, ticked as the portal does: one tick per 500 ms of real time
 * at the default simulation speed. Shared by `npm run bench` and scripts/measure-tick.ts.
 */
import { performance } from "node:perf_hooks";
import { migrateDb, openDb, type DB } from "../../db/client";
import { DEMO_VAULT_ID, seedDemoVault } from "../../db/seed";
import { seedProtectedItems } from "../../db/seed/bulk";
import { slicedReplication, PORTAL_REPLICATION_SLICE } from "../../server/domain/replication";
import { refreshHeartbeats } from "../../server/fabric/simulator/heartbeat";
import { defaultSimulationSpeed, ManualClock } from "../../server/jobs/clock";
import { JobEngine, PORTAL_JOB_BUDGET_MS } from "../../server/jobs/engine";
import { registerAllJobDefinitions } from "../../server/jobs/definitions";

export const TICK_MS = 500;

export type TickMeasurement = {
  items: number;
  ticks: number;
  simulatedMsPerTick: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The longest slice (a tick or one of its continuations): how long a request may wait. p95 and max. */
  sliceP95Ms: number;
  sliceMaxMs: number;
  /** CPU time (user + system) per tick, mean: wall time on a shared machine includes waiting. */
  cpuMeanMs: number;
  /** Mean CPU time per tick / tick interval: the share of one core the tick loop takes. */
  coreShare: number;
  /** Rows inserted, updated or deleted during the measured ticks (items, points, jobs…). */
  rowsWritten: number;
};

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function engineFor(db: DB, clock: ManualClock): JobEngine {
  registerAllJobDefinitions();
  return new JobEngine({
    db,
    clock,
    hooks: [refreshHeartbeats, slicedReplication(Number(process.env.SLICE ?? PORTAL_REPLICATION_SLICE))],
    jobBudgetMs: PORTAL_JOB_BUDGET_MS,
  });
}

export function measureEngineTicks(file: string, items: number, ticks: number): TickMeasurement {
  const db = openDb(file);
  migrateDb(db);
  const start = Date.parse("2026-01-01T00:00:00Z");
  seedDemoVault(db, start);
  seedProtectedItems(db, { vaultId: DEMO_VAULT_ID, count: items, now: start });
  const clock = new ManualClock(start);
  const engine = engineFor(db, clock);
  const step = TICK_MS * defaultSimulationSpeed();
  // Warm up: the first ticks settle the seeded vault (anchor the simulation, first points).
  for (let i = 0; i < 5; i++) {
    clock.advance(step);
    for (let more = engine.tick(); more;) more = engine.continueJobs();
  }
  // Rows written during the measured ticks (total_changes counts every row a statement changed).
  const changes = () => (db.$client.prepare("select total_changes() as n").get() as { n: number }).n;
  const changes0 = changes();
  const samples: number[] = [];
  const slices: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ticks; i++) {
    clock.advance(step);
    // A tick and its continuations (the portal serves requests between them): the tick's time in
    // all, and the longest single slice (how long a request may wait for the event loop).
    const t = performance.now();
    let slice = t;
    for (let more = engine.tick(); ; more = engine.continueJobs()) {
      const end = performance.now();
      slices.push(end - slice);
      slice = end;
      if (!more) break;
    }
    samples.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const writes = changes() - changes0;
  const cpuMean = (cpu.user + cpu.system) / 1000 / ticks;
  db.$client.close();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    items,
    ticks,
    simulatedMsPerTick: step,
    meanMs: +mean.toFixed(2),
    p50Ms: +percentile(samples, 50).toFixed(2),
    p95Ms: +percentile(samples, 95).toFixed(2),
    maxMs: +Math.max(...samples).toFixed(2),
    sliceP95Ms: +percentile(slices, 95).toFixed(2),
    sliceMaxMs: +Math.max(...slices).toFixed(2),
    cpuMeanMs: +cpuMean.toFixed(2),
    coreShare: +(cpuMean / TICK_MS).toFixed(3),
    rowsWritten: writes,
  };
}
