/**
 * Backup and restore of a live database: a portal server (its own database and port) runs a
 * recovery plan failover; `npm run db:backup` copies the database while the jobs are in progress
 * and the server writes; `npm run db:restore` refuses the live database (its server runs) and
 * restores the copy into a fresh location. The copy holds exactly the rows that did not change
 * while it was taken, the restored database equals the copy table by table, both pass the
 * integrity check and the invariant checker, and a portal started on the restored database
 * finishes the jobs that were in progress at backup time.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { test, expect } from "@playwright/test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openDb, type DB } from "@/db/client";
import * as s from "@/db/schema";
import { checkInvariants, formatViolations, isUnfinished } from "@/server/domain/invariants/check";
import {
  digest,
  engineTicked,
  healthy,
  portFor,
  startPlanFailover,
  ROOT,
  SERVER_START_MS,
  startPortal,
  stopPortal,
  tableSums,
  tempDir,
  until,
  killHard,
  type PortalServer,
} from "./crash-server";

const SIM_SPEED = 30;

/** Runs one of the package's commands (`npm run <name> -- args`) as a user would, against DATABASE_URL. */
function npmRun(name: string, args: string[], dbFile: string) {
  const r = spawnSync("npm", ["run", "-s", name, "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

test.describe("backup and restore", () => {
  let dir = "";
  let server: PortalServer | null = null;
  const open: Database.Database[] = [];

  test.afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    if (server) await killHard(server);
    server = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a backup taken while the portal runs jobs restores into a fresh location with the same contents", async ({}, testInfo) => {
    // Two server starts, each allowed SERVER_START_MS, three database commands of up to 60 s, and the waits for jobs.
    test.setTimeout(2 * SERVER_START_MS + 3 * 60_000 + 60_000);
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const mark = (what: string) => (timings[what] = Date.now() - t0);

    dir = tempDir("failback-backup-");
    const live = path.join(dir, "live", "portal.db");
    const backup = path.join(dir, "backups", "nightly", "portal-backup.db");
    const restored = path.join(dir, "restored", "portal.db");
    const port = portFor(testInfo, 1);
    server = await startPortal({ dbFile: live, port, simSpeed: SIM_SPEED });
    mark("server up");

    const db = openDb(live);
    open.push(db.$client);
    await until("the job engine's first tick", () => engineTicked(db.$client), 30_000);
    const planJobId = startPlanFailover(db, "rp-backup").jobId;
    const unfinished = () =>
      db
        .select({ id: s.jobs.id, status: s.jobs.status })
        .from(s.jobs)
        .all()
        .filter((j) => isUnfinished(j.status));
    await until(
      "the plan's item jobs to run",
      () => unfinished().length >= 2 && db.select().from(s.jobSteps).where(eq(s.jobSteps.status, "in-progress")).get(),
      30_000,
    );

    // The backup, while the server writes (job steps, the replication simulation every tick).
    const before = digest(db.$client);
    const b = npmRun("db:backup", [backup], live);
    const after = digest(db.$client);
    mark("backup taken");
    expect(b.code, b.out).toBe(0);
    expect(b.out).toMatch(/integrity check ok/);
    expect(b.out).toMatch(/Invariants: all hold/);
    expect(unfinished().length, "jobs still in progress after the backup").toBeGreaterThan(0);
    expect(mode(backup)).toBe(0o600);
    expect(mode(path.dirname(backup))).toBe(0o700);
    expect(mode(path.dirname(path.dirname(backup)))).toBe(0o700);
    expect(fs.readdirSync(path.dirname(backup)), "no temporary or journal file left").toEqual([path.basename(backup)]);

    // The server wrote while the backup ran.
    const changed = [...before].filter(
      ([t, rows]) => [...rows].some(([k, h]) => after.get(t)?.get(k) !== h) || after.get(t)?.size !== rows.size,
    );
    expect(changed.length, "tables the running server changed during the backup").toBeGreaterThan(0);

    // The copy: rows that did not change during the backup are in it exactly; everything in it existed before or after.
    const copy = new Database(backup, { readonly: true });
    open.push(copy);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = digest(copy);
    expect([...copied.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [table, rowsBefore] of before) {
      const rowsAfter = after.get(table)!;
      const rowsCopy = copied.get(table)!;
      const union = new Set([...rowsBefore.keys(), ...rowsAfter.keys()]);
      let throughout = 0;
      for (const [key, hash] of rowsBefore) {
        if (!rowsAfter.has(key)) continue;
        throughout++;
        expect(rowsCopy.has(key), `${table} ${key} existed throughout the backup`).toBe(true);
        if (rowsAfter.get(key) === hash) expect(rowsCopy.get(key), `${table} ${key} did not change during the backup`).toBe(hash);
      }
      for (const key of rowsCopy.keys()) expect(union.has(key), `${table} ${key} is a row of the live database`).toBe(true);
      expect(rowsCopy.size, `${table} row count`).toBeGreaterThanOrEqual(throughout);
      expect(rowsCopy.size, `${table} row count`).toBeLessThanOrEqual(union.size);
    }
    // Read-only: the backup file stays as it was written.
    const copyDb = drizzle(copy, { schema: s }) as DB;
    expect(
      copyDb
        .select({ status: s.jobs.status })
        .from(s.jobs)
        .all()
        .filter((j) => isUnfinished(j.status)).length,
      "the backup holds jobs in progress",
    ).toBeGreaterThan(0);
    const inCopy = checkInvariants(copyDb);
    expect(inCopy, formatViolations(inCopy)).toEqual([]);

    // Restore refuses the live database: its server runs. Nothing changes there.
    const refused = npmRun("db:restore", [backup], live);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(new RegExp(`A portal server \\(pid \\d+, port ${port}\\) is running on`));
    expect(fs.readdirSync(path.dirname(live)).filter((f) => f.includes("before-restore"))).toEqual([]);
    expect(await healthy(port), `the live server still serves\n${server.output()}`).toBe(true);

    // Restore into a fresh location: the same database as the copy, table by table.
    const r = npmRun("db:restore", [backup], restored);
    mark("restored");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/There was no database before/);
    expect(mode(restored)).toBe(0o600);
    const restoredConn = new Database(restored, { readonly: true });
    open.push(restoredConn);
    expect(restoredConn.pragma("integrity_check", { simple: true })).toBe("ok");
    const sums = tableSums(digest(restoredConn));
    expect(sums).toEqual(tableSums(copied));
    restoredConn.close();
    open.pop();
    const restoredDb = drizzle(new Database(restored, { readonly: true }), { schema: s }) as DB;
    open.push(restoredDb.$client);
    const inRestored = checkInvariants(restoredDb);
    expect(inRestored, formatViolations(inRestored)).toEqual([]);

    // The live portal stops; one started on the restored database finishes the jobs of backup time.
    await stopPortal(server);
    mark("live server stopped");
    server = await startPortal({ dbFile: restored, port, simSpeed: SIM_SPEED });
    mark("server up on the restored database");
    const rdb = openDb(restored);
    open.push(rdb.$client);
    await until(
      "the restored jobs to end",
      () =>
        rdb
          .select({ status: s.jobs.status })
          .from(s.jobs)
          .all()
          .every((j) => !isUnfinished(j.status)),
      60_000,
      200,
    );
    mark("restored jobs ended");
    expect(rdb.select().from(s.jobs).where(eq(s.jobs.id, planJobId)).get()!.status).toBe("succeeded");
    const end = checkInvariants(rdb);
    expect(end, formatViolations(end)).toEqual([]);
    await stopPortal(server);
    server = null;

    const summary = [
      ...Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`),
      `${Object.values(sums).reduce((n, t) => n + t.rows, 0)} rows in ${Object.keys(sums).length} tables`,
      `changed during the backup: ${changed.map(([t]) => t).join(", ")}`,
    ].join(", ");
    testInfo.annotations.push({ type: "timings", description: summary });
    console.log(`backup test: ${summary}`);
  });
});
