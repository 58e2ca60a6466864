import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import crypto from "node:crypto";
import {
  PortalSecretError,
  decryptSecret,
  encryptSecret,
  encryptionKey,
  legacyEncryptionKey,
  portalSecret,
  portalSecretProblem,
  resealSecret,
  sessionSigningSecret,
} from "./secrets";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the portal secret", () => {
  it("derives the session signing key and the encryption key separately: neither is the other, nor the secret", () => {
    const secret = "a-portal-secret-of-at-least-thirty-two-chars";
    const signing = Buffer.from(sessionSigningSecret(secret), "base64url");
    const encryption = encryptionKey(secret);
    expect(signing).toHaveLength(32);
    expect(encryption).toHaveLength(32);
    expect(signing.equals(encryption)).toBe(false);
    expect(signing.toString("utf8")).not.toContain(secret);
    expect(encryption.toString("hex")).not.toBe(Buffer.from(secret).toString("hex"));
    // Deterministic (sessions and stored secrets survive a restart), and tied to the secret.
    expect(sessionSigningSecret(secret)).toBe(sessionSigningSecret(secret));
    expect(encryptionKey(secret + "x").equals(encryption)).toBe(false);
    expect(sessionSigningSecret(secret + "x")).not.toBe(sessionSigningSecret(secret));
  });

  it("derives both keys with HKDF-SHA-256 under distinct info labels, not with the earlier SHA-256(label + secret)", () => {
    const secret = "a-portal-secret-of-at-least-thirty-two-chars";
    const salt = "failback-portal/hkdf-salt/v1";
    const hkdf = (info: string) => Buffer.from(crypto.hkdfSync("sha256", secret, salt, info, 32));
    expect(encryptionKey(secret).equals(hkdf("failback-portal/secrets-at-rest/aes-256-gcm"))).toBe(true);
    expect(sessionSigningSecret(secret)).toBe(hkdf("failback-portal/session-cookies/hmac").toString("base64url"));
    const legacy = crypto.createHash("sha256").update(`failback-portal:secrets:${secret}`).digest();
    expect(legacyEncryptionKey(secret).equals(legacy)).toBe(true);
    expect(encryptionKey(secret).equals(legacy)).toBe(false);
  });

  it("a secret sealed with the earlier key is still read; new writes use the HKDF key; re-sealing moves an old one to it", () => {
    const open = (sealed: string, key: Buffer) => {
      const [, iv, tag, data] = sealed.split(".");
      const d = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv!, "base64url"));
      d.setAuthTag(Buffer.from(tag!, "base64url"));
      return Buffer.concat([d.update(Buffer.from(data!, "base64url")), d.final()]).toString("utf8");
    };
    // As an earlier release stored it.
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", legacyEncryptionKey(), iv);
    const data = Buffer.concat([cipher.update("Old-Passphrase-1!", "utf8"), cipher.final()]);
    const old = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
    expect(decryptSecret(old)).toBe("Old-Passphrase-1!");

    const sealed = encryptSecret("New-Passphrase-2!");
    expect(sealed.startsWith("v2.")).toBe(true);
    expect(open(sealed, encryptionKey())).toBe("New-Passphrase-2!");
    expect(() => open(sealed, legacyEncryptionKey())).toThrow();
    expect(decryptSecret(sealed)).toBe("New-Passphrase-2!");

    const resealed = resealSecret(old);
    expect(resealed.startsWith("v2.")).toBe(true);
    expect(open(resealed, encryptionKey())).toBe("Old-Passphrase-1!");
    expect(resealSecret(sealed)).toBe(sealed);
    // A "v2." secret is never opened with the earlier key, and a tampered one is refused.
    const forged = "v2" + old.slice(2);
    expect(() => decryptSecret(forged)).toThrow();
    expect(() => decryptSecret("v9.a.b.c")).toThrow(/Unrecognised secret format/);
  });

  it("refuses an empty or short PORTAL_SECRET with a message that says how to fix it", () => {
    for (const bad of ["", "short", "x".repeat(31)]) {
      vi.stubEnv("PORTAL_SECRET", bad);
      expect(() => portalSecret()).toThrow(PortalSecretError);
      expect(() => portalSecret()).toThrow(/PORTAL_SECRET is (empty|\d+ characters long).*openssl rand/);
    }
    vi.stubEnv("PORTAL_SECRET", "y".repeat(32));
    expect(portalSecret()).toBe("y".repeat(32));
    expect(portalSecretProblem("z".repeat(40), "PORTAL_SECRET")).toBeNull();
  });

  it("without PORTAL_SECRET, generates one into an owner-only file and reuses it; a short stored one is refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-secret-"));
    try {
      const file = path.join(dir, "data", "portal.secret");
      vi.stubEnv("PORTAL_SECRET", undefined);
      vi.stubEnv("PORTAL_SECRET_FILE", file);
      const generated = portalSecret();
      expect(generated.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(portalSecret()).toBe(generated);
      fs.writeFileSync(file, "too-short\n");
      expect(() => portalSecret()).toThrow(/at least 32 characters/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
