import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The portal secret (PORTAL_SECRET, or generated into data/portal.secret with mode 0600) is key
 * material only: two keys are derived from it under distinct labels, so neither one reveals the
 * other or the secret —
 * - the encryption key of secrets at rest (configuration server passphrases, run-as passwords,
 *   account passwords): AES-256-GCM;
 * - the key Better Auth signs session cookies with.
 * A PORTAL_SECRET that is set but shorter than 32 characters (or empty) is refused.
 */
export const PORTAL_SECRET_MIN_LENGTH = 32;

const DERIVATION = { encryption: "failback-portal:secrets:", sessions: "failback-portal:auth:" } as const;

let cachedKey: Buffer | undefined;

export function secretFilePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PORTAL_SECRET_FILE ?? "data/portal.secret");
}

export class PortalSecretError extends Error {}

/** Why this portal secret cannot be used (null when it can). */
export function portalSecretProblem(secret: string, source: string): string | null {
  if (secret.length === 0) return `${source} is empty.`;
  if (secret.length < PORTAL_SECRET_MIN_LENGTH)
    return `${source} is ${secret.length} characters long; it must be at least ${PORTAL_SECRET_MIN_LENGTH} characters of random data.`;
  return null;
}

const HOW_TO_FIX =
  "Set PORTAL_SECRET to a long random value (for example the output of: openssl rand -base64 48), or unset it to let " +
  "the portal generate one into data/portal.secret (mode 0600). Keep it with your backups: the stored passwords cannot be decrypted without it.";

/** The portal secret; refuses (PortalSecretError) an empty or short one. Generates data/portal.secret when none is set. */
export function portalSecret(): string {
  const env = process.env.PORTAL_SECRET;
  if (env !== undefined) {
    const problem = portalSecretProblem(env, "PORTAL_SECRET");
    if (problem) throw new PortalSecretError(`${problem} ${HOW_TO_FIX}`);
    return env;
  }
  const file = secretFilePath();
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, "utf8").trim();
    const problem = portalSecretProblem(stored, file);
    if (problem) throw new PortalSecretError(`${problem} ${HOW_TO_FIX}`);
    return stored;
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  }
  const generated = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, generated + "\n", { mode: 0o600, flag: "wx" });
  return generated;
}

/** A key derived from the portal secret for one purpose (distinct labels give unrelated keys). */
function derivedKey(purpose: keyof typeof DERIVATION, secret = portalSecret()): Buffer {
  return crypto
    .createHash("sha256")
    .update(DERIVATION[purpose] + secret)
    .digest();
}

/** The key Better Auth signs session cookies with (never the encryption key). */
export function sessionSigningSecret(secret?: string): string {
  return derivedKey("sessions", secret).toString("base64url");
}

/** The AES-256-GCM key of secrets at rest (never the session signing key). */
export function encryptionKey(secret?: string): Buffer {
  return derivedKey("encryption", secret);
}

function key(): Buffer {
  cachedKey ??= encryptionKey();
  return cachedKey;
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || data === undefined) throw new Error("Unrecognised secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
