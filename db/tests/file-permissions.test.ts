import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tightenDatabasePermissions, tightenPermissions } from "../file-permissions";

const mode = (p: string) => fs.statSync(p).mode & 0o7777;
let root: string;
let umask: number;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "portal-perms-"));
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(root, { recursive: true, force: true });
});

/** A data folder and files with the given modes, as an earlier release or a copy may have left them. */
function make(dirMode: number, files: Record<string, number>, dir = path.join(root, "data")) {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, dirMode);
  for (const [name, m] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), "x");
    fs.chmodSync(path.join(dir, name), m);
  }
  return dir;
}

describe("an existing data folder and database open to others are tightened at start", () => {
  it("tightens the folder to 0700 and the database, its -wal and -shm files and the portal secret to 0600, one line each", () => {
    const dir = make(0o755, { "portal.db": 0o644, "portal.db-wal": 0o664, "portal.db-shm": 0o640, "portal.secret": 0o604 });
    const db = path.join(dir, "portal.db");
    const report = tightenDatabasePermissions(db, path.join(dir, "portal.secret"), { defaultDataDir: dir });
    expect(mode(dir)).toBe(0o700);
    for (const f of ["portal.db", "portal.db-wal", "portal.db-shm", "portal.secret"]) expect(mode(path.join(dir, f))).toBe(0o600);
    expect(report.warnings).toEqual([]);
    expect(report.tightened).toEqual([
      `The data folder ${dir} was readable by others (mode 0755); it is now 0700.`,
      `The database file ${db} was readable by others (mode 0644); it is now 0600.`,
      `The database file ${db}-wal was readable by others (mode 0664); it is now 0600.`,
      `The database file ${db}-shm was readable by others (mode 0640); it is now 0600.`,
      `The portal secret ${path.join(dir, "portal.secret")} was readable by others (mode 0604); it is now 0600.`,
    ]);
    // A second start has nothing to say.
    expect(tightenDatabasePermissions(db, path.join(dir, "portal.secret"), { defaultDataDir: dir })).toEqual({
      tightened: [],
      warnings: [],
    });
  });

  it("leaves owner-only modes and missing files alone", () => {
    const dir = make(0o700, { "portal.db": 0o600 });
    expect(tightenDatabasePermissions(path.join(dir, "portal.db"), null, { defaultDataDir: dir })).toEqual({ tightened: [], warnings: [] });
    expect(mode(path.join(dir, "portal.db"))).toBe(0o600);
  });

  it("a folder that holds other files is not changed, with a warning; the database files in it are still tightened", () => {
    const dir = make(0o755, { "portal.db": 0o644, "notes.txt": 0o644 }, path.join(root, "home"));
    const report = tightenDatabasePermissions(path.join(dir, "portal.db"), null, { defaultDataDir: path.join(root, "data") });
    expect(mode(dir)).toBe(0o755);
    expect(mode(path.join(dir, "portal.db"))).toBe(0o600);
    expect(mode(path.join(dir, "notes.txt"))).toBe(0o644);
    expect(report.warnings).toEqual([expect.stringMatching(/holds other files, so it was left as it is.*chmod 700/)]);
    // A folder holding only the database's files is the portal's own: tightened.
    const own = make(0o750, { "x.db": 0o644, "x.db-wal": 0o644 }, path.join(root, "own"));
    tightenDatabasePermissions(path.join(own, "x.db"), null, { defaultDataDir: path.join(root, "data") });
    expect(mode(own)).toBe(0o700);
  });

  it("a shared sticky folder (like /tmp) is left as it is with a warning", () => {
    const dir = make(0o1777, { "portal.db": 0o644 });
    const report = tightenPermissions(dir, [path.join(dir, "portal.db")]);
    expect(mode(dir)).toBe(0o1777);
    expect(mode(path.join(dir, "portal.db"))).toBe(0o600);
    expect(report.warnings).toEqual([expect.stringMatching(/is a shared folder \(mode 1777\); it was left as it is/)]);
  });

  it("what cannot be changed is a clear warning naming the file and the command", () => {
    const dir = make(0o700, { "portal.db": 0o644 });
    const db = path.join(dir, "portal.db");
    const report = tightenPermissions(dir, [db], {
      chmod: () => {
        throw Object.assign(new Error("operation not permitted"), { code: "EPERM" });
      },
    });
    expect(report.tightened).toEqual([]);
    expect(report.warnings).toEqual([
      `The database file ${db} is readable by others (mode 0644) and could not be changed (EPERM): run chmod 600 ${db} as its owner.`,
    ]);
  });
});
