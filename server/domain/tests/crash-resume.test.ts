import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "@/db/client";
import { seedDemoVault } from "@/db/seed";
import * as s from "@/db/schema";
import { ManualClock } from "@/server/jobs/clock";
import { JobEngine } from "@/server/jobs/engine";
import { registerAllJobDefinitions } from "@/server/jobs/definitions";
import { refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { failback, vaultId } from "./harness";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("crash and resume", () => {
  it("a reprotect survives a restart of the portal: a new engine on the same file finishes it", () => {
    registerAllJobDefinitions();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "failback-"));
    dirs.push(dir);
    const file = path.join(dir, "portal.db");
    const clock = new ManualClock();
    let db = openDb(file);
    migrateDb(db);
    seedDemoVault(db, clock.now());
    const r = reprotectToOnPremises(
      db,
      {
        vaultId,
        itemId: "app-02",
        ...failback,
      },
      { now: new Date(clock.now()) },
    );
    let engine = new JobEngine({ db, clock, hooks: [refreshHeartbeats] });
    engine.tick();
    clock.advance(5 * 60_000);
    engine.tick();
    const mid = db.select().from(s.jobSteps).where(eq(s.jobSteps.jobId, r.jobId)).all();
    expect(mid.some((x) => x.status === "succeeded")).toBe(true);
    expect(mid.some((x) => x.status !== "succeeded")).toBe(true);
    // "Crash": drop the engine and the connection.
    db.$client.close();
    db = openDb(file);
    migrateDb(db);
    engine = new JobEngine({ db, clock, hooks: [refreshHeartbeats] });
    for (let i = 0; i < 50 && db.select().from(s.jobs).where(eq(s.jobs.id, r.jobId)).get()!.status === "in-progress"; i++) {
      clock.advance(5 * 60_000);
      engine.tick();
    }
    expect(db.select().from(s.jobs).where(eq(s.jobs.id, r.jobId)).get()!.status).toBe("succeeded");
    expect(db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, "app-02")).get()).toMatchObject({
      state: "protected",
      replicationDirection: "to-on-premises",
      currentJobId: null,
    });
    db.$client.close();
  });
});
