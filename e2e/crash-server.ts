/**
 * For the crash and backup specs: a portal server of their own (`npm start`'s script on the e2e
 * build, its own database file and port), in its own process group so that one signal reaches
 * every process of it (the tsx wrapper, `next start` and its `next-server` child).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { expect, type TestInfo } from "@playwright/test";
import { and, eq, ne } from "drizzle-orm";
import type { DB } from "@/db/client";
import * as s from "@/db/schema";
import { transaction } from "@/server/jobs/engine";
import { createRecoveryPlan, AZURE_SITE } from "@/server/domain/recovery-plan/create-recovery-plan";
import { runPlanFailover } from "@/server/domain/recovery-plan/run-plan-failover";
import { CRASH_PORTS } from "./ports";

export const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** Ten ports from CRASH_PORTS: one per (worker, spec) so parallel workers never share one. */
export function portFor(testInfo: TestInfo, offset: 0 | 1): number {
  return CRASH_PORTS + ((testInfo.parallelIndex * 2 + offset) % 10);
}

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o700);
  return dir;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

export async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** GET /api/health on a new connection (no keep-alive socket the server may have closed meanwhile). */
export function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

export type PortalServer = {
  port: number;
  dbFile: string;
  process: ChildProcess;
  /** The last lines the server printed (for failure messages). */
  output: () => string;
  exited: () => boolean;
};

/** How long a portal server may take to answer /api/health (on a loaded 2-core machine a start takes about 30 s). */
export const SERVER_START_MS = 60_000;

export async function startPortal(opts: {
  dbFile: string;
  port: number;
  simSpeed: number;
  /** More environment for the server (e.g. JOB_ENGINE=off for a database that stays still). */
  env?: Record<string, string>;
  /** How much of the server's output to keep (the last 20,000 characters unless told). */
  keepOutput?: number;
}): Promise<PortalServer> {
  if (!(await portIsFree(opts.port))) throw new Error(`Port ${opts.port} is in use; the test needs it for its own server.`);
  const child = spawn(TSX, ["scripts/start.ts"], {
    cwd: ROOT,
    detached: true, // its own process group: kill(-pid) reaches next start and next-server too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e",
      DATABASE_URL: `file:${opts.dbFile}`,
      PORT: String(opts.port),
      SIM_SPEED: String(opts.simSpeed),
      LOG_LEVEL: "warn",
      ...opts.env,
    },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-(opts.keepOutput ?? 20_000));
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.once("exit", () => (exited = true));
  const server: PortalServer = { port: opts.port, dbFile: opts.dbFile, process: child, output: () => log, exited: () => exited };

  const deadline = Date.now() + SERVER_START_MS;
  for (;;) {
    if (exited) throw new Error(`The portal server exited before it served requests:\n${log}`);
    if (await healthy(opts.port)) return server;
    // `npm start` builds first when the build is older than the sources (not in a Playwright run,
    // whose web server has just built): give a build its time rather than kill it half way.
    if (Date.now() > deadline && !(log.includes("Building the portal") && Date.now() < deadline + 240_000)) {
      killGroup(server, "SIGKILL");
      throw new Error(`The portal server did not answer /api/health within ${SERVER_START_MS / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function killGroup(server: PortalServer, signal: NodeJS.Signals): void {
  try {
    process.kill(-server.process.pid!, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

/** Whether any process of the server's group is still alive. */
export function groupAlive(server: PortalServer): boolean {
  try {
    process.kill(-server.process.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9 of the whole server: no shutdown code runs anywhere. */
export async function killHard(server: PortalServer): Promise<void> {
  killGroup(server, "SIGKILL");
  await until("the killed server's processes to disappear", () => !groupAlive(server), 10_000, 20);
}

/** A normal stop (SIGTERM to the group), then SIGKILL if it does not end within 15 s. */
export async function stopPortal(server: PortalServer): Promise<void> {
  if (!groupAlive(server)) return;
  killGroup(server, "SIGTERM");
  try {
    await until("the server to stop", () => !groupAlive(server), 15_000, 50);
  } catch {
    await killHard(server);
  }
}

/** The server's job engine has ticked once since `since` (its replication simulation stamps every tick). */
export function engineTicked(sqlite: Database.Database, since: number | null = null): boolean {
  const row = sqlite.prepare("select max(replication_simulated_at) as at from simulation_settings").get() as { at: number | null };
  return row.at != null && (since == null || row.at > since);
}

type TableDigest = Map<string, string>;
/** Every data table's rows by primary key (rowid when it has none) → a hash of the row, read in one snapshot (a full-text index's own storage is derived from them). */
export function digest(sqlite: Database.Database): Map<string, TableDigest> {
  const read = sqlite.transaction(() => {
    const tables = (
      sqlite
        .prepare("select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name")
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const out = new Map<string, TableDigest>();
    for (const table of tables) {
      const pk = (sqlite.pragma(`table_info("${table}")`) as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const rows = sqlite.prepare(`select rowid as __rowid, * from "${table}"`).all() as Record<string, unknown>[];
      const byKey: TableDigest = new Map();
      for (const { __rowid, ...row } of rows) {
        const key = pk.length ? JSON.stringify(pk.map((c) => row[c])) : String(__rowid);
        byKey.set(key, crypto.createHash("sha1").update(JSON.stringify(row)).digest("hex"));
      }
      out.set(table, byKey);
    }
    return out;
  });
  return read();
}

/** Per table: row count and one checksum over all rows (order-independent). */
export function tableSums(d: Map<string, TableDigest>): Record<string, { rows: number; sum: string }> {
  return Object.fromEntries(
    [...d].map(([table, rows]) => [
      table,
      {
        rows: rows.size,
        sum: crypto
          .createHash("sha1")
          .update(
            [...rows]
              .map(([k, h]) => `${k}=${h}`)
              .sort()
              .join("\n"),
          )
          .digest("hex"),
      },
    ]),
  );
}

/** A plan of two groups, one item each, made of items that can fail over to Azure now; its failover started. */
export function startPlanFailover(db: DB, namePrefix: string): { vaultId: string; planId: string; jobId: string; itemIds: string[] } {
  const vault = db.select().from(s.vaults).get()!;
  const items = db
    .select({ id: s.replicatedItems.id, csId: s.replicatedItems.configurationServerId })
    .from(s.replicatedItems)
    .where(
      and(
        eq(s.replicatedItems.vaultId, vault.id),
        eq(s.replicatedItems.state, "protected"),
        eq(s.replicatedItems.activeLocation, "on-premises"),
        eq(s.replicatedItems.replicationDirection, "to-azure"),
        // An RPO warning is fine (a slow start can leave one); a critical item has lost its process server.
        ne(s.replicatedItems.replicationHealth, "critical"),
      ),
    )
    .orderBy(s.replicatedItems.name)
    .limit(2)
    .all();
  expect(items, "two items protected to Azure, not critical").toHaveLength(2);
  const cs = db.select().from(s.configurationServers).where(eq(s.configurationServers.id, items[0]!.csId)).get()!;
  // BEGIN IMMEDIATE: the verb's reads and writes cannot interleave with the server's writer.
  return transaction(db, (tx) => {
    const { planId } = createRecoveryPlan(tx, {
      vaultId: vault.id,
      name: `${namePrefix}-${Date.now()}`,
      source: cs.name,
      target: AZURE_SITE,
      groups: items.map((i) => ({ itemIds: [i.id] })),
    });
    const { jobId } = runPlanFailover(tx, { vaultId: vault.id, planId, direction: "to-azure" });
    return { vaultId: vault.id, planId, jobId, itemIds: items.map((i) => i.id) };
  });
}
