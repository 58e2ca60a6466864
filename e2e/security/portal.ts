/**
 * The security specs' own portal: `npm start`'s script on the e2e build, on a database of its own
 * with two vaults (A and B) and one user per role, the job engine off so that nothing changes the
 * database but the requests the tests send. Requests go over HTTP, as a browser or a script would.
 */
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { migrateDb, openDb, type DB } from "@/db/client";
import { seedVault } from "@/db/seed";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import type { Role } from "@/server/domain/users/roles";
import { digest, startPortal, stopPortal, tableSums, tempDir, type PortalServer } from "../crash-server";

/** Who calls: signed out, signed in without any role, each role of vault A, the Owner of vault B only. */
export const CALLERS = ["anonymous", "noRole", "reader", "operator", "contributor", "owner", "ownerOfB"] as const;
export type Caller = (typeof CALLERS)[number];
type SignedIn = Exclude<Caller, "anonymous">;

export const PASSWORD = "Security-spec-password-1";
export const emailOf = (who: SignedIn) => `${who.toLowerCase()}@security.test`;

export type SecurityPortal = {
  server: PortalServer;
  db: DB;
  base: string;
  vaultA: ReturnType<typeof seedVault>;
  vaultB: ReturnType<typeof seedVault>;
  cookies: Record<SignedIn, string>;
  /** Every table but the activity log, as per-table checksums: equal ⇔ nothing changed. */
  state: () => Record<string, { rows: number; sum: string }>;
  stop: () => Promise<void>;
};

/** Signs in over HTTP, as the sign-in page does; returns the session cookie. */
export async function signIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

export function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function startSecurityPortal(
  port: number,
  env: Record<string, string> = {},
  signInEveryone = true,
  keepOutput?: number,
): Promise<SecurityPortal> {
  const dir = tempDir("portal-security-");
  const dbFile = path.join(dir, "portal.db");
  const db = openDb(dbFile);
  migrateDb(db);
  const vaultA = seedVault(db, { id: "vault-a", idPrefix: "a-" });
  const vaultB = seedVault(db, { id: "vault-b", idPrefix: "b-" });
  const passwordHash = await hashPassword(PASSWORD);
  const roles: Partial<Record<SignedIn, [string, Role]>> = {
    reader: [vaultA.id, "reader"],
    operator: [vaultA.id, "operator"],
    contributor: [vaultA.id, "contributor"],
    owner: [vaultA.id, "owner"],
    ownerOfB: [vaultB.id, "owner"],
  };
  for (const who of CALLERS) {
    if (who === "anonymous") continue;
    const userId = insertUser(db, { name: who, email: emailOf(who), passwordHash });
    const role = roles[who];
    if (role) db.insert(s.vaultMembers).values({ vaultId: role[0], userId, role: role[1], createdAt: new Date() }).run();
  }
  const server = await startPortal({
    dbFile,
    port,
    simSpeed: 60,
    env: { JOB_ENGINE: "off", PORTAL_SIGNIN_RATE_LIMIT: "1000/60", ...env },
    keepOutput,
  });
  const base = `http://127.0.0.1:${port}`;
  const cookies = {} as Record<SignedIn, string>;
  for (const who of CALLERS) {
    if (who === "anonymous" || !signInEveryone) continue;
    const res = await signIn(base, emailOf(who), PASSWORD);
    if (res.status !== 200) throw new Error(`${who} could not sign in: ${res.status} ${await res.text()}`);
    cookies[who] = cookieOf(res);
  }
  // A full digest only when another connection (the server) has committed since the last one.
  let cached: { version: number; sums: ReturnType<typeof tableSums> } | null = null;
  const state = () => {
    const version = db.$client.pragma("data_version", { simple: true }) as number;
    if (cached?.version === version) return cached.sums;
    const d = digest(db.$client);
    d.delete("audit_entries");
    // Sessions and Better Auth's rate-limit counters move with every sign-in, not with a refusal.
    d.delete("rate_limit");
    cached = { version, sums: tableSums(d) };
    return cached.sums;
  };
  return {
    server,
    db,
    base,
    vaultA,
    vaultB,
    cookies,
    state,
    stop: async () => {
      await stopPortal(server);
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TrpcAnswer = { status: number; body: string; json: unknown };

/** One tRPC call over HTTP: a query as GET ?input=, a mutation as a JSON POST from the portal's origin. */
export async function trpc(
  portal: Pick<SecurityPortal, "base" | "cookies">,
  who: Caller,
  procedurePath: string,
  type: "query" | "mutation" | "subscription",
  input: unknown,
  opts: { rawInput?: string; headers?: Record<string, string> } = {},
): Promise<TrpcAnswer> {
  const payload = opts.rawInput ?? JSON.stringify({ json: input });
  const headers: Record<string, string> = { ...(who === "anonymous" ? {} : { cookie: portal.cookies[who] }), ...opts.headers };
  const url = `${portal.base}/api/trpc/${procedurePath}`;
  const res =
    type === "mutation"
      ? await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", origin: portal.base, ...headers },
          body: payload,
        })
      : await fetch(`${url}?input=${encodeURIComponent(payload)}`, {
          headers: type === "subscription" ? { accept: "text/event-stream", ...headers } : headers,
          signal: type === "subscription" ? AbortSignal.timeout(5_000) : undefined,
        });
  let body = "";
  if (type === "subscription" && res.status === 200) {
    // A live stream: its first event after "connected" is enough (data, or a refusal).
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const settled = () => body.replace(/^event: connected\ndata: \{\}\n\n/, "").includes("data: ");
    while (!settled()) {
      const chunk = await reader.read();
      if (chunk.done) break;
      body += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel();
  } else body = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    /* not JSON (an SSE event, an HTML error page) */
  }
  // A live stream that is refused says so in its first event (the HTTP status is already 200).
  const streamError = /event: serialized-error\ndata: (.*)\n/.exec(body);
  if (res.status === 200 && streamError) {
    json = JSON.parse(streamError[1]!) as unknown;
    return { status: (json as { json: { data: { httpStatus: number } } }).json.data.httpStatus, body, json };
  }
  return { status: res.status, body, json };
}

/** The user id of an email (for assertions about what the server stored). */
export function userIdOf(db: DB, email: string): string {
  return db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email)).get()!.id;
}

export function roleIn(db: DB, vaultId: string, email: string): Role | null {
  return (
    db
      .select({ role: s.vaultMembers.role })
      .from(s.vaultMembers)
      .where(and(eq(s.vaultMembers.vaultId, vaultId), eq(s.vaultMembers.userId, userIdOf(db, email))))
      .get()?.role ?? null
  );
}
