/** IPv4 helpers for subnet ranges (CIDR). */
export function ipToInt(ip: string): number | null {
  const parts = ip.trim().split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** Usable host addresses of the range (Azure reserves the first four and the last). */
export function inSubnet(ip: string, cidr: string): boolean {
  const [base, bitsRaw] = cidr.split("/");
  const b = ipToInt(base ?? "");
  const x = ipToInt(ip);
  const bits = Number(bitsRaw);
  if (b === null || x === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  const start = b - (b % size);
  return x >= start + 4 && x <= start + size - 2;
}
