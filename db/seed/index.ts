/**
 * The demo vault, seeded by area (vault, Azure, on-premises, servers and policies, machines,
 * replicated items, recovery plans, jobs): a Site Recovery vault for Contoso with one
 * configuration server (cs-01), a vCenter with several ESXi hosts (one on a free license), Azure
 * networks with and without VPN, discovered machines ready to replicate, and replicated items
 * standing in every stage of the failback round trip and in each refusal situation of the 12
 * prerequisite checks.
 *
 * Any number of such vaults can live in one database (the e2e suite gives each test its own):
 * every primary key is the seed's key (e.g. "vnet-prod") behind a per-vault prefix. The demo
 * vault `contoso-dr-vault` has an empty prefix, so its ids are the keys themselves. Names shown in
 * the portal are the same in every copy.
 */
import { eq } from "drizzle-orm";
import type { DB } from "../client";
import * as s from "../schema";
import { defaultSimulationSpeed } from "../../server/jobs/clock";
import { seedAzure } from "./azure";
import { seedContext } from "./context";
import { seedDatacenter } from "./datacenter";
import { seedItems } from "./items";
import { seedJobs } from "./jobs";
import { seedMachines } from "./machines";
import { seedOnPremises } from "./on-premises";
import { seedPlans } from "./plans";
import { seedPolicies, seedServers } from "./servers";
import { seedVaultRow } from "./vault";

export { removeVault } from "./vault";

export const DEMO_VAULT_ID = "contoso-dr-vault";

export type SeedVaultOptions = {
  /** The vault's id (in URLs: /vaults/<id>/…). */
  id: string;
  /** Its name (unique among vaults); the id when absent. */
  name?: string;
  /** Put before every seeded key to make the vault's primary keys; `<id>-` when absent. */
  idPrefix?: string;
  /** Simulated seconds per real second; SIM_SPEED (default 60) when absent. */
  speed?: number;
  /** Real time the seed is written at, epoch ms; the seeded history lies before it. */
  now?: number;
};

/** A seeded vault: its id and name, and the id of any object by its seed key. */
export type SeededVault = { id: string; name: string; idOf: (key: string) => string };

/** Writes a complete demo vault in one transaction. Refuses (throws) when the vault id or name exists. */
export function seedVault(db: DB, options: SeedVaultOptions): SeededVault {
  const { id: vaultId, name = vaultId, idPrefix = `${vaultId}-`, speed = defaultSimulationSpeed(), now = Date.now() } = options;
  db.transaction(
    (tx) => {
      const ctx = seedContext(tx, vaultId, idPrefix, now);
      seedVaultRow(ctx, { name, speed });
      seedAzure(ctx);
      seedOnPremises(ctx);
      seedServers(ctx);
      seedPolicies(ctx);
      seedMachines(ctx);
      seedDatacenter(ctx);
      seedItems(ctx);
      seedPlans(ctx);
      seedJobs(ctx);
    },
    // Another process (the running portal) may write meanwhile: take the write lock up front.
    { behavior: "immediate" },
  );
  return { id: vaultId, name, idOf: (key) => idPrefix + key };
}

/**
 * The demo vault `contoso-dr-vault`, with the seed's keys as ids. Idempotent: does nothing when
 * the vault exists. Returns whether it wrote anything.
 */
export function seedDemoVault(db: DB, now = Date.now()): boolean {
  const existing = db.select({ id: s.vaults.id }).from(s.vaults).where(eq(s.vaults.id, DEMO_VAULT_ID)).get();
  if (existing) return false;
  seedVault(db, { id: DEMO_VAULT_ID, name: "contoso-dr-vault", idPrefix: "", now });
  return true;
}
