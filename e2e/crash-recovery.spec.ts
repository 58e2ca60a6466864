/**
 * Crash safety of the real server: a portal process (`npm start`'s script on the e2e build, its
 * own database) runs a recovery plan failover of two groups; the whole process group is killed
 * with SIGKILL while group 1's item job has a step in flight, restarted, killed again while group
 * 2's does, and restarted: every job must come to an end (succeeded, or failed with a reason),
 * and the database must keep its invariants — at each kill and at the end.
 *
 * The test starts the plan failover by calling the domain verb on the same SQLite file (WAL: the
 * server's engine picks the job up on its next tick), and waits on the database, never on time.
 */
import fs from "node:fs";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDb, type DB } from "@/db/client";
import * as s from "@/db/schema";
import { checkInvariants, formatViolations, isUnfinished } from "@/server/domain/invariants/check";
import { runningServer, serverLockPath } from "@/server/ops/server-lock";
import {
  engineTicked,
  killHard,
  portFor,
  SERVER_START_MS,
  startPlanFailover,
  startPortal,
  stopPortal,
  tempDir,
  until,
  type PortalServer,
} from "./crash-server";

/** Simulated seconds per real second: a 120 s step lasts 4 s, so the kill lands inside a step. */
const SIM_SPEED = 30;

type PlanJobInput = { itemJobs: Record<string, string>; groups: { ordinal: number; itemIds: string[] }[] };

test.describe("crash safety", () => {
  let dir = "";
  let server: PortalServer | null = null;
  let db: DB | null = null;

  test.afterEach(async () => {
    db?.$client.close();
    db = null;
    if (server) await killHard(server);
    server = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a server killed with SIGKILL in the middle of a recovery plan failover finishes every job after a restart", async ({}, testInfo) => {
    // Three server starts, each allowed SERVER_START_MS, and the waits below (30 s, 2 × 30 s, 45 s).
    test.setTimeout(3 * SERVER_START_MS + 135_000);
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const mark = (what: string) => (timings[what] = Date.now() - t0);

    dir = tempDir("failback-crash-");
    const dbFile = path.join(dir, "portal.db");
    const port = portFor(testInfo, 0);
    server = await startPortal({ dbFile, port, simSpeed: SIM_SPEED });
    mark("server up");
    expect(runningServer(dbFile)?.pid, "the server holds its database's pid file").toBeTruthy();

    db = openDb(dbFile);
    const conn = db;
    await until("the job engine's first tick", () => engineTicked(conn.$client), 30_000);
    const { planId, jobId, itemIds } = startPlanFailover(conn, "rp-crash");
    const job = (id: string) => conn.select().from(s.jobs).where(eq(s.jobs.id, id)).get()!;
    const steps = (id: string) => conn.select().from(s.jobSteps).where(eq(s.jobSteps.jobId, id)).orderBy(s.jobSteps.ordinal).all();

    /** The item job the plan started for the item, once it is half way: a step done, the next one running. */
    const halfWay = (itemId: string) => {
      const itemJobId = (job(jobId).input as unknown as PlanJobInput).itemJobs[itemId];
      if (!itemJobId) return null;
      const st = steps(itemJobId);
      const running = st.find((x) => x.status === "in-progress");
      return running && st.some((x) => x.status === "succeeded") ? { jobId: itemJobId, step: running.name } : null;
    };

    // Killed twice: while group 1's item job runs, then (after a restart) while group 2's does.
    const killedDuring: string[] = [];
    for (const [group, itemId] of itemIds.entries()) {
      const inFlight = await until(`group ${group + 1}'s item job half way`, () => halfWay(itemId), 30_000, 50);
      await killHard(server);
      mark(`killed in group ${group + 1}`);
      killedDuring.push(inFlight.step);

      // What the kill left: committed steps only, one in flight, and every invariant intact.
      const unfinished = conn
        .select()
        .from(s.jobs)
        .all()
        .filter((j) => isUnfinished(j.status))
        .map((j) => j.id);
      expect(unfinished).toContain(jobId);
      expect(unfinished).toContain(inFlight.jobId);
      const runningSteps = conn.select().from(s.jobSteps).where(eq(s.jobSteps.status, "in-progress")).all();
      expect(runningSteps.length, `a step was in flight (${inFlight.step})`).toBeGreaterThan(0);
      const atKill = checkInvariants(conn);
      expect(atKill, formatViolations(atKill)).toEqual([]);
      // The pid file of the killed server is stale: it no longer counts as running.
      expect(fs.existsSync(serverLockPath(dbFile))).toBe(true);
      expect(runningServer(dbFile)).toBeNull();

      server = await startPortal({ dbFile, port, simSpeed: SIM_SPEED });
      mark(`restarted after kill ${group + 1}`);
    }

    // Every job ends; none stays in progress (or waiting for its items) forever.
    await until(
      "every job to end after the restart",
      () =>
        conn
          .select({ status: s.jobs.status })
          .from(s.jobs)
          .all()
          .every((j) => !isUnfinished(j.status)),
      45_000,
      200,
    ).catch((err: Error) => {
      const stuck = conn
        .select()
        .from(s.jobs)
        .all()
        .filter((j) => isUnfinished(j.status))
        .map(
          (j) =>
            `${j.name} ${j.targetName}: ${j.status} (${steps(j.id)
              .map((x) => `${x.ordinal}:${x.status}`)
              .join(" ")})`,
        );
      throw new Error(`${err.message}\nStill unfinished:\n${stuck.join("\n")}\nServer log:\n${server?.output()}`);
    });
    mark("all jobs ended");

    for (const j of conn.select().from(s.jobs).all()) {
      expect(["succeeded", "failed", "cancelled"]).toContain(j.status);
      if (j.status === "failed") expect(j.error?.message, `${j.name} failed with a reason`).toBeTruthy();
    }
    expect(job(jobId).status).toBe("succeeded");
    for (const id of Object.values((job(jobId).input as unknown as PlanJobInput).itemJobs))
      expect(job(id).status, job(id).targetName).toBe("succeeded");
    for (const itemId of itemIds) {
      expect(conn.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, itemId)).get()).toMatchObject({
        state: "failover-completed",
        activeLocation: "azure",
        currentJobId: null,
      });
    }
    expect(conn.select().from(s.recoveryPlans).where(eq(s.recoveryPlans.id, planId)).get()!.currentJobId).toBeNull();
    const after = checkInvariants(conn);
    expect(after, formatViolations(after)).toEqual([]);

    // A normal stop removes the pid file.
    await stopPortal(server);
    server = null;
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(false);
    mark("stopped");
    const summary = Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(", ");
    testInfo.annotations.push({ type: "timings", description: summary });
    console.log(`crash test: ${summary}; killed during ${killedDuring.map((x) => `"${x}"`).join(" and ")}`);
  });
});
