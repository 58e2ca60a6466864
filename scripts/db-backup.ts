/**
 * `npm run db:backup -- <file> [--force]`: an online, consistent copy of the portal's database
 * (DATABASE_URL, default data/portal.db), safe while the portal runs. See server/ops/backup.ts.
 */
import { databasePath } from "../db/client";
import { formatViolations } from "../server/domain/invariants/check";
import { backupDatabase } from "../server/ops/backup";
import { runFileCommand } from "./ops-cli";

runFileCommand("Usage: npm run db:backup -- <file> [--force]", { force: { type: "boolean", default: false } }, async (file, values) => {
  const source = databasePath();
  const r = await backupDatabase(source, file, { force: values.force === true });
  console.log(`Backed up ${source} to ${r.file} (${Math.ceil(r.bytes / 1024)} KB, integrity check ok, ${r.tookMs} ms).`);
  if (r.invariantsError) console.log(`The invariant checker could not run on the copy: ${r.invariantsError}`);
  else if (r.violations.length)
    console.log(`The copy (like the database) breaks ${r.violations.length} invariant(s):\n${formatViolations(r.violations)}`);
  else console.log("Invariants: all hold.");
  console.log("Keep the portal secret (PORTAL_SECRET or data/portal.secret) with it: the stored passwords need it.");
});
