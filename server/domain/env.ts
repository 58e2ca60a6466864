/** What every verb may be given besides the database and its input, and the defaults it falls back to. */
import type { DbOrTx } from "@/db/client";
import { simulatedNow } from "@/server/jobs/clock";
import { fabricFor } from "@/server/fabric";
import type { FabricFactory, FabricPort } from "@/server/fabric/port";
import type { PlanMembership } from "./steps";

/**
 * Simulated time, the caller, the fabric. All optional. For a recovery plan's items:
 * `checkOnly`: an item verb runs every check it makes (input, state machine, its own
 * prerequisites) and stops where it would take the item's lock and enqueue its job; it writes
 * neither (the plan's dry run). `memberOf`: the item's job is enqueued as a member of that plan job.
 */
export type VerbEnv = { now?: Date; userId?: string | null; fabric?: FabricFactory; checkOnly?: boolean; memberOf?: PlanMembership };

/** The verb's now: given, else the vault's simulated clock. */
export function envNow(db: DbOrTx, vaultId: string, env: VerbEnv | undefined): Date {
  return env?.now ?? simulatedNow(db, vaultId);
}

/** The fabric port for the vault at `now`: given, else the simulator. */
export function envFabric(db: DbOrTx, vaultId: string, now: Date, env: VerbEnv | undefined): FabricPort {
  return env?.fabric ? env.fabric(db, vaultId, now) : fabricFor(db, vaultId, now);
}
