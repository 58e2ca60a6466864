import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a synchronous transaction callback receives; verbs accept either. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
export type DbOrTx = DB | Tx;

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function databasePath(url = process.env.DATABASE_URL ?? "file:data/portal.db"): string {
  const p = url.replace(/^file:/, "");
  return p === ":memory:" ? p : path.resolve(/*turbopackIgnore: true*/ p);
}

export class DatabaseFileError extends Error {}

/**
 * Creates the database's folder (0700) and an empty database file (0600) owner-only: it holds
 * password hashes, sessions and encrypted secrets. An existing folder or file keeps its mode here
 * (`npm start` tightens an existing one: db/file-permissions.ts). SQLite gives its -wal and -shm
 * files the file's mode.
 */
function createOwnerOnly(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  }
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
    fs.chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

/** How many distinct statements (by SQL text) the drizzle connection keeps prepared. */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * The connection as drizzle sees it: `prepare` answers the statement already prepared for the same
 * SQL text (least recently used dropped beyond STATEMENT_CACHE_SIZE). Drizzle prepares every query
 * it runs, and SQLite's compilation of it cost about as much as running it (a job step's reads and
 * writes by primary key). A statement handed out again is back in its default result mode (drizzle
 * switches `raw()` on per call when it wants arrays); one still running (an open iterator) is not
 * shared: the caller gets a new one. Other users of `$client` prepare as before.
 */
function statementCache(sqlite: Database.Database): Database.Database {
  const prepared = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = prepared.get(source);
    if (hit && !hit.busy) {
      prepared.delete(source); // most recently used last
      prepared.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = sqlite.prepare.call(client, source) as Database.Statement;
    if (hit) return stmt;
    prepared.set(source, stmt);
    if (prepared.size > STATEMENT_CACHE_SIZE) prepared.delete(prepared.keys().next().value as string);
    return stmt;
  };
  // The connection's own methods (transaction, pragma, …) through the prototype; only prepare differs.
  const client = Object.create(sqlite, { prepare: { value: prepare } }) as Database.Database;
  return client;
}

/**
 * A query drizzle builds once per connection: `build` answers a prepared query (`.prepare()`, with
 * `sql.placeholder` for what varies), and the function returned gives the connection's one, for the
 * connection or any transaction on it (they share drizzle's session). For the hot paths (a job
 * step's reads, an item verb's): the statement cache spares SQLite's compilation, not drizzle's
 * building of the SQL text, which cost several times the query itself (a row of 40 columns).
 * Placeholders in `where` are bound as given (timestamps as epoch ms); in `values` and `set` they
 * are encoded as the column stores them.
 */
export function preparedQuery<Q, K = undefined>(build: (db: DbOrTx, key: K) => Q): (db: DbOrTx, key?: K) => Q {
  const byConnection = new WeakMap<object, Map<K | undefined, Q>>();
  return (db, key) => {
    const session = (db as unknown as { session: object }).session;
    let queries = byConnection.get(session);
    if (!queries) byConnection.set(session, (queries = new Map()));
    let query = queries.get(key);
    if (query === undefined) queries.set(key, (query = build(db, key as K)));
    return query;
  };
}

/** Opens (creating if absent) a SQLite file with WAL and foreign keys; refuses a file that is not a database. */
export function openDb(file = databasePath()): DB {
  if (file !== ":memory:") createOwnerOnly(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.prepare("select count(*) from sqlite_master").get();
  } catch (e) {
    throw new DatabaseFileError(
      `The database file ${file} cannot be opened as SQLite (${(e as Error).message}). ` +
        `It was left untouched. Move it aside or set DATABASE_URL to another file.`,
    );
  }
  const db = drizzle(statementCache(sqlite), { schema }) as DB;
  db.$client = sqlite;
  // Every root transaction is IMMEDIATE unless it says otherwise: it takes the write lock before
  // it reads, so a write committed meanwhile by another process on the same file (the portal, a
  // CLI, a backup) waits for the busy timeout instead of voiding it with SQLITE_BUSY. Savepoints
  // (tx.transaction) are unaffected.
  const begin = db.transaction.bind(db);
  db.transaction = ((fn, config) => begin(fn, { behavior: "immediate", ...config })) as DB["transaction"];
  return db;
}

/**
 * Applies the pending migrations (one transaction). Foreign keys are off meanwhile, as SQLite
 * requires for a migration that rebuilds a table (drizzle-kit's "create new, copy, drop, rename"):
 * with them on, dropping the old table would run its ON DELETE actions on the rows that reference
 * it (and PRAGMA foreign_keys is a no-op inside the transaction). The references are checked after.
 */
export function migrateDb(db: DB, folder = MIGRATIONS_FOLDER): void {
  const sqlite = db.$client;
  const enforced = sqlite.pragma("foreign_keys", { simple: true }) === 1;
  if (enforced) sqlite.pragma("foreign_keys = OFF");
  const applied = () =>
    sqlite.prepare("select count(*) from sqlite_master where type = 'table' and name = '__drizzle_migrations'").pluck().get()
      ? (sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get() as number)
      : 0;
  try {
    const before = applied();
    migrate(db, { migrationsFolder: folder });
    if (applied() === before) return;
    const broken = sqlite.pragma("foreign_key_check") as { table: string; parent: string }[];
    if (broken.length)
      throw new Error(
        `After the migrations, ${broken.length} rows reference a missing row (first: ${broken[0]!.table} → ${broken[0]!.parent}).`,
      );
  } finally {
    if (enforced) sqlite.pragma("foreign_keys = ON");
  }
}

/** A fresh migrated in-memory database, for tests. */
export function memoryDb(): DB {
  const db = openDb(":memory:");
  migrateDb(db);
  return db;
}

const globalForDb = globalThis as unknown as { __portalDb?: DB };

/** The process-wide database of the running portal (migrated on first use). */
export function getDb(): DB {
  if (!globalForDb.__portalDb) {
    const db = openDb();
    migrateDb(db);
    globalForDb.__portalDb = db;
  }
  return globalForDb.__portalDb;
}
