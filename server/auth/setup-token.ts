import crypto from "node:crypto";

/**
 * First run: whoever reaches the port first must not become Owner. While no user exists, each
 * server start picks a setup token (random, or PORTAL_SETUP_TOKEN when set) and prints a one-time
 * link with it; "Create the first administrator" refuses without it. Once the first administrator
 * exists the token is retired for the life of the process (a later start with no user picks a new one).
 */
export const SETUP_TOKEN_MIN_LENGTH = 24;

type State = { token: string | null; retired: boolean; ignoredEnv: boolean };
/** Process-wide: a bundler may load this module more than once (instrumentation vs routes). */
const g = globalThis as unknown as { __portalSetupToken?: State };

function state(): State {
  if (!g.__portalSetupToken) resetSetupToken();
  return g.__portalSetupToken!;
}

/** Picks this process's token (done once per start; tests call it for a fresh first run). */
export function resetSetupToken(): void {
  const given = process.env.PORTAL_SETUP_TOKEN?.trim() ?? "";
  const usable = given.length >= SETUP_TOKEN_MIN_LENGTH;
  g.__portalSetupToken = {
    token: usable ? given : crypto.randomBytes(32).toString("base64url"),
    retired: false,
    ignoredEnv: given.length > 0 && !usable,
  };
}

/** This process's setup token, or null once the first administrator exists. */
export function setupToken(): string | null {
  const s = state();
  return s.retired ? null : s.token;
}

/** Constant-time comparison with this process's token (hashes first, so lengths never leak). */
export function setupTokenMatches(given: unknown): boolean {
  const token = setupToken();
  if (!token || typeof given !== "string" || given.length === 0 || given.length > 512) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The first administrator exists: the token is never accepted again by this process. */
export function retireSetupToken(): void {
  const s = state();
  s.retired = true;
  s.token = null;
}

/** The portal's public base URL (PORTAL_URL, else localhost and PORT). */
export function portalBaseUrl(): string {
  return (process.env.PORTAL_URL ?? process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** The one-time link to "Create the first administrator", or null once it exists. */
export function setupLink(): string | null {
  const token = setupToken();
  return token ? `${portalBaseUrl()}/setup?token=${encodeURIComponent(token)}` : null;
}

/** The lines `npm start` prints while no user exists (stdout and the server log). */
export function setupAnnouncement(): string[] {
  const link = setupLink();
  if (!link) return [];
  const lines = [
    "No user exists yet. Create the first administrator with this one-time link",
    "(valid until the first administrator exists; a new one is printed on each start until then):",
    "",
    `    ${link}`,
    "",
  ];
  if (state().ignoredEnv)
    lines.push(`PORTAL_SETUP_TOKEN is shorter than ${SETUP_TOKEN_MIN_LENGTH} characters: a random token is used instead.`);
  return lines;
}
