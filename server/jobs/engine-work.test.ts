/**
 * The engine's tick does no more work than needed (see scripts/bench.ts): an idle tick writes
 * nothing, and a completed step whose successor is not yet due costs one savepoint (one commit per
 * vault and tick).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { BetterSQLiteTransaction } from "drizzle-orm/better-sqlite3/session";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { jobs } from "@/db/schema";
import { ManualClock } from "./clock";
import { JobEngine, enqueueJob } from "./engine";
import { registerJobDefinition, unregisterJobDefinition } from "./registry";

const SEC = 1000;
let db: DB;
let clock: ManualClock;
let engine: JobEngine;

const totalChanges = () => (db.$client.prepare("select total_changes() as n").get() as { n: number }).n;

function enqueue(durations: number[]): string {
  return db.transaction((tx) =>
    enqueueJob(tx, {
      vaultId: DEMO_VAULT_ID,
      type: "t-work",
      name: "Work",
      targetType: "replicated-item",
      targetId: "web-01",
      targetName: "web-01",
      steps: durations.map((d, i) => ({ key: "s", name: `Step ${i + 1}`, durationSeconds: d })),
      now: new Date(clock.now()),
    }),
  );
}

beforeEach(() => {
  clock = new ManualClock();
  db = memoryDb();
  seedDemoVault(db, clock.now());
  engine = new JobEngine({ db, clock });
  registerJobDefinition({ type: "t-work", steps: { s: () => {} } });
  engine.tick(); // settles whatever the seed left due
});

afterEach(() => {
  unregisterJobDefinition("t-work");
  vi.restoreAllMocks();
});

describe("JobEngine tick work", () => {
  it("writes nothing when no step is due", () => {
    enqueue([60, 60]);
    engine.tick();
    const before = totalChanges();
    clock.advance(59 * SEC);
    engine.tick();
    expect(totalChanges()).toBe(before);
  });

  it("completes a step whose successor is not due yet in one savepoint per job, the vault's jobs in one transaction", () => {
    const ids = [enqueue([60, 60]), enqueue([60, 60]), enqueue([60, 0, 60])];
    engine.tick();
    clock.advance(60 * SEC);
    const transactions = vi.spyOn(db, "transaction");
    const savepoints = vi.spyOn(BetterSQLiteTransaction.prototype, "transaction");
    engine.tick();
    expect(transactions).toHaveBeenCalledTimes(1);
    // One per job, and one more for the zero-length step that was due at once.
    expect(savepoints).toHaveBeenCalledTimes(4);
    savepoints.mockRestore();
    expect(ids.map((id) => db.select({ d: jobs.stepDueAt }).from(jobs).where(eq(jobs.id, id)).get()!.d)).toEqual(
      ids.map(() => clock.now() + 60 * SEC),
    );
  });
});
