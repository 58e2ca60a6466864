/**
 * `npm start`: check the portal secret (generated into data/portal.secret when none is set; a short
 * PORTAL_SECRET is refused), make an existing data folder, database and secret file owner-only,
 * migrate, re-seal the secrets stored with the earlier key, seed the demo vault into an empty
 * database, build if the build is missing or older than the sources, then serve on PORT (default
 * 3000). While no user exists, the server prints a one-time setup link to "Create the first
 * administrator" (server/auth/setup-token.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { DatabaseFileError, databasePath, migrateDb, openDb } from "../db/client";
import { vaults } from "../db/schema";
import { seedDemoVault } from "../db/seed";
import { tightenDatabasePermissions } from "../db/file-permissions";
import { resealLegacySecrets } from "../db/reseal-secrets";
import { PortalSecretError, portalSecret, secretFilePath } from "../server/lib/secrets";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(import.meta.dirname, "..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const port = process.env.PORT || "3000";
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "db",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function checkPortalSecret() {
  try {
    portalSecret();
  } catch (err) {
    if (err instanceof PortalSecretError) {
      console.error(`\nThe portal cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** An existing data folder, database or secret file that others can read is made owner-only (or a warning says why not). */
function tightenPermissions(file: string) {
  const secret = process.env.PORTAL_SECRET === undefined ? secretFilePath() : null;
  const report = tightenDatabasePermissions(file, secret && fs.existsSync(secret) ? secret : null);
  for (const line of report.tightened) console.log(line);
  for (const line of report.warnings) console.warn(`Warning: ${line}`);
}

function prepareDatabase() {
  const file = databasePath();
  tightenPermissions(file);
  let db;
  try {
    db = openDb(file);
    migrateDb(db);
    const resealed = resealLegacySecrets(db);
    if (resealed) console.log(`Re-encrypted ${resealed} stored secret${resealed === 1 ? "" : "s"} with the HKDF-derived key.`);
  } catch (err) {
    if (err instanceof DatabaseFileError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const n = db.select({ n: count() }).from(vaults).get()?.n ?? 0;
  if (n === 0) {
    seedDemoVault(db);
    console.log(`Seeded the demo vault into ${file}`);
  } else {
    console.log(`Using ${file} (${n} vault${n === 1 ? "" : "s"})`);
  }
  db.$client.close();
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(distDir, "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built && built >= sources) {
    console.log("The build is up to date.");
    return;
  }
  console.log("Building the portal…");
  const r = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { stdio: "inherit", cwd: root, env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

checkPortalSecret();
prepareDatabase();
buildIfNeeded();
console.log(`Serving on http://localhost:${port}`);
// scripts/serve.ts: Next.js behind a Node server that takes the client address from the socket.
const server = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/serve.ts"], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
