/**
 * The automation API: a Site Recovery–compatible REST surface (ARM, api-version 2023-06-01) under
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.RecoveryServices/vaults/{vault}/…`,
 * which `@azure/arm-recoveryservices-siterecovery` drives unchanged.
 *
 * Order of checks, as ARM: the bearer token (401), the api-version (400), the path (404), then the
 * handler, which calls the portal's own tRPC procedures as the token's user: the same role checks
 * (403), domain verbs, transactions and activity-log rows as the portal. Path segments match
 * case-insensitively. Reads and refusals made here land in the activity log as `api.*` rows; the
 * changes are logged by their verbs.
 */
import { and, sql } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { getDb, type DB } from "@/db/client";
import { vaults } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { clientIpFrom } from "@/server/auth/ip";
import { recordAudit } from "@/server/domain/audit/entries";
import { memberRole } from "@/server/domain/users/members";
import { logger } from "@/server/lib/logger";
import type { TokenUser } from "@/server/domain/tokens/tokens";
import { authenticate } from "./auth";
import { API_VERSION, type ArmContext } from "./context";
import { ArmError, errorResponse, resourceNotFound, toArmError } from "./errors";
import { ROUTES, type Route } from "./routes";

export type ArmHandlerOptions = { db?: DB };

/** The origin the client used: `X-Forwarded-Proto/Host` when a TLS endpoint forwards to us. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  return `${proto}://${host}`;
}

const VAULT_PREFIX = ["subscriptions", null, "resourcegroups", null, "providers", "microsoft.recoveryservices", "vaults", null] as const;

/** Splits the path into the vault's coordinates and the rest; null when it is not a vault path. */
export function parseVaultPath(pathname: string): { subscription: string; resourceGroup: string; vault: string; rest: string[] } | null {
  const segs = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (segs.length < VAULT_PREFIX.length) return null;
  for (let i = 0; i < VAULT_PREFIX.length; i++) {
    const lit = VAULT_PREFIX[i];
    if (lit !== null && segs[i]!.toLowerCase() !== lit) return null;
  }
  return { subscription: segs[1]!, resourceGroup: segs[3]!, vault: segs[7]!, rest: segs.slice(VAULT_PREFIX.length) };
}

/** The route for a method and the segments after the vault; literal segments match case-insensitively. */
export function matchRoute(method: string, rest: string[]): { route: Route; params: Record<string, string> } | "method-not-allowed" | null {
  let pathMatched = false;
  for (const route of ROUTES) {
    if (route.pattern.length !== rest.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < rest.length && ok; i++) {
      const p = route.pattern[i]!;
      if (p.startsWith("{")) params[p.slice(1, -1)] = rest[i]!;
      else ok = p.toLowerCase() === rest[i]!.toLowerCase();
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? "method-not-allowed" : null;
}

function findVault(db: DB, p: { subscription: string; resourceGroup: string; vault: string }) {
  return db
    .select()
    .from(vaults)
    .where(
      and(
        sql`lower(${vaults.name}) = ${p.vault.toLowerCase()}`,
        sql`lower(${vaults.subscriptionId}) = ${p.subscription.toLowerCase()}`,
        sql`lower(${vaults.resourceGroup}) = ${p.resourceGroup.toLowerCase()}`,
      ),
    )
    .get();
}

/** No SDK request comes near this: a bigger body is refused (413) and never parsed. */
const MAX_BODY_BYTES = 1_000_000;
const tooLarge = () => new ArmError(413, "RequestEntityTooLarge", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

async function readBody(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "DELETE" || request.method === "HEAD") return undefined;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ArmError(400, "InvalidRequestContent", "The request body is not valid JSON.");
  }
}

/** Headers handed to the tRPC context: the caller's address only (a bearer call carries no cookies to protect). */
function callerHeaders(request: Request): Headers {
  const h = new Headers();
  for (const name of ["x-forwarded-for", "x-real-ip", "user-agent", "host"]) {
    const v = request.headers.get(name);
    if (v) h.set(name, v);
  }
  return h;
}

/** One activity-log row for a call that no domain verb logged (reads, and refusals made before the verb). */
function auditCall(
  db: DB,
  r: { user: TokenUser | null; vaultId: string | null; method: string; target: string; clientIp: string | null; error?: unknown },
) {
  try {
    const refused = r.error !== undefined;
    recordAudit(db, {
      vaultId: r.vaultId,
      userId: r.user?.id ?? null,
      userEmail: r.user?.email ?? null,
      role: r.user && r.vaultId ? memberRole(db, r.vaultId, r.user.id) : null,
      operation: r.method === "GET" ? "api.read" : `api.${r.method.toLowerCase()}`,
      target: r.target.slice(0, 500),
      outcome: refused ? "refused" : "accepted",
      reason: refused ? toArmError(r.error).body.error.message : null,
      clientIp: r.clientIp,
    });
  } catch (err) {
    logger.error({ err }, "automation API: could not write the activity-log row");
  }
}

/** Handles one automation-API request. Never throws; every answer is JSON (or an empty 202). */
export async function handleArmRequest(request: Request, options: ArmHandlerOptions = {}): Promise<Response> {
  const db = options.db ?? getDb();
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const clientIp = clientIpFrom(request.headers);
  const target = url.pathname;
  let user: TokenUser | null = null;
  let vaultId: string | null = null;
  let polled = false;
  let ctx: ArmContext | null = null;
  try {
    user = authenticate(db, request.headers);
    const version = url.searchParams.get("api-version");
    if (!version)
      throw new ArmError(
        400,
        "MissingApiVersionParameter",
        `The api-version query parameter (?api-version=) is required; use ${API_VERSION}.`,
      );
    if (version !== API_VERSION)
      throw new ArmError(
        400,
        "InvalidApiVersionParameter",
        `The api-version '${version}' is not supported. The supported api-version is ${API_VERSION}.`,
      );
    const parsed = parseVaultPath(url.pathname);
    if (!parsed)
      throw new ArmError(
        404,
        "InvalidResourcePath",
        `No resource at ${url.pathname}: paths start /subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.RecoveryServices/vaults/{vault}.`,
      );
    const vault = findVault(db, parsed);
    if (!vault) throw resourceNotFound("vault", parsed.vault);
    vaultId = vault.id;
    const matched = matchRoute(method, parsed.rest);
    if (matched === null)
      throw new ArmError(
        404,
        "InvalidResourceType",
        `The resource type '${parsed.rest.filter((_, i) => i % 2 === 0).join("/")}' is not supported by this portal (see /openapi.json).`,
      );
    if (matched === "method-not-allowed")
      throw new ArmError(405, "MethodNotAllowed", `${method} is not supported on this resource (see /openapi.json).`);
    polled = matched.route.poll === true;
    const trpcCtx = await createContext({ db, headers: callerHeaders(request), user: { id: user.id, email: user.email, name: user.name } });
    ctx = {
      db,
      user,
      vault,
      caller: createCaller(trpcCtx),
      query: url.searchParams,
      body: await readBody(request),
      origin: requestOrigin(request),
      clientIp,
      clientRequestId: request.headers.get("x-ms-client-request-id"),
    };
    const response = await matched.route.handle(ctx, matched.params);
    if (method === "GET" && !polled) auditCall(db, { user, vaultId, method, target, clientIp });
    return response;
  } catch (err) {
    // The tRPC procedures log their own refusals (role) and every mutation; the rest is logged here.
    const loggedByProcedure = (err instanceof TRPCError && err.code === "FORBIDDEN") || ctx?.verbCalled === true;
    if (!loggedByProcedure && !(polled && !(err instanceof ArmError)))
      auditCall(db, { user, vaultId, method, target, clientIp, error: err });
    return errorResponse(err);
  }
}
