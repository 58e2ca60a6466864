import { toNextJsHandler } from "better-auth/next-js";
import { getDb } from "@/db/client";
import { getAuth } from "@/server/auth/auth";
import { clientIpFrom } from "@/server/auth/ip";
import { recordAudit } from "@/server/domain/audit/entries";

export const dynamic = "force-dynamic";

/** Served over HTTPS (directly or behind a TLS proxy): every cookie gets Secure. */
function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : new URL(req.url).protocol === "https:";
}

function withSecureCookies(res: Response): Response {
  const cookies = res.headers.getSetCookie();
  if (cookies.length === 0 || cookies.every((c) => /;\s*secure/i.test(c))) return res;
  const headers = new Headers(res.headers);
  headers.delete("set-cookie");
  for (const c of cookies) headers.append("set-cookie", /;\s*secure/i.test(c) ? c : `${c}; Secure`);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

const handlers = toNextJsHandler((req: Request) => getAuth().handler(req));

async function handle(req: Request, inner: (r: Request) => Promise<Response>): Promise<Response> {
  const res = await inner(req);
  // The rate limiter answers before Better Auth's hooks run, so its refusals are logged here.
  if (res.status === 429 && new URL(req.url).pathname.endsWith("/sign-in/email")) {
    recordAudit(getDb(), {
      operation: "signIn",
      outcome: "refused",
      reason: "Too many sign-in attempts; try again later.",
      clientIp: clientIpFrom(req.headers),
    });
  }
  return isHttps(req) ? withSecureCookies(res) : res;
}

export const GET = (req: Request) => handle(req, handlers.GET);
export const POST = (req: Request) => handle(req, handlers.POST);
