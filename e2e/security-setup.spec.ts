/**
 * First run over HTTP, against `npm start`'s script on a database with no user: whoever reaches the
 * port first does not become Owner. The server prints a one-time setup link; "Create the first
 * administrator" refuses without its token (nothing written), accepts it once, and each start while
 * no user exists prints a new token.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDb, type DB } from "@/db/client";
import * as s from "@/db/schema";
import { ROOT, startPortal, stopPortal, tempDir, until, type PortalServer } from "./crash-server";
import { SETUP_PORTS } from "./ports";

test.describe.configure({ mode: "serial" });

const ADMIN = { name: "First Owner", email: "first-owner@setup.test", password: "First-owner-password-1" };

let dir: string;
let server: PortalServer | null = null;

test.beforeAll(() => {
  dir = tempDir("portal-setup-");
});

test.afterAll(async () => {
  if (server) await stopPortal(server);
});

/** Starts the portal on the spec's database (no PORTAL_SETUP_TOKEN: the server picks one). */
async function start(port: number): Promise<PortalServer> {
  server = await startPortal({
    dbFile: path.join(dir, "portal.db"),
    port,
    simSpeed: 60,
    env: { JOB_ENGINE: "off", PORTAL_SETUP_TOKEN: "" },
  });
  return server;
}

/** The token of the setup link the server printed (stdout). */
async function printedToken(portal: PortalServer): Promise<string> {
  const match = await until(
    "the setup link in the server's output",
    () => /\/setup\?token=([A-Za-z0-9_%-]+)/.exec(portal.output()),
    30_000,
  );
  return decodeURIComponent(match[1]!);
}

function createFirstAdministrator(portal: PortalServer, body: Record<string, unknown>, origin?: string) {
  const base = `http://127.0.0.1:${portal.port}`;
  return fetch(`${base}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: origin ?? base },
    body: JSON.stringify(body),
  });
}

function users(db: DB) {
  return db.select({ email: s.users.email }).from(s.users).all();
}

test("without this start's setup token nobody becomes Owner; with it, once; a restart prints a new one", async ({}, testInfo) => {
  test.setTimeout(300_000);
  const port = SETUP_PORTS + testInfo.parallelIndex;

  // First start: the link is printed (stdout, and the server log as JSON).
  let portal = await start(port);
  const first = await printedToken(portal);
  expect(first.length).toBeGreaterThanOrEqual(32);
  expect(portal.output()).toContain(`"setupLink":"http://localhost:${port}/setup?token=${first}"`);
  const db = openDb(path.join(dir, "portal.db"));
  try {
    const wrongs: Record<string, unknown>[] = [
      { ...ADMIN },
      { ...ADMIN, token: "" },
      { ...ADMIN, token: "not-the-token" },
      { ...ADMIN, token: first.slice(0, -1) },
      { ...ADMIN, token: first + "A" },
      { ...ADMIN, token: [first] },
      { ...ADMIN, token: { first } },
    ];
    for (const body of wrongs) {
      const res = await createFirstAdministrator(portal, body);
      expect(res.status, JSON.stringify(body.token)).toBe(403);
      expect(((await res.json()) as { message: string }).message).toBe("The setup link is missing or not valid.");
    }
    // The right token from another site is refused too (CSRF).
    expect((await createFirstAdministrator(portal, { ...ADMIN, token: first }, "https://evil.example")).status).toBe(403);
    expect(users(db)).toEqual([]);
    expect(db.select().from(s.auditEntries).all()).toEqual([]);

    // A restart while no user exists picks a new token: the first one is worthless.
    await stopPortal(portal);
    portal = await start(port);
    const second = await printedToken(portal);
    expect(second).not.toBe(first);
    expect((await createFirstAdministrator(portal, { ...ADMIN, token: first })).status).toBe(403);
    expect(users(db)).toEqual([]);

    // Bad input with the right token: 400, nothing created, the token still usable.
    const invalid = await createFirstAdministrator(portal, { name: "", email: "nope", password: "short", token: second });
    expect(invalid.status).toBe(400);
    expect(users(db)).toEqual([]);

    const created = await createFirstAdministrator(portal, { ...ADMIN, token: second });
    expect(created.status).toBe(200);
    expect(users(db)).toEqual([{ email: ADMIN.email }]);
    const admin = db.select().from(s.users).where(eq(s.users.email, ADMIN.email)).get()!;
    const roles = db.select({ role: s.vaultMembers.role }).from(s.vaultMembers).where(eq(s.vaultMembers.userId, admin.id)).all();
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.every((r) => r.role === "owner")).toBe(true);

    // Single use: the same token (and any other) is refused once an Owner exists.
    const again = await createFirstAdministrator(portal, { ...ADMIN, email: "second@setup.test", token: second });
    expect(again.status).toBe(403);
    expect(users(db)).toEqual([{ email: ADMIN.email }]);
    // The token never reaches the activity log.
    expect(JSON.stringify(db.select().from(s.auditEntries).all())).not.toContain(second);

    // The administrator signs in; the first-run page is gone.
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(signIn.status).toBe(200);
    const page = await fetch(`${base}/setup?token=${encodeURIComponent(second)}`, { redirect: "manual" });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.headers.get("location")).toContain("/sign-in");

    // A start with a user prints no setup link.
    await stopPortal(portal);
    portal = await start(port);
    expect(portal.output()).not.toContain("/setup?token=");
  } finally {
    db.$client.close();
  }
});

test("npm start refuses an empty or short PORTAL_SECRET with a clear message, before touching the database", async () => {
  for (const secret of ["", "too-short-a-secret"]) {
    const dbFile = path.join(dir, `refused-${secret.length}.db`);
    const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, PORTAL_SECRET: secret, DATABASE_URL: `file:${dbFile}`, PORT: "1" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /The portal cannot start: PORTAL_SECRET is (empty|\d+ characters long).*at least 32|PORTAL_SECRET is empty/s,
    );
    expect(run.stderr).toContain("openssl rand");
    expect(fs.existsSync(dbFile)).toBe(false);
  }
});
