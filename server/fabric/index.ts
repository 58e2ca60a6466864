/** The composition root of the fabric: the simulator unless a real adapter is installed. */
import type { FabricFactory, FabricPort } from "./port";
import { simulatorFabric } from "./simulator/fabric";
import type { DbOrTx } from "@/db/client";

let factory: FabricFactory = simulatorFabric;

export function fabricFor(db: DbOrTx, vaultId: string, now: Date): FabricPort {
  return factory(db, vaultId, now);
}

/** Replaces the fabric (a real adapter, or a test double); returns the previous one. */
export function setFabricFactory(next: FabricFactory): FabricFactory {
  const prev = factory;
  factory = next;
  return prev;
}

export type { FabricPort, FabricFactory } from "./port";
