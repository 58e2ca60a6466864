/**
 * `npm run check-invariants [-- --db <file>] [--vault <id>]`: checks the invariants of a portal
 * database (server/domain/invariants) — by default the one at DATABASE_URL (data/portal.db).
 * Read-only, safe while the portal runs. Exit 0 when all hold, 1 with the list otherwise, 2 when the file cannot be read.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databasePath, type DB } from "../db/client";
import * as schema from "../db/schema";
import { checkInvariants, formatViolations } from "../server/domain/invariants/check";

function main(): number {
  const { values } = parseArgs({ options: { db: { type: "string" }, vault: { type: "string" } } });
  const file = values.db ? path.resolve(values.db) : databasePath();
  if (!fs.existsSync(file)) {
    console.error(`${file} does not exist.`);
    return 2;
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  try {
    const violations = checkInvariants(drizzle(sqlite, { schema }) as DB, { vaultId: values.vault });
    if (!violations.length) {
      console.log(`All invariants hold in ${file}.`);
      return 0;
    }
    console.log(`${violations.length} invariant violation(s) in ${file}:\n${formatViolations(violations)}`);
    return 1;
  } finally {
    sqlite.close();
  }
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`Cannot check the database: ${(err as Error).message}`);
  process.exitCode = 2;
}
