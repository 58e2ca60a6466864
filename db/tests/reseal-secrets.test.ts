import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb } from "../client";
import { seedDemoVault } from "../seed";
import * as s from "../schema";
import { resealLegacySecrets } from "../reseal-secrets";
import { decryptSecret, legacyEncryptionKey } from "../../server/lib/secrets";

/** A secret sealed as an earlier release did: AES-256-GCM under SHA-256(label + secret), tagged "v1.". */
function legacySeal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", legacyEncryptionKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

describe("re-sealing the secrets of an earlier release at start", () => {
  it("re-seals every legacy secret with the HKDF key (same plaintext), leaves current ones alone, and has nothing to do the second time", () => {
    const db = memoryDb();
    seedDemoVault(db);
    const account = db.select().from(s.runAsAccounts).limit(1).get()!;
    const cs = db.select().from(s.configurationServers).limit(1).get()!;
    const sim = db.select().from(s.simVCenters).limit(1).get()!;
    const untouched = db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-linux-root")).get()!.secretEnc;
    db.update(s.runAsAccounts)
      .set({ secretEnc: legacySeal("old-account-password") })
      .where(eq(s.runAsAccounts.id, account.id))
      .run();
    db.update(s.configurationServers)
      .set({ passphraseEnc: legacySeal("old-passphrase") })
      .where(eq(s.configurationServers.id, cs.id))
      .run();
    db.update(s.simVCenters)
      .set({ users: sim.users.map((u, i) => (i === 0 ? { ...u, secretEnc: legacySeal("old-vcenter-password") } : u)) })
      .where(eq(s.simVCenters.id, sim.id))
      .run();

    expect(resealLegacySecrets(db)).toBe(3);
    const a = db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, account.id)).get()!.secretEnc!;
    const c = db.select().from(s.configurationServers).where(eq(s.configurationServers.id, cs.id)).get()!.passphraseEnc!;
    const u = db.select().from(s.simVCenters).where(eq(s.simVCenters.id, sim.id)).get()!.users[0]!.secretEnc;
    for (const sealed of [a, c, u]) expect(sealed.startsWith("v2.")).toBe(true);
    expect([decryptSecret(a), decryptSecret(c), decryptSecret(u)]).toEqual([
      "old-account-password",
      "old-passphrase",
      "old-vcenter-password",
    ]);
    expect(db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-linux-root")).get()!.secretEnc).toBe(untouched);
    expect(resealLegacySecrets(db)).toBe(0);
  });
});
