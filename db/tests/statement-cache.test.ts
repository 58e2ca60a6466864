import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type Database from "better-sqlite3";
import { migrateDb, openDb, preparedQuery, STATEMENT_CACHE_SIZE, type DB } from "../client";
import * as s from "../schema";
import { seedDemoVault, DEMO_VAULT_ID } from "../seed";

/** The connection drizzle runs its queries on (the cached one). */
const drizzleClient = (db: DB) => (db as unknown as { session: { client: Database.Database } }).session.client;

/** Counts the statements SQLite compiles on the connection. */
function countCompiles(db: DB): { count: number } {
  const counter = { count: 0 };
  const native = db.$client.prepare;
  db.$client.prepare = function (this: Database.Database, source: string) {
    counter.count++;
    return native.call(this, source);
  } as typeof native;
  return counter;
}

function freshDb(): DB {
  const db = openDb(":memory:");
  migrateDb(db);
  return db;
}

describe("drizzle's prepared statements", () => {
  it("the same query with other values is compiled once and answers each time for its own values", () => {
    const db = freshDb();
    seedDemoVault(db, Date.now());
    const compiles = countCompiles(db);
    const ids = db
      .select({ id: s.replicatedItems.id })
      .from(s.replicatedItems)
      .all()
      .map((r) => r.id);
    expect(ids.length).toBeGreaterThan(2);
    compiles.count = 0;
    for (const id of ids) {
      expect(db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, id)).get()?.id).toBe(id);
    }
    expect(compiles.count).toBe(1);
    expect(db.select().from(s.vaults).where(eq(s.vaults.id, DEMO_VAULT_ID)).get()?.id).toBe(DEMO_VAULT_ID);
    expect(compiles.count).toBe(2);
    db.$client.close();
  });

  it("a statement another query left in array mode answers objects to the next one", () => {
    const db = freshDb();
    expect(db.values(sql`select 1 as a, 2 as b`)).toEqual([[1, 2]]);
    expect(db.all(sql`select 1 as a, 2 as b`)).toEqual([{ a: 1, b: 2 }]);
    expect(db.get(sql`select 1 as a, 2 as b`)).toEqual({ a: 1, b: 2 });
    db.$client.close();
  });

  it("a statement still running (an open iterator) is not handed out again: the caller gets its own", () => {
    const db = freshDb();
    const client = drizzleClient(db);
    const source = "select value from json_each('[1,2,3]')";
    const running = client.prepare(source);
    const it = running.iterate();
    it.next();
    const other = client.prepare(source);
    expect(other).not.toBe(running);
    expect(other.all()).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }]);
    it.return?.();
    expect(client.prepare(source)).toBe(running);
    db.$client.close();
  });

  it("keeps at most STATEMENT_CACHE_SIZE statements, dropping the least recently used", () => {
    const db = freshDb();
    const client = drizzleClient(db);
    const first = client.prepare("select 0 as n");
    for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) client.prepare(`select ${i} as n`);
    const compiles = countCompiles(db);
    expect(client.prepare(`select ${STATEMENT_CACHE_SIZE} as n`).get()).toEqual({ n: STATEMENT_CACHE_SIZE });
    expect(compiles.count).toBe(0);
    expect(client.prepare("select 0 as n")).not.toBe(first);
    expect(compiles.count).toBe(1);
    db.$client.close();
  });
});

describe("preparedQuery", () => {
  it("builds its query once per connection, shared by the connection's transactions, and answers each call for its own values", () => {
    const db = freshDb();
    seedDemoVault(db, Date.now());
    let builds = 0;
    const vaultName = preparedQuery((d) => {
      builds++;
      return d
        .select({ name: s.vaults.name })
        .from(s.vaults)
        .where(eq(s.vaults.id, sql.placeholder("id")))
        .prepare();
    });
    expect(vaultName(db).get({ id: DEMO_VAULT_ID })?.name).toBeTruthy();
    expect(vaultName(db).get({ id: "no-such-vault" })).toBeUndefined();
    // Inside a transaction (and a savepoint) on the same connection: the same query, which sees the transaction's writes.
    expect(() =>
      db.transaction((tx) => {
        tx.update(s.vaults).set({ name: "renamed" }).where(eq(s.vaults.id, DEMO_VAULT_ID)).run();
        tx.transaction((sp) => expect(vaultName(sp)).toBe(vaultName(db)));
        expect(vaultName(tx).get({ id: DEMO_VAULT_ID })?.name).toBe("renamed");
        throw new Error("undo");
      }),
    ).toThrow("undo");
    expect(vaultName(db).get({ id: DEMO_VAULT_ID })?.name).not.toBe("renamed");
    expect(builds).toBe(1);
    // Another connection gets its own.
    const other = freshDb();
    expect(vaultName(other)).not.toBe(vaultName(db));
    expect(builds).toBe(2);
    db.$client.close();
    other.$client.close();
  });

  it("keeps one query per key", () => {
    const db = freshDb();
    seedDemoVault(db, Date.now());
    const constant = preparedQuery((d, n: number) =>
      d
        .select({ n: sql<number>`${n}` })
        .from(s.vaults)
        .where(eq(s.vaults.id, DEMO_VAULT_ID))
        .prepare(),
    );
    expect(constant(db, 1)).toBe(constant(db, 1));
    expect(constant(db, 2)).not.toBe(constant(db, 1));
    expect([constant(db, 1).get()?.n, constant(db, 2).get()?.n]).toEqual([1, 2]);
    db.$client.close();
  });
});
