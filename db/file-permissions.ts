/**
 * The database and the portal secret hold password hashes, sessions and the key of the secrets at
 * rest: they are owner-only. New ones are created so (db/client.ts, server/lib/secrets.ts); an
 * existing folder or file that group or others can read (made by an earlier release, a copy, a
 * restore) is tightened at start to 0700 / 0600, and each change is reported. What cannot be
 * changed (owned by someone else, or a shared sticky folder such as /tmp) is reported as a warning.
 */
import fs from "node:fs";
import path from "node:path";

export type PermissionReport = {
  /** One line per folder or file whose mode was tightened. */
  tightened: string[];
  /** One line per folder or file that others can still read. */
  warnings: string[];
};

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

/**
 * Tightens `dir` (when given) to 0700 and each existing file of `files` to 0600 when group or others have any
 * permission on it. `chmod` is replaceable for tests.
 */
export function tightenPermissions(
  dir: string | null,
  files: string[],
  { chmod = fs.chmodSync }: { chmod?: (p: string, mode: number) => void } = {},
): PermissionReport {
  const report: PermissionReport = { tightened: [], warnings: [] };
  const tighten = (p: string, wanted: number, what: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if ((st.mode & 0o077) === 0) return;
    if (st.isDirectory() && st.mode & 0o1000) {
      report.warnings.push(
        `${what} ${p} is a shared folder (mode ${octal(st.mode)}); it was left as it is. Keep the database in a folder of its own (DATABASE_URL).`,
      );
      return;
    }
    try {
      chmod(p, wanted);
      report.tightened.push(`${what} ${p} was readable by others (mode ${octal(st.mode)}); it is now ${octal(wanted)}.`);
    } catch (e) {
      report.warnings.push(
        `${what} ${p} is readable by others (mode ${octal(st.mode)}) and could not be changed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): run chmod ${wanted.toString(8)} ${p} as its owner.`,
      );
    }
  };
  if (dir) tighten(dir, 0o700, "The data folder");
  for (const f of files) tighten(f, 0o600, path.basename(f).endsWith(".secret") ? "The portal secret" : "The database file");
  return report;
}

/**
 * The database file's folder, the file with its -wal and -shm files, and the portal secret file
 * when it is in use. The folder is tightened only when it is the portal's own: the default data/
 * folder, or one that holds nothing but the database's files and the portal secret (a home or
 * shared folder that happens to hold the database is reported, not changed).
 */
export function tightenDatabasePermissions(
  databaseFile: string,
  secretFile: string | null,
  { defaultDataDir = path.resolve(/*turbopackIgnore: true*/ "data") }: { defaultDataDir?: string } = {},
): PermissionReport {
  if (databaseFile === ":memory:") return { tightened: [], warnings: [] };
  const dir = path.dirname(databaseFile);
  const base = path.basename(databaseFile);
  const files = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, ...(secretFile ? [secretFile] : [])];
  const own = (name: string) => name.startsWith(base) || (secretFile !== null && path.join(dir, name) === secretFile);
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    // No folder: nothing to tighten (openDb creates it owner-only).
  }
  const portalsOwn = dir === defaultDataDir || entries.every(own);
  const report = tightenPermissions(portalsOwn ? dir : null, files);
  if (!portalsOwn) {
    const mode = fs.statSync(dir).mode;
    if (mode & 0o077)
      report.warnings.push(
        `The folder ${dir} of the database is open to others (mode ${octal(mode)}) and holds other files, so it was left as it is; the database files in it are owner-only. Run chmod 700 ${dir} if it is the portal's own.`,
      );
  }
  return report;
}
