/**
 * CSRF hardening for state-changing requests: the browser must say the request comes from this
 * portal (Origin, or Fetch Metadata when Origin is absent), and the body must be JSON (a cross-site
 * HTML form can only send form encodings or text/plain).
 *
 * Returns null when the request may proceed, or the reason it is refused.
 */
export function checkMutationRequest(headers: Headers, extraTrustedOrigins: string[] = trustedOriginsFromEnv()): string | null {
  const contentType = headers.get("content-type");
  // A server-side caller (RSC, tests) has no content type; a browser POST always has one.
  if (contentType && !/^application\/json\b/i.test(contentType)) return "Requests that change something must send JSON.";
  const origin = headers.get("origin");
  if (origin) {
    const own = ownOrigins(headers);
    if (!own.includes(origin) && !extraTrustedOrigins.includes(origin)) return "The request did not come from this portal.";
    return null;
  }
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return "The request did not come from this portal.";
  return null;
}

/** The origins this request may legitimately come from: the Host it was sent to, plus PORTAL_URL. */
function ownOrigins(headers: Headers): string[] {
  const out: string[] = [];
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host) {
    const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    if (proto) out.push(`${proto}://${host}`);
    else out.push(`http://${host}`, `https://${host}`);
  }
  const url = process.env.PORTAL_URL ?? process.env.BETTER_AUTH_URL;
  if (url) out.push(new URL(url).origin);
  return out;
}

function trustedOriginsFromEnv(): string[] {
  return (process.env.PORTAL_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
