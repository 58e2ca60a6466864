/**
 * The client address of a request, decided once, where the socket is known (scripts/serve.ts):
 * the socket's peer, unless that peer is a proxy listed in PORTAL_TRUSTED_PROXIES; then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. A client cannot choose the
 * address the activity log and the sign-in rate limit see by sending X-Forwarded-For.
 */
import net from "node:net";

/** "10.0.0.0/8, 192.168.1.5, ::1" → a matcher; "loopback" stands for 127.0.0.0/8 and ::1. */
export function trustedProxies(spec = process.env.PORTAL_TRUSTED_PROXIES ?? ""): (ip: string) => boolean {
  const list = new net.BlockList();
  for (const raw of spec.split(",").map((s) => s.trim())) {
    if (!raw) continue;
    if (raw === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address, prefix] = raw.split("/");
    const family = net.isIPv6(address ?? "") ? "ipv6" : net.isIPv4(address ?? "") ? "ipv4" : null;
    if (!address || !family) throw new Error(`PORTAL_TRUSTED_PROXIES: '${raw}' is not an IP address or a CIDR range.`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    const plain = unmapped(ip);
    const family = net.isIPv6(plain) ? "ipv6" : net.isIPv4(plain) ? "ipv4" : null;
    return !!family && list.check(plain, family);
  };
}

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) → "127.0.0.1". */
export function unmapped(ip: string): string {
  return ip.startsWith("::ffff:") && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}

export function resolveClientIp(
  socketIp: string | undefined,
  forwardedFor: string | string[] | undefined,
  isTrusted: (ip: string) => boolean,
): string | null {
  if (!socketIp) return null;
  let ip = unmapped(socketIp);
  if (!isTrusted(ip)) return ip;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Walk from the nearest hop outwards while the hop is one of our proxies.
  while (hops.length) {
    const hop = unmapped(hops.pop()!);
    if (!net.isIP(hop)) return ip;
    ip = hop;
    if (!isTrusted(hop)) return hop;
  }
  return ip;
}

/** Headers a client may forge that only a trusted proxy may set. */
export const PROXY_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
] as const;
