import { describe, expect, it } from "vitest";
import { memoryDb } from "@/db/client";
import { FREE_FAILURES, clearSignInFailures, lockedUntil, recordSignInFailure } from "./lockout";
import { resolveClientIp, trustedProxies } from "./client-ip";

describe("client address", () => {
  it("comes from the socket; a forged X-Forwarded-For is ignored", () => {
    const none = trustedProxies("");
    expect(resolveClientIp("::ffff:198.51.100.7", "203.0.113.9", none)).toBe("198.51.100.7");
    expect(resolveClientIp("198.51.100.7", undefined, none)).toBe("198.51.100.7");
  });

  it("behind a trusted proxy: the right-most hop that is not a trusted proxy", () => {
    const trusted = trustedProxies("10.0.0.0/8, loopback");
    expect(resolveClientIp("10.0.0.2", "203.0.113.9", trusted)).toBe("203.0.113.9");
    // The client prepends a forged hop: the proxy appended the real one on the right.
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.5", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "not-an-ip", trusted)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", undefined, trusted)).toBe("10.0.0.2");
    expect(() => trustedProxies("example.com")).toThrow(/PORTAL_TRUSTED_PROXIES/);
  });
});

describe("per-account lockout", () => {
  it("locks after the free failures, doubling, and a success clears it", () => {
    const db = memoryDb();
    const t0 = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < FREE_FAILURES - 1; i++) recordSignInFailure(db, "a@b.test", t0);
    expect(lockedUntil(db, "a@b.test", t0)).toBeNull();
    recordSignInFailure(db, "a@b.test", t0);
    expect(lockedUntil(db, "a@b.test", t0)?.getTime()).toBe(t0.getTime() + 30_000);
    recordSignInFailure(db, "a@b.test", t0);
    expect(lockedUntil(db, "a@b.test", t0)?.getTime()).toBe(t0.getTime() + 60_000);
    expect(lockedUntil(db, "other@b.test", t0)).toBeNull();
    expect(lockedUntil(db, "a@b.test", new Date(t0.getTime() + 61_000))).toBeNull();
    clearSignInFailures(db, "a@b.test");
    recordSignInFailure(db, "a@b.test", t0);
    expect(lockedUntil(db, "a@b.test", t0)).toBeNull();
  });
});
