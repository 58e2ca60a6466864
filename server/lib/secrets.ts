import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The portal secret (PORTAL_SECRET, or generated into data/portal.secret with mode 0600) is key
 * material only: two keys are derived from it with HKDF (SHA-256) under distinct info labels, so
 * neither one reveals the other or the secret —
 * - the encryption key of secrets at rest (configuration server passphrases, run-as passwords,
 *   account passwords): AES-256-GCM, sealed as "v2.<iv>.<tag>.<data>";
 * - the key Better Auth signs session cookies with.
 * Secrets sealed by earlier releases ("v1.") used a key derived as SHA-256(label + secret): they
 * are still read (decryption falls back to that key), every write seals with the HKDF key, and
 * `npm start` re-seals the stored ones (db/reseal-secrets.ts). Sessions signed with the earlier
 * session key simply end (their cookies no longer verify).
 * A PORTAL_SECRET that is set but shorter than 32 characters (or empty) is refused.
 */
export const PORTAL_SECRET_MIN_LENGTH = 32;

/** HKDF info labels: one key per purpose. */
const HKDF_INFO = { encryption: "failback-portal/secrets-at-rest/aes-256-gcm", sessions: "failback-portal/session-cookies/hmac" } as const;
/** A fixed, public salt: the portal secret is already random key material (RFC 5869 §3.1). */
const HKDF_SALT = "failback-portal/hkdf-salt/v1";
/** The labels of the earlier derivation, SHA-256(label + secret): read-only fallback for secrets sealed "v1.". */
const LEGACY_LABEL = { encryption: "failback-portal:secrets:" } as const;

let cachedKeys: { current: Buffer; legacy: Buffer } | undefined;

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

/** A key derived from the portal secret for one purpose with HKDF-SHA-256 (distinct info labels give unrelated keys). */
function derivedKey(purpose: keyof typeof HKDF_INFO, secret = portalSecret()): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, HKDF_SALT, HKDF_INFO[purpose], 32));
}

/** The key Better Auth signs session cookies with (never the encryption key). */
export function sessionSigningSecret(secret?: string): string {
  return derivedKey("sessions", secret).toString("base64url");
}

/** The AES-256-GCM key of secrets at rest (never the session signing key). */
export function encryptionKey(secret?: string): Buffer {
  return derivedKey("encryption", secret);
}

/** The encryption key of earlier releases, SHA-256(label + secret): only to read secrets sealed "v1.". */
export function legacyEncryptionKey(secret = portalSecret()): Buffer {
  return crypto
    .createHash("sha256")
    .update(LEGACY_LABEL.encryption + secret)
    .digest();
}

function keys() {
  cachedKeys ??= { current: encryptionKey(), legacy: legacyEncryptionKey() };
  return cachedKeys;
}

const CURRENT = "v2";
const LEGACY = "v1";

/** Seals `plain` with AES-256-GCM under the HKDF-derived key ("v2."). */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys().current, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [CURRENT, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function open(key: Buffer, iv: string, tag: string, data: string): string {
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Opens a sealed secret: with the HKDF key, and for a "v1." one falling back to the earlier key. */
export function decryptSecret(sealed: string): string {
  const [v, iv, tag, data] = sealed.split(".");
  if ((v !== CURRENT && v !== LEGACY) || !iv || !tag || data === undefined) throw new Error("Unrecognised secret format");
  const { current, legacy } = keys();
  try {
    return open(current, iv, tag, data);
  } catch (e) {
    if (v !== LEGACY) throw e;
    return open(legacy, iv, tag, data);
  }
}

/** Whether a stored secret was sealed by an earlier release (and should be re-sealed with the HKDF key). */
export const isLegacySealed = (sealed: string): boolean => sealed.startsWith(`${LEGACY}.`);

/** The same secret sealed with the HKDF key when `sealed` is a legacy one; else `sealed` unchanged. */
export function resealSecret(sealed: string): string {
  return isLegacySealed(sealed) ? encryptSecret(decryptSecret(sealed)) : sealed;
}
