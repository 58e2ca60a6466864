/**
 * What every automation-API handler gets: the database, the token's user, the vault the path
 * names, a tRPC caller acting as that user (so the same procedures, role checks, domain verbs,
 * transactions and activity-log rows serve the portal and the API), and how to build links.
 */
import type { DB } from "@/db/client";
import type { vaults } from "@/db/schema";
import type { createCaller } from "@/server/api/root";

export const API_VERSION = "2023-06-01";
export const PROVIDER = "Microsoft.RecoveryServices";

export type Vault = typeof vaults.$inferSelect;
export type Caller = ReturnType<typeof createCaller>;

export type ArmContext = {
  db: DB;
  user: { id: string; email: string; name: string };
  vault: Vault;
  caller: Caller;
  /** The query string of the request. */
  query: URLSearchParams;
  /** The request's JSON body (POST/PUT), or undefined. */
  body: unknown;
  /** The origin the client reached us on (`X-Forwarded-Proto/Host` behind a TLS endpoint). */
  origin: string;
  /** Client IP, for the activity log. */
  clientIp: string | null;
  /** `x-ms-client-request-id`: the SDK sends the same one when it retries a request. */
  clientRequestId: string | null;
  /** Set once a tRPC mutation was called: its verb logs the call (accepted or refused). */
  verbCalled?: boolean;
};

/** Calls a tRPC mutation (a domain verb, which writes its own activity-log row). */
export function runVerb<R>(ctx: ArmContext, call: () => Promise<R>): Promise<R> {
  ctx.verbCalled = true;
  return call();
}

/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.RecoveryServices/vaults/{vault}`. */
export function vaultPath(v: Vault): string {
  return `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/${PROVIDER}/vaults/${v.name}`;
}

/** An absolute link on the client's origin, with the api-version the SDK expects on every call. */
export function link(ctx: ArmContext, path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ "api-version": API_VERSION, ...query });
  return `${ctx.origin}${path}?${q.toString()}`;
}
