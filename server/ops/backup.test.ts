import { afterEach, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "@/db/client";
import { seedDemoVault } from "@/db/seed";
import * as s from "@/db/schema";
import { asideName, backupDatabase, inspectPortalDatabase, OpsError, restoreDatabase } from "./backup";
import { acquireServerLock, processStartTicks, releaseServerLock, runningServer, serverLockPath } from "./server-lock";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "failback-ops-"));
  dirs.push(d);
  return d;
}

/** A seeded portal database file (closed). */
function portalDb(file: string): string {
  const db = openDb(file);
  migrateDb(db);
  seedDemoVault(db);
  db.$client.close();
  return file;
}

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const vaultCount = (file: string) => {
  const c = new Database(file, { readonly: true });
  try {
    return (c.prepare("select count(*) as n from vaults").get() as { n: number }).n;
  } finally {
    c.close();
  }
};

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OpsError) return err.message;
    throw err;
  }
  throw new Error("expected a refusal");
}

/** A process that lives until the test kills it (it stands for a running portal server). */
function liveProcess(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  return child;
}

function writeLock(dbFile: string, pid: number, startTicks: number | null) {
  fs.writeFileSync(serverLockPath(dbFile), JSON.stringify({ pid, startTicks, startedAt: new Date().toISOString(), port: "3999" }));
}

describe("db:backup", { timeout: 60_000 }, () => {
  it("copies the database into an owner-only file and directories, checked and self-contained", async () => {
    const d = tmp();
    const source = portalDb(path.join(d, "portal.db"));
    const target = path.join(d, "backups", "2025", "portal.db");
    const r = await backupDatabase(source, target);
    expect(r).toMatchObject({ file: target, violations: [], invariantsError: null });
    expect(mode(target)).toBe(0o600);
    expect(mode(path.dirname(target))).toBe(0o700);
    expect(mode(path.dirname(path.dirname(target)))).toBe(0o700);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["portal.db"]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    expect(vaultCount(target)).toBe(1);
  });

  it("includes what is still in the WAL of a database a live connection writes", async () => {
    const d = tmp();
    const source = portalDb(path.join(d, "portal.db"));
    const writer = openDb(source);
    writer.$client.pragma("wal_autocheckpoint = 0");
    writer.update(s.vaults).set({ region: "North Europe" }).run();
    expect(fs.statSync(`${source}-wal`).size).toBeGreaterThan(0);
    const target = path.join(d, "b.db");
    await backupDatabase(source, target);
    writer.$client.close();
    const copy = openDb(target);
    expect(copy.select().from(s.vaults).get()!.region).toBe("North Europe");
    copy.$client.close();
  });

  it("refuses an existing target unless --force, and never leaves a partial file", async () => {
    const d = tmp();
    const source = portalDb(path.join(d, "portal.db"));
    const target = path.join(d, "existing.db");
    fs.writeFileSync(target, "keep me");
    expect(await refusal(backupDatabase(source, target))).toMatch(/already exists\. Choose another file, or pass --force/);
    expect(fs.readFileSync(target, "utf8")).toBe("keep me");
    expect(fs.readdirSync(d).sort()).toEqual(["existing.db", "portal.db"]);

    fs.writeFileSync(`${target}-journal`, "a stale journal of the old file");
    await backupDatabase(source, target, { force: true });
    expect(fs.existsSync(`${target}-journal`)).toBe(false);
    expect(vaultCount(target)).toBe(1);
    expect(mode(target)).toBe(0o600);
  });

  it("refuses a missing database, a directory as target and the database itself", async () => {
    const d = tmp();
    expect(await refusal(backupDatabase(path.join(d, "none.db"), path.join(d, "b.db")))).toMatch(/does not exist/);
    const source = portalDb(path.join(d, "portal.db"));
    expect(await refusal(backupDatabase(source, d, { force: true }))).toMatch(/is a directory/);
    expect(await refusal(backupDatabase(source, source, { force: true }))).toMatch(/must not be the database itself/);
  });
});

describe("db:restore", { timeout: 60_000 }, () => {
  it("keeps the current database aside, puts the backup in place and leaves no stale WAL", async () => {
    const d = tmp();
    const backup = portalDb(path.join(d, "backup.db"));
    const dbFile = path.join(d, "data", "portal.db");
    portalDb(dbFile);
    const current = openDb(dbFile);
    current.update(s.vaults).set({ name: "changed-after-backup" }).run();
    current.$client.close();
    fs.writeFileSync(`${dbFile}-shm`, "stale");
    const before = sha(dbFile);

    const now = new Date("2025-03-04T05:06:07.089Z");
    const r = await restoreDatabase(dbFile, backup, { now });
    expect(r.aside).toBe(`${dbFile}.before-restore-2025-03-04T05-06-07-089Z`);
    expect(r.aside).toBe(asideName(dbFile, now));
    expect(sha(r.aside!)).toBe(before);
    expect(fs.existsSync(`${dbFile}-wal`) || fs.existsSync(`${dbFile}-shm`)).toBe(false);
    expect(mode(dbFile)).toBe(0o600);
    const restored = openDb(dbFile);
    migrateDb(restored);
    expect(restored.select().from(s.vaults).get()!.name).toBe("contoso-dr-vault");
    restored.$client.close();
    const aside = openDb(r.aside!);
    expect(aside.select().from(s.vaults).get()!.name).toBe("changed-after-backup");
    aside.$client.close();
    expect(r.info).toEqual({ migrations: expect.any(Number), pending: 0 });
  });

  it("restores into a location without a database", async () => {
    const d = tmp();
    const backup = portalDb(path.join(d, "backup.db"));
    const r = await restoreDatabase(path.join(d, "fresh", "portal.db"), backup);
    expect(r.aside).toBeNull();
    expect(vaultCount(r.database)).toBe(1);
  });

  it("refuses while a portal server runs on the database, and proceeds once it is gone (stale pid file)", async () => {
    const d = tmp();
    const backup = portalDb(path.join(d, "backup.db"));
    const dbFile = portalDb(path.join(d, "portal.db"));
    const before = sha(dbFile);
    const server = liveProcess();
    writeLock(dbFile, server.pid!, processStartTicks(server.pid!));

    expect(await refusal(restoreDatabase(dbFile, backup))).toMatch(
      new RegExp(`A portal server \\(pid ${server.pid}, port 3999\\) is running on .*portal\\.db\\. Stop it, then restore\\.`),
    );
    expect(sha(dbFile)).toBe(before);
    expect(fs.readdirSync(d).filter((f) => f.includes("before-restore") || f.includes("partial"))).toEqual([]);

    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    const r = await restoreDatabase(dbFile, backup);
    expect(r.aside).not.toBeNull();
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(false);
  });

  it("does not mistake a process that reused a dead server's pid for the server", () => {
    const d = tmp();
    const dbFile = path.join(d, "portal.db");
    const ticks = processStartTicks(process.pid);
    if (ticks == null) return; // no /proc: the pid alone decides
    writeLock(dbFile, process.pid, ticks + 1);
    expect(runningServer(dbFile)).toBeNull();
    writeLock(dbFile, process.pid, ticks);
    expect(runningServer(dbFile)?.pid).toBe(process.pid);
  });

  it("refuses files that are not a healthy database of this portal, changing nothing", async () => {
    const d = tmp();
    const dbFile = portalDb(path.join(d, "portal.db"));
    const before = sha(dbFile);

    const junk = path.join(d, "junk.db");
    fs.writeFileSync(junk, crypto.randomBytes(8192));
    expect(await refusal(restoreDatabase(dbFile, junk))).toMatch(/is not a SQLite database/);

    const other = path.join(d, "other.db");
    const o = new Database(other);
    o.exec("create table notes (id integer primary key, text text); insert into notes (text) values ('hello')");
    o.close();
    expect(await refusal(restoreDatabase(dbFile, other))).toMatch(/not one of this portal \(no __drizzle_migrations, vaults, jobs/);

    const newer = portalDb(path.join(d, "newer.db"));
    const n = new Database(newer);
    n.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 365 * 24 * 3600_000);
    n.close();
    expect(await refusal(restoreDatabase(dbFile, newer))).toMatch(/made by a newer version of the portal/);

    const damaged = portalDb(path.join(d, "damaged.db"));
    const size = fs.statSync(damaged).size;
    const fd = fs.openSync(damaged, "r+");
    // Overwrite pages in the middle (not the header): SQLite still opens it, the integrity check fails.
    fs.writeSync(fd, crypto.randomBytes(16 * 4096), 0, 16 * 4096, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    expect(await refusal(restoreDatabase(dbFile, damaged))).toMatch(/damaged|not a SQLite database|malformed/);

    expect(await refusal(restoreDatabase(dbFile, path.join(d, "missing.db")))).toMatch(/does not exist/);
    expect(await refusal(restoreDatabase(dbFile, dbFile))).toMatch(/is the database itself/);

    expect(sha(dbFile)).toBe(before);
    expect(fs.readdirSync(d).filter((f) => f.includes("before-restore") || f.includes("partial"))).toEqual([]);
  });

  it("accepts an older portal database: npm start migrates it", () => {
    const d = tmp();
    const file = portalDb(path.join(d, "old.db"));
    const c = new Database(file);
    const count = (c.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    c.close();
    const dir = path.join(d, "migrations");
    fs.cpSync(path.join(process.cwd(), "db", "migrations"), dir, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    journal.entries.push({ ...journal.entries.at(-1)!, when: Date.now() + 1000 });
    fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
    expect(inspectPortalDatabase(file, dir)).toEqual({ migrations: count, pending: 1 });
  });
});

describe("server pid file", { timeout: 60_000 }, () => {
  it("is written by the server process and removed when it exits", () => {
    const d = tmp();
    const dbFile = path.join(d, "portal.db");
    const { acquired } = acquireServerLock(dbFile, "4000");
    expect(acquired).toBe(true);
    expect(mode(serverLockPath(dbFile))).toBe(0o600);
    // Renamed into place whole: nothing written aside is left.
    expect(fs.readdirSync(d)).toEqual(["portal.db.pid"]);
    expect(runningServer(dbFile)).toMatchObject({ pid: process.pid, port: "4000" });
    releaseServerLock(dbFile);
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(false);
    expect(runningServer(dbFile)).toBeNull();
  });

  it("leaves the lock of another live server alone", () => {
    const d = tmp();
    const dbFile = path.join(d, "portal.db");
    const other = liveProcess();
    writeLock(dbFile, other.pid!, processStartTicks(other.pid!));
    const r = acquireServerLock(dbFile);
    expect(r.acquired).toBe(false);
    expect(r.holder.pid).toBe(other.pid);
    releaseServerLock(dbFile); // not ours: stays
    expect(runningServer(dbFile)?.pid).toBe(other.pid);
  });

  it("a process that exits removes its pid file; one killed with SIGKILL leaves a stale one", async () => {
    const d = tmp();
    const dbFile = path.join(d, "portal.db");
    // A process of its own (node with the tsx loader, no wrapper process) that takes the lock, then exits or waits.
    const holder = path.join(d, "holder.ts");
    fs.writeFileSync(
      holder,
      `import { acquireServerLock } from ${JSON.stringify(path.join(process.cwd(), "server/ops/server-lock.ts"))};\n` +
        `acquireServerLock(process.argv[2]);\n` +
        `if (process.argv[3] === "exit") process.exit(0); else setInterval(() => {}, 1000);\n`,
    );
    const args = (how: string) => ["--import", "tsx", holder, dbFile, how];
    const r = spawnSync(process.execPath, args("exit"), { cwd: process.cwd(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(false);

    const killed = spawn(process.execPath, args("wait"), { cwd: process.cwd(), stdio: "ignore" });
    children.push(killed);
    // Polled while the holder starts (seconds on a busy machine): the file appears whole or not at all.
    for (let i = 0; i < 1200 && !fs.existsSync(serverLockPath(dbFile)); i++) await new Promise((res) => setTimeout(res, 50));
    expect(runningServer(dbFile)).not.toBeNull();
    killed.kill("SIGKILL");
    await new Promise((res) => killed.once("exit", res));
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(true);
    expect(runningServer(dbFile)).toBeNull();
    expect(fs.existsSync(serverLockPath(dbFile))).toBe(false);
  });
});

describe("npm run check-invariants", { timeout: 60_000 }, () => {
  it("exits 0 on a healthy database and 1 with a readable list on a broken one", () => {
    const d = tmp();
    const file = portalDb(path.join(d, "portal.db"));
    const run = () =>
      spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/check-invariants.ts", "--db", file], {
        cwd: process.cwd(),
        encoding: "utf8",
      });
    const ok = run();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/All invariants hold in .*portal\.db/);

    const db = openDb(file);
    db.update(s.replicatedItems).set({ state: "reprotecting" }).where(eq(s.replicatedItems.id, "web-01")).run();
    db.$client.close();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/1 invariant violation\(s\) in .*portal\.db:/);
    expect(broken.stdout).toMatch(
      /\[item-in-progress-without-job\]: 1\n {2}- contoso-dr-vault: web-01 is "Reprotecting" but no job holds it/,
    );
  });
});
