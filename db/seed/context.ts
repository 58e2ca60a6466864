import type { Tx } from "../client";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** What every part of the vault seed works with. */
export type SeedContext = {
  tx: Tx;
  vaultId: string;
  /** Real time the seed is written at (epoch ms); the seeded history is placed before it. */
  now: number;
  /** The moment `msAgo` before `now`. */
  at: (msAgo: number) => Date;
  /** The primary key of the vault's object known in the seed as `key` (e.g. "vnet-prod"). */
  id: (key: string) => string;
};

export function seedContext(tx: Tx, vaultId: string, idPrefix: string, now: number): SeedContext {
  return { tx, vaultId, now, at: (msAgo) => new Date(now - msAgo), id: (key) => idPrefix + key };
}
