/**
 * Per-account sign-in lockout with back-off (the per-IP limit is Better Auth's rate limiter): after
 * FREE_FAILURES failed sign-ins in a row for one email, whether or not the account exists, the
 * email is locked for 30 s, doubling with every further failure up to an hour. A success clears it;
 * a quiet hour forgets the failures.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInFailures } from "@/db/schema";

export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 3_600_000;
const FORGET_AFTER_MS = 3_600_000;

export function normalizedEmail(raw: unknown): string | null {
  return typeof raw === "string" && raw.length <= 320 ? raw.trim().toLowerCase() : null;
}

/** When the email is locked: the time the lock ends; else null. */
export function lockedUntil(db: DbOrTx, email: string, now = new Date()): Date | null {
  const row = db.select().from(signInFailures).where(eq(signInFailures.email, email)).get();
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export function recordSignInFailure(db: DbOrTx, email: string, now = new Date()): void {
  const row = db.select().from(signInFailures).where(eq(signInFailures.email, email)).get();
  const failures = row && now.getTime() - row.lastFailureAt.getTime() < FORGET_AFTER_MS ? row.failures + 1 : 1;
  const over = failures - FREE_FAILURES;
  const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(FIRST_LOCK_MS * 2 ** over, MAX_LOCK_MS)) : null;
  db.insert(signInFailures)
    .values({ email, failures, lastFailureAt: now, lockedUntil })
    .onConflictDoUpdate({ target: signInFailures.email, set: { failures, lastFailureAt: now, lockedUntil } })
    .run();
}

export function clearSignInFailures(db: DbOrTx, email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
}
