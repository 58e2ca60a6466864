import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PortalSecretError, encryptionKey, portalSecret, portalSecretProblem, sessionSigningSecret } from "./secrets";

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
