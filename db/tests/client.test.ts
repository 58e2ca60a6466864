import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseFileError, migrateDb, openDb } from "../client";

describe("opening the database file", () => {
  it("creates a missing file with WAL and foreign keys on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-"));
    const file = path.join(dir, "nested", "portal.db");
    const db = openDb(file);
    migrateDb(db);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates the folder owner-only (0700) and the database, its WAL and shared-memory files owner-only (0600)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-"));
    const data = path.join(dir, "data");
    const file = path.join(data, "portal.db");
    const old = process.umask(0o022);
    try {
      const db = openDb(file);
      migrateDb(db);
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(data)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(file + "-wal")).toBe(0o600);
      expect(mode(file + "-shm")).toBe(0o600);
      db.$client.close();
      // An existing folder (perhaps a shared one) keeps its mode.
      const shared = path.join(dir, "shared");
      fs.mkdirSync(shared, { mode: 0o755 });
      fs.chmodSync(shared, 0o755);
      openDb(path.join(shared, "x.db")).$client.close();
      expect(mode(shared)).toBe(0o755);
      expect(mode(path.join(shared, "x.db"))).toBe(0o600);
    } finally {
      process.umask(old);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file that is not a SQLite database and leaves it untouched", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-"));
    const file = path.join(dir, "portal.db");
    const junk = "this is not a database, but somebody's important notes\n".repeat(100);
    fs.writeFileSync(file, junk);
    expect(() => openDb(file)).toThrow(DatabaseFileError);
    expect(() => openDb(file)).toThrow(/cannot be opened as SQLite.*left untouched/);
    expect(fs.readFileSync(file, "utf8")).toBe(junk);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("transactions across processes on one file", () => {
  it("a root transaction holds the write lock from its first read, so another writer cannot void it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-"));
    const file = path.join(dir, "portal.db");
    const a = openDb(file);
    migrateDb(a);
    const b = openDb(file);
    b.$client.pragma("busy_timeout = 0");
    try {
      const seen = a.transaction(() => {
        a.$client.prepare("select count(*) from sqlite_master").get();
        // The other connection (another process in production) cannot start writing meanwhile…
        expect(() => b.$client.exec("begin immediate")).toThrow(/locked|busy/i);
        return a.$client.prepare("select 1 as one").get();
      });
      expect(seen).toEqual({ one: 1 });
      // …and can once the transaction has committed.
      b.$client.exec("begin immediate; commit");
      // A read-only transaction may ask not to take the lock.
      a.transaction(
        () => {
          b.$client.exec("begin immediate; commit");
        },
        { behavior: "deferred" },
      );
    } finally {
      a.$client.close();
      b.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
