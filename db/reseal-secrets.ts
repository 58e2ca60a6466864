/**
 * Re-seals, with the HKDF-derived key, every stored secret that an earlier release sealed with its
 * SHA-256-derived key ("v1."): configuration server and process server passphrases, run-as account
 * passwords, and the simulated vCenter users' passwords. One transaction; `npm start` runs it after
 * the migrations. Decryption still falls back to the earlier key (a backup restored later is read).
 */
import { eq, getTableName, like } from "drizzle-orm";
import type { DB } from "./client";
import * as s from "./schema";
import { isLegacySealed, resealSecret } from "../server/lib/secrets";

/** The columns that hold one sealed secret per row. */
const SEALED_COLUMNS = [
  [s.configurationServers, s.configurationServers.passphraseEnc],
  [s.processServers, s.processServers.passphraseEnc],
  [s.runAsAccounts, s.runAsAccounts.secretEnc],
] as const;

/** How many stored secrets were re-sealed. */
export function resealLegacySecrets(db: DB): number {
  return db.transaction((tx) => {
    let n = 0;
    for (const [table, column] of SEALED_COLUMNS) {
      const rows = tx.select({ id: table.id, sealed: column }).from(table).where(like(column, "v1.%")).all();
      const update = db.$client.prepare(`update "${getTableName(table)}" set "${column.name}" = ? where id = ?`);
      for (const row of rows) update.run(resealSecret(row.sealed!), row.id);
      n += rows.length;
    }
    for (const row of tx.select({ id: s.simVCenters.id, users: s.simVCenters.users }).from(s.simVCenters).all()) {
      const stale = row.users.filter((u) => isLegacySealed(u.secretEnc)).length;
      if (!stale) continue;
      tx.update(s.simVCenters)
        .set({ users: row.users.map((u) => ({ ...u, secretEnc: resealSecret(u.secretEnc) })) })
        .where(eq(s.simVCenters.id, row.id))
        .run();
      n += stale;
    }
    return n;
  });
}
