import { z } from "zod";
import { hashPassword } from "better-auth/crypto";
import type { DB } from "@/db/client";
import { recordAudit } from "@/server/domain/audit/entries";
import { alreadyInitialized, createFirstAdministrator as createFirstAdministratorVerb, countUsers } from "@/server/domain/users/members";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { firstAdministratorInput } from "@/server/domain/users/schemas";

/** Hashes with Better Auth's own scrypt hasher, so its email sign-in verifies what we store. */
export { hashPassword };

export function needsFirstAdministrator(db: DB): boolean {
  return countUsers(db) === 0;
}

/**
 * First run: the first user becomes Owner of every vault. The "no user yet" check and the inserts
 * run in one synchronous transaction, so two simultaneous first-run submissions cannot both win.
 */
export async function setUpFirstAdministrator(db: DB, raw: unknown, clientIp: string | null = null): Promise<{ userId: string }> {
  const parsed = firstAdministratorInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("Invalid", {
      code: CODES.invalidInput,
      message: "Check the highlighted fields.",
      fieldErrors: Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).map(([k, v]) => [k, v ?? []])),
    });
  }
  const input = parsed.data;
  const audit = {
    operation: "setup.createFirstAdministrator",
    target: input.email,
    input: { name: input.name, email: input.email, password: input.password },
    clientIp,
  };
  try {
    if (!needsFirstAdministrator(db)) throw alreadyInitialized();
    const passwordHash = await hashPassword(input.password);
    const userId = db.transaction((tx) => {
      const id = createFirstAdministratorVerb(tx, { name: input.name, email: input.email, passwordHash });
      recordAudit(tx, { ...audit, userId: id, userEmail: input.email, role: "owner", outcome: "accepted" });
      return id;
    });
    return { userId };
  } catch (err) {
    recordAudit(db, { ...audit, outcome: err instanceof DomainError ? "refused" : "error", reason: (err as Error).message });
    throw err;
  }
}
