/**
 * Backup and restore of the portal's SQLite database (`npm run db:backup` / `npm run db:restore`).
 *
 * Backup uses SQLite's online backup API (better-sqlite3 `db.backup()`), copying every page in
 * one step: that step reads one snapshot, so the copy is consistent while the running portal
 * keeps writing (WAL: the writer is never blocked). The copy is written next to the target under
 * a temporary name, checked (`PRAGMA integrity_check`, the invariant checker), switched to a
 * single self-contained file (journal mode DELETE) and only then given its name — so a target
 * never holds a half-written backup. Files are 0600, created directories 0700.
 *
 * Restore refuses while a server uses the database (server-lock.ts), refuses a file that is not
 * a healthy SQLite database of this portal (integrity check, migrations table, not from a newer
 * version), keeps the current database aside as `<db>.before-restore-<time>`, then puts the
 * backup in place. The next `npm start` migrates it if it is older.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER, type DB } from "@/db/client";
import * as schema from "@/db/schema";
import { checkInvariants, type Violation } from "@/server/domain/invariants/check";
import { runningServer } from "./server-lock";

/** A refusal or failure with a message meant for the person running the command. */
export class OpsError extends Error {
  override name = "OpsError";
}

const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;
/** Tables every portal database has; a SQLite file without them is somebody else's. */
const PORTAL_TABLES = ["__drizzle_migrations", "vaults", "jobs", "job_steps", "replicated_items"];

function removeSideFiles(file: string): void {
  for (const suffix of SIDE_FILES) fs.rmSync(file + suffix, { force: true });
}

function removeWithSideFiles(file: string): void {
  fs.rmSync(file, { force: true });
  removeSideFiles(file);
}

/** Copies `from` (an open connection) into `toFile` in one backup step: one consistent snapshot. */
async function copyOnline(from: Database.Database, toFile: string): Promise<void> {
  await from.backup(toFile, { progress: () => 0x7fffffff });
}

function integrity(db: Database.Database): string {
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join("; ");
}

export type BackupResult = {
  file: string;
  bytes: number;
  tookMs: number;
  /** What the invariant checker found in the copy (a faithful copy of the live database). */
  violations: Violation[];
  /** Set when the invariant checker could not run (e.g. a database of an older schema). */
  invariantsError: string | null;
};

export async function backupDatabase(sourceFile: string, targetFile: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const started = Date.now();
  const source = path.resolve(sourceFile);
  const target = path.resolve(targetFile);
  if (!fs.existsSync(source)) throw new OpsError(`The database ${source} does not exist; nothing to back up.`);
  if (source === target) throw new OpsError("The backup file must not be the database itself.");
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) throw new OpsError(`${target} is a directory; give the backup file's name.`);
    if (!options.force) throw new OpsError(`${target} already exists. Choose another file, or pass --force to overwrite it.`);
  }

  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const partial = path.join(dir, `.${path.basename(target)}.partial-${process.pid}`);
  removeWithSideFiles(partial);
  // Created owner-only before SQLite writes a byte (SQLite gives its journal the same mode).
  fs.writeFileSync(partial, "", { mode: 0o600, flag: "wx" });
  try {
    let src: Database.Database;
    try {
      src = new Database(source, { fileMustExist: true });
      src.pragma("busy_timeout = 5000");
    } catch (err) {
      throw new OpsError(`The database ${source} cannot be opened: ${(err as Error).message}`);
    }
    try {
      await copyOnline(src, partial);
    } catch (err) {
      throw new OpsError(`The backup of ${source} failed: ${(err as Error).message}`);
    } finally {
      src.close();
    }

    const copy = new Database(partial, { fileMustExist: true });
    let violations: Violation[] = [];
    let invariantsError: string | null = null;
    try {
      // One file, no -wal to carry around; the portal switches it back to WAL when it opens it.
      copy.pragma("journal_mode = DELETE");
      const ok = integrity(copy);
      if (ok !== "ok") throw new OpsError(`The copy of ${source} failed the integrity check (${ok}); no backup was written.`);
      try {
        violations = checkInvariants(drizzle(copy, { schema }) as DB);
      } catch (err) {
        invariantsError = (err as Error).message;
      }
    } finally {
      copy.close();
    }

    if (options.force) {
      removeSideFiles(target);
      fs.renameSync(partial, target);
    } else {
      // A stale -journal or -wal next to the new name would be applied to the new file.
      removeSideFiles(target);
      try {
        fs.linkSync(partial, target); // fails if the target appeared meanwhile: never overwrite silently
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST")
          throw new OpsError(`${target} already exists. Choose another file, or pass --force to overwrite it.`);
        throw err;
      }
      fs.rmSync(partial, { force: true });
    }
    fs.chmodSync(target, 0o600);
    return { file: target, bytes: fs.statSync(target).size, tookMs: Date.now() - started, violations, invariantsError };
  } finally {
    removeWithSideFiles(partial);
  }
}

export type PortalDatabaseInfo = {
  /** Migrations recorded in the file. */
  migrations: number;
  /** Migrations this version of the portal would still apply to it on start. */
  pending: number;
};

type JournalEntry = { when: number; tag: string };

function journal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const file = path.join(folder, "meta", "_journal.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** Refuses anything that is not a healthy SQLite database of this portal, or one made by a newer version of it. */
export function inspectPortalDatabase(file: string, migrationsFolder = MIGRATIONS_FOLDER): PortalDatabaseInfo {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new OpsError(`${file} does not exist or is not a file.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new OpsError(`${file} cannot be opened as a SQLite database (${(err as Error).message}).`);
  }
  try {
    let ok: string;
    try {
      ok = integrity(db);
    } catch (err) {
      throw new OpsError(`${file} is not a SQLite database (${(err as Error).message}).`);
    }
    if (ok !== "ok") throw new OpsError(`${file} is damaged: the integrity check says ${ok}.`);
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    const missing = PORTAL_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new OpsError(`${file} is a SQLite database, but not one of this portal (no ${missing.join(", ")} table).`);
    const applied = db.prepare("select created_at as at from __drizzle_migrations order by created_at").all() as { at: number }[];
    if (!applied.length) throw new OpsError(`${file} has no migrations recorded; it is not a portal database.`);
    const known = journal(migrationsFolder);
    const newest = Math.max(...known.map((m) => m.when));
    const last = Number(applied.at(-1)!.at);
    if (last > newest)
      throw new OpsError(
        `${file} was made by a newer version of the portal (a migration this version does not know). Upgrade the portal first.`,
      );
    return { migrations: applied.length, pending: known.filter((m) => m.when > last).length };
  } finally {
    db.close();
  }
}

export type RestoreResult = {
  database: string;
  /** Where the database that was replaced now is, or null when there was none. */
  aside: string | null;
  info: PortalDatabaseInfo;
};

/** `<db>.before-restore-2025-01-31T12-00-00-000Z` */
export function asideName(dbFile: string, now: Date): string {
  return `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
}

export async function restoreDatabase(dbFile: string, backupFile: string, options: { now?: Date } = {}): Promise<RestoreResult> {
  const database = path.resolve(dbFile);
  const backup = path.resolve(backupFile);
  if (database === backup) throw new OpsError("The backup file is the database itself; nothing to restore.");
  const server = runningServer(database);
  if (server)
    throw new OpsError(
      `A portal server (pid ${server.pid}${server.port ? `, port ${server.port}` : ""}) is running on ${database}. Stop it, then restore.`,
    );
  const info = inspectPortalDatabase(backup);

  fs.mkdirSync(path.dirname(database), { recursive: true, mode: 0o700 });
  const partial = `${database}.restore-${process.pid}.partial`;
  removeWithSideFiles(partial);
  fs.writeFileSync(partial, "", { mode: 0o600, flag: "wx" });
  try {
    // Through SQLite, not a file copy: a -wal next to the backup is read too.
    const src = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await copyOnline(src, partial);
    } finally {
      src.close();
    }

    let aside: string | null = null;
    if (fs.existsSync(database)) {
      // Fold the current database's WAL into its file, so the copy kept aside is complete on its own.
      try {
        const current = new Database(database, { fileMustExist: true });
        current.pragma("wal_checkpoint(TRUNCATE)");
        current.close();
      } catch {
        // Not a database (or damaged): keep it aside exactly as it is, side files included.
      }
      aside = asideName(database, options.now ?? new Date());
      fs.renameSync(database, aside);
      for (const suffix of ["-wal", "-journal"] as const) {
        if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, aside + suffix);
      }
    }
    removeSideFiles(database);
    fs.renameSync(partial, database);
    fs.chmodSync(database, 0o600);
    return { database, aside, info };
  } finally {
    removeWithSideFiles(partial);
  }
}
