/**
 * `npm run bench`: measures the performance targets on a scratch database (never the portal's).
 *
 * | target                                                  | limit          |
 * |---------------------------------------------------------|----------------|
 * | Replicated items grid query, 2,000 items, p95           | ≤ 50 ms        |
 * | Item page read model, p95                               | ≤ 10 ms        |
 * | Replication simulation tick, 2,000 replicating items    | ≤ 250 ms       |
 * | Job engine tick, 300 active jobs, each due              | ≤ 150 ms       |
 * | Job engine tick, idle (no due step)                     | ≤ 5 ms         |
 * | First-load JS of every blade (after a build), gzip      | ≤ 400 KB       |
 *
 * Exits 1 when a target is missed, so it can gate a release.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import * as s from "../db/schema";
import { DEMO_VAULT_ID, seedDemoVault } from "../db/seed";
import { getItem, listItems } from "../server/domain/replicated-item/queries";
import { simulateReplication } from "../server/domain/replication";
import { ManualClock } from "../server/jobs/clock";
import { enqueueJob, JobEngine } from "../server/jobs/engine";
import { registerJobDefinition } from "../server/jobs/registry";

process.env.LOG_LEVEL ??= "silent";
const ITEMS = 2_000;
const JOBS = 300;

type Row = { target: string; measured: string; limit: string; ok: boolean };
const rows: Row[] = [];
const record = (target: string, value: number, limit: number, unit = "ms") =>
  rows.push({ target, measured: `${value.toFixed(2)} ${unit}`, limit: `≤ ${limit} ${unit}`, ok: value <= limit });

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
function time(fn: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
const db = openDb(path.join(dir, "bench.db"));
migrateDb(db);
const start = Date.parse("2026-01-01T00:00:00Z");
seedDemoVault(db, start);

// ---- 2,000 extra protected VMware items ------------------------------------------------------
db.transaction((tx) => {
  for (let i = 0; i < ITEMS; i++) {
    const name = `bench-vm-${String(i).padStart(4, "0")}`;
    tx.insert(s.machines)
      .values({
        id: `m-${name}`,
        configurationServerId: "cs-01",
        kind: "vmware",
        name,
        hostName: `${name}.contoso.local`,
        vcenterId: "vcenter-01",
        hostId: "esxi-01",
        datastoreId: "ds-prod-01",
        osType: i % 3 ? "windows" : "linux",
        osName: i % 3 ? "Windows Server 2019 Datacenter" : "CentOS 7.9",
        rootFileSystem: i % 3 ? "ntfs" : "ext4",
        cores: 2,
        memoryMb: 4096,
        disks: [{ name: "Disk0", sizeGb: 64, os: true }],
        nics: [{ name: "Network adapter 1", ipMode: "dhcp", ip: `10.9.${Math.floor(i / 250)}.${i % 250}` }],
        discoveredAt: new Date(start),
      })
      .run();
    tx.insert(s.replicatedItems)
      .values({
        id: name,
        vaultId: DEMO_VAULT_ID,
        machineId: `m-${name}`,
        configurationServerId: "cs-01",
        name,
        kind: "vmware",
        osType: i % 3 ? "windows" : "linux",
        state: "protected",
        activeLocation: "on-premises",
        replicationDirection: "to-azure",
        replicationHealth: "healthy",
        policyId: "policy-24h",
        processServerId: "ps-cs-01",
        targetNetworkId: "vnet-prod",
        initialReplicationPercent: 100,
        createdAt: new Date(start),
        updatedAt: new Date(start),
      })
      .run();
  }
});

// ---- Read models ------------------------------------------------------------------------------
time(() => listItems(db, { vaultId: DEMO_VAULT_ID }), 5);
record(
  `Replicated items grid query, ${ITEMS + 25} items, p95`,
  percentile(
    time(() => listItems(db, { vaultId: DEMO_VAULT_ID }), 50),
    95,
  ),
  50,
);
record(
  "Replicated items grid query, filtered by search, p95",
  percentile(
    time(() => listItems(db, { vaultId: DEMO_VAULT_ID, search: "vm-01" }), 50),
    95,
  ),
  50,
);
record(
  "Item page read model, p95",
  percentile(
    time(() => getItem(db, DEMO_VAULT_ID, "crm-01"), 200),
    95,
  ),
  10,
);

// ---- Replication simulation -------------------------------------------------------------------
let simNow = start;
simulateReplication(db, DEMO_VAULT_ID, new Date(simNow)); // first tick anchors the simulation
const simSamples = time(() => {
  simNow += 60_000;
  simulateReplication(db, DEMO_VAULT_ID, new Date(simNow));
}, 20);
record(`Replication simulation tick, ${ITEMS} replicating items, p95`, percentile(simSamples, 95), 250);

// ---- Job engine --------------------------------------------------------------------------------
registerJobDefinition({ type: "bench", steps: { a: () => {}, b: () => {}, c: () => {} } });
const clock = new ManualClock(simNow);
db.transaction((tx) => {
  for (let i = 0; i < JOBS; i++) {
    enqueueJob(tx, {
      vaultId: DEMO_VAULT_ID,
      type: "bench",
      name: "Bench",
      targetType: "replicated-item",
      targetId: `bench-vm-${String(i).padStart(4, "0")}`,
      targetName: `bench-vm-${i}`,
      steps: ["a", "b", "c"].map((key) => ({ key, name: key, durationSeconds: 60 })),
    });
  }
});
// Keep the replication simulation out of these numbers: the engine alone.
const engine = new JobEngine({ db, clock });
engine.tick(); // starts every job's first step
const idle = time(() => engine.tick(), 20);
record(`Job engine tick, ${JOBS} active jobs, none due, p95`, percentile(idle, 95), 5);
const due: number[] = [];
for (let i = 0; i < 3; i++) {
  clock.advance(61_000);
  due.push(...time(() => engine.tick(), 1));
}
record(`Job engine tick, ${JOBS} active jobs each completing a step, max`, Math.max(...due), 150);
const finished = db.select({ status: s.jobs.status }).from(s.jobs).where(eq(s.jobs.type, "bench")).all();
if (finished.some((j) => j.status !== "succeeded")) throw new Error("bench jobs did not all succeed");

// ---- Bundle size ------------------------------------------------------------------------------
const stats = path.join(process.env.NEXT_DIST_DIR || ".next", "diagnostics", "route-bundle-stats.json");
if (fs.existsSync(stats)) {
  const routes = JSON.parse(fs.readFileSync(stats, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  const gzipOf = new Map<string, number>();
  const sizeOf = (chunk: string) => {
    if (!gzipOf.has(chunk)) gzipOf.set(chunk, fs.existsSync(chunk) ? zlib.gzipSync(fs.readFileSync(chunk)).length : 0);
    return gzipOf.get(chunk)!;
  };
  const blades = routes
    .filter((r) => r.route.startsWith("/vaults/"))
    .map((r) => ({ route: r.route, bytes: r.firstLoadChunkPaths.reduce((sum, c) => sum + sizeOf(c), 0) }))
    .sort((a, b) => b.bytes - a.bytes);
  const worst = blades[0];
  if (worst) record(`First-load JS, largest blade (${worst.route}), gzip`, worst.bytes / 1024, 400, "KB");
} else {
  console.log(`(no ${stats}: run \`npm run build\` first to measure first-load JS)`);
}

db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });

const w = Math.max(...rows.map((r) => r.target.length));
console.log(`\n${"target".padEnd(w)}  ${"measured".padStart(12)}  ${"limit".padStart(10)}  result`);
for (const r of rows) console.log(`${r.target.padEnd(w)}  ${r.measured.padStart(12)}  ${r.limit.padStart(10)}  ${r.ok ? "ok" : "MISSED"}`);
console.log(`\n${os.cpus().length} cores, Node ${process.version}`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
