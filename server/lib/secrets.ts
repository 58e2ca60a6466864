import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets at rest (configuration server passphrase, run-as passwords) are AES-256-GCM encrypted
 * with a key derived from PORTAL_SECRET, which is generated into data/ on first start when absent.
 */
let cachedKey: Buffer | undefined;

export function secretFilePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PORTAL_SECRET_FILE ?? "data/portal.secret");
}

/** The portal secret (PORTAL_SECRET, or generated into data/portal.secret with mode 0600). */
export function portalSecret(): string {
  if (process.env.PORTAL_SECRET) return process.env.PORTAL_SECRET;
  const file = secretFilePath();
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const generated = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, generated + "\n", { mode: 0o600, flag: "wx" });
  return generated;
}

function key(): Buffer {
  cachedKey ??= crypto
    .createHash("sha256")
    .update("failback-portal:secrets:" + portalSecret())
    .digest();
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
