import crypto from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { getDb, type DB } from "@/db/client";
import { authSchema } from "@/db/schema";
import { recordAudit } from "@/server/domain/audit/entries";
import { sessionSigningSecret } from "@/server/lib/secrets";
import { logger } from "@/server/lib/logger";
import { clientIpFrom } from "./ip";
import { clearSignInFailures, lockedUntil, normalizedEmail, recordSignInFailure } from "./lockout";

/** Sessions last 12 hours and slide forward (at most once an hour) while the portal is in use. */
const SESSION_SECONDS = Number(process.env.PORTAL_SESSION_HOURS ?? 12) * 3600;

/** "max/windowSeconds" for /sign-in/email per client IP; default 5 tries a minute. */
export function signInRateLimit(spec = process.env.PORTAL_SIGNIN_RATE_LIMIT ?? "5/60"): { max: number; window: number } {
  const [max, window] = spec.split("/").map(Number);
  return { max: max && max > 0 ? max : 5, window: window && window > 0 ? window : 60 };
}

/** The origin a browser request came from, as this server sees it (same-origin check for Better Auth). */
function requestOrigin(request: Request | undefined): string | null {
  if (!request) return null;
  const host = request.headers.get("host");
  if (!host) return null;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}

export function createAuth(db: DB) {
  const baseURL = process.env.PORTAL_URL ?? process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const extraOrigins = (process.env.PORTAL_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return betterAuth({
    appName: "Failback Portal",
    baseURL,
    // Its own key, derived from PORTAL_SECRET under a label of its own (not the encryption key).
    secret: sessionSigningSecret(),
    database: drizzleAdapter(db, { provider: "sqlite", schema: authSchema }),
    emailAndPassword: {
      enabled: true,
      // Users are created by the first-run page, the Users page (Owner) or the CLI; never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: 3600 },
    // Always on: per client IP (from the socket, see scripts/serve.ts); per account in hooks below.
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      storage: "database",
      customRules: { "/sign-in/email": signInRateLimit() },
    },
    // The portal is reached by whatever host name the admin gives it: accept the request's own
    // origin (a same-origin check), plus any listed in PORTAL_TRUSTED_ORIGINS.
    trustedOrigins: (request) => [baseURL, requestOrigin(request), ...extraOrigins],
    advanced: {
      // Secure cookies when the portal's URL is HTTPS; app/api/auth adds Secure per request too.
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { disabled: process.env.NODE_ENV === "test", level: "warn" },
    hooks: {
      // A locked account is refused before its password is even checked.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = normalizedEmail((ctx.body as { email?: unknown } | undefined)?.email);
        const until = email ? lockedUntil(db, email) : null;
        if (until) {
          const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          });
        }
      }),
      // One activity-log row per sign-in attempt (success or failure) and per sign-out.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" && ctx.path !== "/sign-out") return;
        try {
          const headers = ctx.request?.headers ?? ctx.headers ?? new Headers();
          const clientIp = clientIpFrom(headers);
          if (ctx.path === "/sign-out") {
            const s = ctx.context.session;
            recordAudit(db, { operation: "signOut", outcome: "accepted", userId: s?.user.id, userEmail: s?.user.email, clientIp });
            return;
          }
          const body = (ctx.body ?? {}) as { email?: unknown };
          const email = normalizedEmail(body.email);
          const newSession = ctx.context.newSession;
          if (email) {
            if (newSession) clearSignInFailures(db, email);
            else recordSignInFailure(db, email);
          }
          if (newSession) {
            recordAudit(db, {
              operation: "signIn",
              outcome: "accepted",
              userId: newSession.user.id,
              userEmail: newSession.user.email,
              clientIp,
            });
          } else {
            recordAudit(db, { operation: "signIn", outcome: "refused", userEmail: email, reason: "Invalid email or password.", clientIp });
          }
        } catch (err) {
          logger.error({ err }, "could not write the sign-in activity-log row");
        }
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const g = globalThis as unknown as { __portalAuth?: Auth };

/** The process-wide Better Auth instance on the portal's database. */
export function getAuth(): Auth {
  g.__portalAuth ??= createAuth(getDb());
  return g.__portalAuth;
}
