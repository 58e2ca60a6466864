import { z } from "zod";
import { hashPassword } from "better-auth/crypto";
import type { DB } from "@/db/client";
import { recordAudit } from "@/server/domain/audit/entries";
import { alreadyInitialized, createFirstAdministrator as createFirstAdministratorVerb, countUsers } from "@/server/domain/users/members";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { firstAdministratorInput } from "@/server/domain/users/schemas";
import { retireSetupToken, setupTokenMatches } from "./setup-token";

/** Hashes with Better Auth's own scrypt hasher, so its email sign-in verifies what we store. */
export { hashPassword };

export function needsFirstAdministrator(db: DB): boolean {
  return countUsers(db) === 0;
}

export const setupTokenInvalid = () =>
  new DomainError("Forbidden", {
    code: CODES.setupTokenInvalid,
    message: "The setup link is missing or not valid.",
    possibleCauses: "The page was opened without the one-time setup link, or the server was restarted since (each start prints a new one).",
    recommendedAction: "Open the setup link printed in the output of npm start (also in the server log), or paste its token here.",
  });

/**
 * First run: the first user becomes Owner of every vault, and only with this server's one-time
 * setup token (server/auth/setup-token.ts). The "no user yet" check and the inserts run in one
 * synchronous transaction, so two simultaneous first-run submissions cannot both win.
 */
export async function setUpFirstAdministrator(
  db: DB,
  raw: unknown,
  clientIp: string | null,
  setupToken: unknown,
): Promise<{ userId: string }> {
  if (!needsFirstAdministrator(db)) throw alreadyInitialized();
  // Refused before the input is read; a caller without the token writes no activity-log row.
  if (!setupTokenMatches(setupToken)) throw setupTokenInvalid();
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
    retireSetupToken();
    return { userId };
  } catch (err) {
    recordAudit(db, { ...audit, outcome: err instanceof DomainError ? "refused" : "error", reason: (err as Error).message });
    throw err;
  }
}
