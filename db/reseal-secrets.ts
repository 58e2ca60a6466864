/**
 * Re-seals, with the HKDF-derived key, every stored secret that an earlier release sealed with its
 * SHA-256-derived key ("v1."): configuration server and process server passphrases, run-as account
 * passwords, and the simulated vCenter users' passwords. One transaction; `npm start` runs it after
 * the migrations. Decryption still falls back to the earlier key (a backup restored later is read).
 */
import { eq, like } from "drizzle-orm";
import type { DB } from "./client";
import * as s from "./schema";
import { isLegacySealed, resealSecret } from "../server/lib/secrets";

/** How many stored secrets were re-sealed. */
export function resealLegacySecrets(db: DB): number {
  return db.transaction((tx) => {
    let n = 0;
    const legacy = "v1.%";
    for (const row of tx
      .select({ id: s.configurationServers.id, sealed: s.configurationServers.passphraseEnc })
      .from(s.configurationServers)
      .where(like(s.configurationServers.passphraseEnc, legacy))
      .all()) {
      tx.update(s.configurationServers)
        .set({ passphraseEnc: resealSecret(row.sealed!) })
        .where(eq(s.configurationServers.id, row.id))
        .run();
      n++;
    }
    for (const row of tx
      .select({ id: s.processServers.id, sealed: s.processServers.passphraseEnc })
      .from(s.processServers)
      .where(like(s.processServers.passphraseEnc, legacy))
      .all()) {
      tx.update(s.processServers)
        .set({ passphraseEnc: resealSecret(row.sealed!) })
        .where(eq(s.processServers.id, row.id))
        .run();
      n++;
    }
    for (const row of tx
      .select({ id: s.runAsAccounts.id, sealed: s.runAsAccounts.secretEnc })
      .from(s.runAsAccounts)
      .where(like(s.runAsAccounts.secretEnc, legacy))
      .all()) {
      tx.update(s.runAsAccounts)
        .set({ secretEnc: resealSecret(row.sealed!) })
        .where(eq(s.runAsAccounts.id, row.id))
        .run();
      n++;
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
