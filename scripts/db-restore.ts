/**
 * `npm run db:restore -- <file>`: puts a backup in place of the portal's database (DATABASE_URL,
 * default data/portal.db). Refuses while a portal server runs on it and refuses files that are not
 * a healthy database of this portal; the replaced database is kept as <db>.before-restore-<time>.
 */
import { parseArgs } from "node:util";
import { databasePath } from "../db/client";
import { OpsError, restoreDatabase } from "../server/ops/backup";

const USAGE = "Usage: npm run db:restore -- <file>";

async function main(): Promise<number> {
  const { positionals } = parseArgs({ options: {}, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const r = await restoreDatabase(databasePath(), positionals[0]!);
  console.log(`Restored ${positionals[0]} into ${r.database}.`);
  console.log(r.aside ? `The previous database is kept as ${r.aside}.` : "There was no database before.");
  if (r.info.pending) console.log(`It is ${r.info.pending} migration(s) behind this version; npm start migrates it.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof OpsError ? err.message : err);
    process.exit(1);
  },
);
