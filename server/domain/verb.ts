/** The opening every verb shares. */
import type { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import type { FabricPort } from "@/server/fabric/port";
import { envFabric, envNow, type VerbEnv } from "./env";
import { parseInput } from "./validation";

export type VerbContext<I> = {
  tx: Tx;
  input: I;
  /** The verb's simulated now: what it stamps its changes and jobs with. */
  now: Date;
  /** The fabric port for the vault at `now` (made on first use). */
  fabric: () => FabricPort;
};

/**
 * Validates the input (Invalid with field messages), then runs `body` in one transaction (a
 * savepoint inside a caller's) with the verb's now: a refusal anywhere in `body` changes nothing.
 */
export function vaultVerb<S extends z.ZodType<{ vaultId: string }>, R>(
  db: DbOrTx,
  schema: S,
  raw: unknown,
  env: VerbEnv | undefined,
  body: (c: VerbContext<z.output<S>>) => R,
): R {
  const input = parseInput(schema, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    let fabric: FabricPort | undefined;
    return body({ tx, input, now, fabric: () => (fabric ??= envFabric(tx, input.vaultId, now, env)) });
  });
}
