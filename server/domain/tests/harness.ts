/** Test harness: a seeded in-memory vault, the real job engine on a manual clock, table snapshots. */
import { eq } from "drizzle-orm";
import { refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import { simulateReplication } from "@/server/domain/replication";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { ManualClock } from "@/server/jobs/clock";
import { JobEngine } from "@/server/jobs/engine";
import { registerAllJobDefinitions } from "@/server/jobs/definitions";
import { setFault } from "../lab/faults";
import type { FaultKey } from "@/db/schema";

export const vaultId = DEMO_VAULT_ID;
const MIN = 60_000;

/** The running portal's tick hooks: heartbeats (servers without a fault stay alive), then the replication simulation. */
const heartbeats = (db: DB, vaultId: string, now: Date) => refreshHeartbeats(db, vaultId, now);
const replication = (db: DB, vaultId: string, now: Date) => void simulateReplication(db, vaultId, now);

export function harness() {
  registerAllJobDefinitions();
  const clock = new ManualClock();
  const db = memoryDb();
  seedDemoVault(db, clock.now());
  const engine = new JobEngine({ db, clock, hooks: [heartbeats, replication] });
  const env = () => ({ now: new Date(clock.now()) });
  const job = (id: string) => db.select().from(s.jobs).where(eq(s.jobs.id, id)).get()!;
  const item = (id: string) => db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, id)).get()!;
  /** Ticks and advances simulated time until the job ends. */
  const run = (jobId: string) => {
    for (let i = 0; i < 500; i++) {
      engine.tick();
      const j = job(jobId);
      if (["succeeded", "failed", "cancelled"].includes(j.status)) return j;
      clock.advance(5 * MIN);
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  const fault = (f: FaultKey, targetId = "*") => setFault(db, { vaultId, fault: f, targetId }, env());
  const touch = () => heartbeats(db, vaultId, new Date(clock.now()));
  return { db, clock, engine, env, job, item, run, fault, touch };
}

/** Every table's rows, for "nothing changed" assertions. */
export function snapshot(db: DB): Record<string, unknown[]> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.$client.prepare(`select * from "${t.name}" order by rowid`).all()]));
}
