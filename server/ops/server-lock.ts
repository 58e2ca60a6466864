/**
 * "Is a portal server using this database?" — answered by a pid file next to the database
 * (`<database>.pid`, e.g. data/portal.db.pid) that the server process itself writes when it
 * starts (instrumentation.ts, so `npm start`, `next start` and `next dev` all do) and removes when
 * it exits. A file left by a server that was killed (kill -9, power loss) names a process that no
 * longer exists, or a different process that reused the pid: on Linux the file also records the
 * process start time (/proc/<pid>/stat), so such a file is recognised as stale and ignored.
 */
import fs from "node:fs";

export type ServerLock = {
  pid: number;
  /** Process start time in clock ticks since boot (Linux), to tell a reused pid apart. */
  startTicks: number | null;
  startedAt: string;
  port: string | null;
};

export function serverLockPath(dbFile: string): string {
  return `${dbFile}.pid`;
}

/** Field 22 of /proc/<pid>/stat (start time), or null where /proc is not available. */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): ServerLock | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ServerLock>;
    if (typeof parsed.pid !== "number" || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return {
      pid: parsed.pid,
      startTicks: typeof parsed.startTicks === "number" ? parsed.startTicks : null,
      startedAt: String(parsed.startedAt ?? ""),
      port: parsed.port ? String(parsed.port) : null,
    };
  } catch {
    return null;
  }
}

/** Whether the process the lock names is still that process (not dead, not a reused pid). */
export function lockIsLive(lock: ServerLock): boolean {
  if (!processExists(lock.pid)) return false;
  if (lock.startTicks == null) return true;
  const now = processStartTicks(lock.pid);
  return now == null || now === lock.startTicks;
}

/** The live server using `dbFile`, or null. A stale pid file is removed. */
export function runningServer(dbFile: string): ServerLock | null {
  const file = serverLockPath(dbFile);
  const lock = readLock(file);
  if (lock && lockIsLive(lock)) return lock;
  if (fs.existsSync(file)) fs.rmSync(file, { force: true });
  return null;
}

/**
 * Called once by the server process at start: records this process as the database's server and
 * removes the file when the process exits. A live lock of another process is left alone (that
 * server already keeps restores away); the answer says which process holds it.
 */
export function acquireServerLock(
  dbFile: string,
  port: string | null = process.env.PORT ?? null,
): { acquired: boolean; holder: ServerLock } {
  const existing = runningServer(dbFile);
  if (existing && existing.pid !== process.pid) return { acquired: false, holder: existing };
  const lock: ServerLock = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    startedAt: new Date().toISOString(),
    port,
  };
  const file = serverLockPath(dbFile);
  // Written aside and renamed into place: a reader never sees a half-written file (which it would
  // take for a stale one and remove).
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(lock) + "\n", { mode: 0o600 });
  fs.renameSync(partial, file);
  process.once("exit", () => releaseServerLock(dbFile));
  return { acquired: true, holder: lock };
}

/** Removes the pid file if it names this process. */
export function releaseServerLock(dbFile: string, pid = process.pid): void {
  const file = serverLockPath(dbFile);
  if (readLock(file)?.pid === pid) fs.rmSync(file, { force: true });
}

/** The server's start (instrumentation.ts): takes the lock of its database, logging instead of failing. */
export function holdServerLock(dbFile: string, log: { info(o: object, m: string): void; warn(o: object, m: string): void }): void {
  if (dbFile === ":memory:") return;
  try {
    const { acquired, holder } = acquireServerLock(dbFile);
    if (acquired) log.info({ pidFile: serverLockPath(dbFile) }, "server lock taken");
    else log.warn({ pid: holder.pid, port: holder.port }, "another portal server already uses this database");
  } catch (err) {
    log.warn({ err }, "cannot write the server pid file; db:restore will not know that this server runs");
  }
}
