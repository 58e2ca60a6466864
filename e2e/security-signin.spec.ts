/**
 * Sign-in over HTTP against a portal of its own with the default limits: the client address comes
 * from the socket (a forged X-Forwarded-For neither hides nor frames anyone), the per-IP limit
 * holds whatever the headers say, and an account is locked after repeated failures from anywhere.
 * Each client binds its own loopback address (127.0.0.x) to be a different IP to the server.
 */
import http from "node:http";
import { test, expect } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { PASSWORD, emailOf, startSecurityPortal, type SecurityPortal } from "./security/portal";
import { SIGNIN_PORTS } from "./ports";

let portal: SecurityPortal;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(300_000);
  // The default per-IP limit (5 a minute); nobody signed in yet.
  portal = await startSecurityPortal(SIGNIN_PORTS + testInfo.parallelIndex, { PORTAL_SIGNIN_RATE_LIMIT: "5/60" }, false);
});

test.afterAll(async () => {
  await portal?.stop();
});

/** POST /api/auth/sign-in/email from a given local address. */
function signInFrom(localAddress: string, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({ email, password });
  const url = new URL(portal.base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: "/api/auth/sign-in/email",
        method: "POST",
        localAddress,
        agent: false,
        headers: {
          "content-type": "application/json",
          origin: `http://${url.host}`,
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("the per-IP limit holds whatever X-Forwarded-For says, and the log records the socket's address", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push(
      await signInFrom("127.0.0.2", `nobody${i}@security.test`, "wrong-password", {
        "x-forwarded-for": `203.0.113.${i + 1}`,
        "x-real-ip": `198.51.100.${i}`,
      }),
    );
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.at(-1)).toBe(429);
  const refused = portal.db.select().from(s.auditEntries).where(eq(s.auditEntries.operation, "signIn")).all();
  const forged = refused.filter((r) => r.clientIp?.startsWith("203.0.113.") || r.clientIp?.startsWith("198.51.100."));
  expect(forged).toEqual([]);
  expect(refused.filter((r) => r.clientIp === "127.0.0.2").length).toBeGreaterThanOrEqual(5);
  // Another address is not held back by the first one's limit.
  expect(await signInFrom("127.0.0.3", emailOf("owner"), PASSWORD)).toBe(200);
  const accepted = portal.db.select().from(s.auditEntries).where(eq(s.auditEntries.outcome, "accepted")).all();
  expect(accepted.filter((r) => r.operation === "signIn")).toEqual([
    expect.objectContaining({ userEmail: emailOf("owner"), clientIp: "127.0.0.3" }),
  ]);
});

test("an account is locked after repeated failures from many addresses, with its own password too; others are not", async () => {
  const victim = emailOf("reader");
  for (let i = 0; i < 5; i++) expect(await signInFrom(`127.0.1.${i + 1}`, victim, `guess-${i}-wrong`)).toBe(401);
  // From a fresh address, with the right password: still locked.
  expect(await signInFrom("127.0.2.1", victim, PASSWORD)).toBe(429);
  expect(await signInFrom("127.0.2.2", emailOf("operator"), PASSWORD)).toBe(200);
});
