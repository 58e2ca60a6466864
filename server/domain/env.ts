/** What every verb may be given besides the database and its input, and the defaults it falls back to. */
import type { DbOrTx } from "@/db/client";
import { simulatedNow } from "@/server/jobs/clock";
import { fabricFor } from "@/server/fabric";
import type { FabricFactory, FabricPort } from "@/server/fabric/port";

/** Simulated time, the caller, the fabric. All optional. */
export type VerbEnv = { now?: Date; userId?: string | null; fabric?: FabricFactory };

/** The verb's now: given, else the vault's simulated clock. */
export function envNow(db: DbOrTx, vaultId: string, env: VerbEnv | undefined): Date {
  return env?.now ?? simulatedNow(db, vaultId);
}

/** The fabric port for the vault at `now`: given, else the simulator. */
export function envFabric(db: DbOrTx, vaultId: string, now: Date, env: VerbEnv | undefined): FabricPort {
  return env?.fabric ? env.fabric(db, vaultId, now) : fabricFor(db, vaultId, now);
}
