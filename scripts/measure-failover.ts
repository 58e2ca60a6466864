/**
 * `npx tsx scripts/measure-failover.ts [warmSeconds]`: the bench's 1,000-item recovery plan
 * failover (10 plans of 100 at the fastest speed) in process, on a scratch file with the demo vault,
 * 10,000 more protected items and 50,000 finished jobs, after the portal's engine has run for
 * `warmSeconds` (default 0) of real time with the 10,000 items replicating at the default speed.
 *
 * Real time is virtual: each tick advances it by 500 ms, or by the tick's CPU time when the tick
 * took longer (as the portal's 500 ms interval does), so a slow tick makes the next one simulate
 * more time, as it would in the portal. Prints the recovery points, the CPU time of the warm-up
 * ticks, of the 10 plans' Failover (the verbs) and of the ticks until every item is "Failover
 * completed", and the plan jobs' simulated duration. Run with `node --cpu-prof` to see where.
 */
import fs from "node:fs";
import inspector from "node:inspector";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { openDb, type DB } from "../db/client";
import * as s from "../db/schema";
import { DEMO_VAULT_ID } from "../db/seed";
import { seedProtectedItems } from "../db/seed/bulk";
import { runPlanFailover } from "../server/domain/recovery-plan/run-plan-failover";
import { getSimulationSettings, MAX_SIM_SPEED, type Clock } from "../server/jobs/clock";
import { engineFor, TICK_MS } from "./bench/engine-ticks";
import { FAILOVER_VAULT_ID, seedFailoverVault, seedScratch } from "./bench/scratch";

process.env.LOG_LEVEL ??= "silent";
const warmSeconds = Number(process.argv[2] ?? 0);
/** `live`: after the warm-up, the portal's engine loop (engine.start) on real time, each plan's Failover its own macrotask, as requests are. */
const live = process.argv[3] === "live";

/** Each vault's simulated clock over a real time the script moves. */
class VirtualClock implements Clock {
  /** Once live: real time is Date.now() plus this offset (so the anchors written in virtual time hold). */
  liveOffset: number | null = null;
  constructor(
    private readonly db: DB,
    private virtualReal: number,
  ) {}
  get real(): number {
    return this.liveOffset == null ? this.virtualReal : Date.now() + this.liveOffset;
  }
  set real(v: number) {
    this.virtualReal = v;
  }
  now(vaultId: string): number {
    const real = this.real;
    const st = getSimulationSettings(this.db, vaultId, real);
    return st ? Math.round(st.simNow + Math.max(0, real - st.realAt) * st.speed) : real;
  }
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-failover-"));
  const file = path.join(dir, "bench.db");
  try {
    await seedScratch(file, { items: 0, jobs: 50_000, jobTargets: 10_000 });
    const db = openDb(file);
    const clock = new VirtualClock(db, Date.now());
    seedProtectedItems(db, { vaultId: DEMO_VAULT_ID, count: 10_000, now: clock.real });
    const engine = engineFor(db, clock as never);
    const points = () => (db.$client.prepare("select count(*) as n from recovery_points").get() as { n: number }).n;

    /** One tick (as the portal: only the jobs left after a tick cut short); real time moves by 500 ms or the tick's CPU time (only the latter after a tick cut short). Returns the tick's CPU ms. */
    let more = false;
    const tick = () => {
      const c = process.cpuUsage();
      more = more ? engine.continueJobs() : engine.tick();
      const ms = cpuMs(c);
      clock.real += more ? ms : Math.max(TICK_MS, ms);
      return ms;
    };

    const warmTicks: number[] = [];
    while (warmTicks.length * TICK_MS < warmSeconds * 1000) warmTicks.push(tick());
    const warmCpu = warmTicks.reduce((a, b) => a + b, 0);
    console.log(
      `warm-up: ${warmTicks.length} ticks, CPU ${warmCpu.toFixed(0)} ms (mean ${(warmCpu / Math.max(1, warmTicks.length)).toFixed(1)}, max ${Math.max(0, ...warmTicks).toFixed(0)} ms), ${points().toLocaleString("en")} recovery points`,
    );

    const { planIds, itemIds } = seedFailoverVault(file, 1_000);
    getSimulationSettings(db, FAILOVER_VAULT_ID, clock.real);
    const anchor = clock.now(FAILOVER_VAULT_ID);
    db.update(s.simulationSettings)
      .set({ speed: MAX_SIM_SPEED, simNow: anchor, realAt: clock.real })
      .where(eq(s.simulationSettings.vaultId, FAILOVER_VAULT_ID))
      .run();
    if (live) {
      await measureLive(db, engine, clock, planIds, itemIds, points);
      db.$client.close();
      return;
    }
    for (let i = 0; i < 6; i++) tick();
    console.log(`before the failover: ${points().toLocaleString("en")} recovery points`);

    const profiler = profileFailover();
    const c0 = process.cpuUsage();
    const jobIds = planIds.map(
      (planId) =>
        db.transaction((tx) =>
          runPlanFailover(
            tx,
            { vaultId: FAILOVER_VAULT_ID, planId, direction: "to-azure", recoveryPoint: "latest-processed" },
            { userId: null },
          ),
        ).jobId,
    );
    const verbCpu = cpuMs(c0);
    clock.real += verbCpu;
    console.log(`10 plans' Failover (verbs): CPU ${verbCpu.toFixed(0)} ms`);

    const completed = () =>
      db
        .select({ id: s.replicatedItems.id })
        .from(s.replicatedItems)
        .where(and(inArray(s.replicatedItems.id, itemIds), eq(s.replicatedItems.state, "failover-completed")))
        .all().length;
    const ticks: number[] = [];
    const real0 = clock.real;
    while (completed() < itemIds.length && ticks.length < 20_000) ticks.push(tick());
    profiler?.stop();
    const planJobs = db.select().from(s.jobs).where(inArray(s.jobs.id, jobIds)).all();
    const simulated = Math.max(...planJobs.map((j) => (j.startedAt && j.endedAt ? j.endedAt.getTime() - j.startedAt.getTime() : NaN)));
    const total = ticks.reduce((a, b) => a + b, 0);
    console.log(
      `until all completed: ${ticks.length} ticks, CPU ${total.toFixed(0)} ms (max tick ${Math.max(...ticks).toFixed(0)} ms), virtual real ${((clock.real - real0) / 1000).toFixed(1)} s; ` +
        `${completed()} of ${itemIds.length} completed; plan jobs ${[...new Set(planJobs.map((j) => j.status))].join(", ")}, simulated ${(simulated / 3_600_000).toFixed(2)} h`,
    );
    console.log(`recovery points at the end: ${points().toLocaleString("en")}`);
    db.$client.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PROFILE=<file>: a CPU profile of the failover alone (from the verbs until all completed), written to the file. */
function profileFailover(): { stop(): void } | null {
  const file = process.env.PROFILE;
  if (!file) return null;
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 200 });
  session.post("Profiler.start");
  return {
    stop: () =>
      session.post("Profiler.stop", (err, res) => {
        if (!err) fs.writeFileSync(file, JSON.stringify(res.profile));
        session.disconnect();
      }),
  };
}

/** The failover as the portal runs it: the engine's own loop on real time, the 10 verbs as separate macrotasks. */
async function measureLive(
  db: DB,
  engine: ReturnType<typeof engineFor>,
  clock: VirtualClock,
  planIds: string[],
  itemIds: string[],
  points: () => number,
) {
  clock.liveOffset = clock.real - Date.now();
  // Each slice of the engine's loop (tick or continuation): wall time, and the gaps between slices.
  const slices: { at: number; ms: number; kind: string }[] = [];
  for (const kind of ["tick", "continueJobs"] as const) {
    const inner = engine[kind].bind(engine);
    engine[kind] = () => {
      const at = performance.now();
      const more = inner();
      slices.push({ at, ms: performance.now() - at, kind });
      return more;
    };
  }
  engine.start(TICK_MS);
  await new Promise((r) => setTimeout(r, 3_000));
  console.log(`before the failover: ${points().toLocaleString("en")} recovery points`);
  const completed = () =>
    db
      .select({ id: s.replicatedItems.id })
      .from(s.replicatedItems)
      .where(and(inArray(s.replicatedItems.id, itemIds), eq(s.replicatedItems.state, "failover-completed")))
      .all().length;
  const profiler = profileFailover();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const first = slices.length;
  const answered: number[] = [];
  let verbMs = 0;
  const jobIds = await Promise.all(
    planIds.map(
      (planId) =>
        new Promise<string>((resolve) =>
          setImmediate(() => {
            const v = performance.now();
            const { jobId } = db.transaction((tx) =>
              runPlanFailover(
                tx,
                { vaultId: FAILOVER_VAULT_ID, planId, direction: "to-azure", recoveryPoint: "latest-processed" },
                { userId: null },
              ),
            );
            verbMs += performance.now() - v;
            answered.push(performance.now() - t0);
            resolve(jobId);
          }),
        ),
    ),
  );
  while (completed() < itemIds.length && performance.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
  const wall = performance.now() - t0;
  const cpu = cpuMs(c0);
  engine.stop();
  profiler?.stop();
  const during = slices.slice(first).filter((x) => x.at >= t0);
  const busy = during.reduce((a, x) => a + x.ms, 0);
  const planJobs = db.select().from(s.jobs).where(inArray(s.jobs.id, jobIds)).all();
  const simulated = Math.max(...planJobs.map((j) => (j.startedAt && j.endedAt ? j.endedAt.getTime() - j.startedAt.getTime() : NaN)));
  console.log(
    `live: answered within ${Math.max(...answered).toFixed(0)} ms (verbs ${verbMs.toFixed(0)} ms); all completed after ${wall.toFixed(0)} ms; ` +
      `process CPU ${cpu.toFixed(0)} ms; engine slices ${during.length} (${during.filter((x) => x.kind === "tick").length} ticks), busy ${busy.toFixed(0)} ms, ` +
      `max ${Math.max(0, ...during.map((x) => x.ms)).toFixed(0)} ms; ${completed()} of ${itemIds.length} completed; plan jobs simulated ${(simulated / 3_600_000).toFixed(2)} h`,
  );
  if (process.env.SLICES) for (const x of during) console.log(`  ${(x.at - t0).toFixed(0)} ${x.kind} ${x.ms.toFixed(0)}`);
  console.log(`recovery points at the end: ${points().toLocaleString("en")}`);
}

void main();
