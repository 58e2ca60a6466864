/**
 * The client's address. scripts/serve.ts has already replaced X-Forwarded-For with the address it
 * took from the socket (or from a proxy listed in PORTAL_TRUSTED_PROXIES), so its first entry is it.
 */
export function clientIpFrom(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
