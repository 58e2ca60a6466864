/**
 * `npm run db:restore -- <file>`: puts a backup in place of the portal's database (DATABASE_URL,
 * default data/portal.db). Refuses while a portal server runs on it and refuses files that are not
 * a healthy database of this portal; the replaced database is kept as <db>.before-restore-<time>.
 */
import { databasePath } from "../db/client";
import { restoreDatabase } from "../server/ops/backup";
import { runFileCommand } from "./ops-cli";

runFileCommand("Usage: npm run db:restore -- <file>", {}, async (file) => {
  const r = await restoreDatabase(databasePath(), file);
  console.log(`Restored ${file} into ${r.database}.`);
  console.log(r.aside ? `The previous database is kept as ${r.aside}.` : "There was no database before.");
  if (r.info.pending) console.log(`It is ${r.info.pending} migration(s) behind this version; npm start migrates it.`);
});
