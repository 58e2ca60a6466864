/**
 * The portal as `npm start` runs it (build if stale, then the production server), on a scratch
 * database and its own build folder, in its own process group so the bench stops all of it.
 * CPU time is read from /proc for the whole process tree (tsx → node → Next), so it counts
 * what the server burns, not the machine's load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type Server = { url: string; pid: number; stop(): Promise<void>; log: () => string };

export async function startServer(o: { root: string; port: number; databaseFile: string; distDir: string }): Promise<Server> {
  const out: string[] = [];
  const child: ChildProcess = spawn(path.join(o.root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: o.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(o.port),
      DATABASE_URL: `file:${o.databaseFile}`,
      NEXT_DIST_DIR: o.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      PORTAL_SIGNIN_RATE_LIMIT: "100/60",
      // The default simulation speed: the idle measurement is of the default.
      SIM_SPEED: "",
    },
  });
  child.stdout!.on("data", (d: Buffer) => out.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => out.push(d.toString()));
  const url = `http://localhost:${o.port}`;
  const stop = async () => {
    if (child.exitCode != null || child.pid == null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 15 * 60_000; // a build on a loaded machine can take minutes
  for (;;) {
    if (child.exitCode != null) throw new Error(`the portal exited (${child.exitCode}):\n${out.join("")}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not start:\n${out.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { url, pid: child.pid!, stop, log: () => out.join("") };
}

/** CPU time (user + system, ms) of a process and all its descendants, from /proc. */
export function treeCpuMs(rootPid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid … utime(14) stime(15): fields after the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Share of one core the server tree used over `seconds` of real time (CPU time / wall time). */
export async function idleCoreShare(pid: number, seconds: number): Promise<number> {
  const cpu0 = treeCpuMs(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return (treeCpuMs(pid) - cpu0) / (performance.now() - t0);
}

export function loadAverage(): string {
  return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
