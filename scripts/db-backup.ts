/**
 * `npm run db:backup -- <file> [--force]`: an online, consistent copy of the portal's database
 * (DATABASE_URL, default data/portal.db), safe while the portal runs. See server/ops/backup.ts.
 */
import { parseArgs } from "node:util";
import { databasePath } from "../db/client";
import { formatViolations } from "../server/domain/invariants/check";
import { backupDatabase, OpsError } from "../server/ops/backup";

const USAGE = "Usage: npm run db:backup -- <file> [--force]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const source = databasePath();
  const r = await backupDatabase(source, positionals[0]!, { force: values.force });
  console.log(`Backed up ${source} to ${r.file} (${Math.ceil(r.bytes / 1024)} KB, integrity check ok, ${r.tookMs} ms).`);
  if (r.invariantsError) console.log(`The invariant checker could not run on the copy: ${r.invariantsError}`);
  else if (r.violations.length)
    console.log(`The copy (like the database) breaks ${r.violations.length} invariant(s):\n${formatViolations(r.violations)}`);
  else console.log("Invariants: all hold.");
  console.log("Keep the portal secret (PORTAL_SECRET or data/portal.secret) with it: the stored passwords need it.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof OpsError ? err.message : err);
    process.exit(1);
  },
);
