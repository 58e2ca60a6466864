/**
 * `npx tsx scripts/measure-tick.ts [items] [ticks]`: the cost of the portal's engine tick (heartbeats,
 * replication simulation, job engine) with many protected items, on a scratch database file. Each
 * tick advances simulated time by what 500 ms of real time is at the default speed, as the portal
 * does, with the replication in the portal's slices (a tick and its continuations; `SLICE=<n>` sets
 * another slice than PORTAL_REPLICATION_SLICE). Prints the tick times, the longest slices (how long
 * a request may wait for the event loop) and the share of one core they take at one tick per 500 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureEngineTicks } from "./bench/engine-ticks";

process.env.LOG_LEVEL ??= "silent";
const items = Number(process.argv[2] ?? 10_000);
const ticks = Number(process.argv[3] ?? 40);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-tick-"));
try {
  const r = measureEngineTicks(path.join(dir, "tick.db"), items, ticks);
  console.log(JSON.stringify(r, null, 2));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
