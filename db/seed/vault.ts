import { eq, inArray } from "drizzle-orm";
import type { DB } from "../client";
import * as s from "../schema";
import { DAY, type SeedContext } from "./context";

export type VaultFacts = { name: string; speed: number };

/** The vault row and its simulation clock, anchored at the seed's time. */
export function seedVaultRow({ tx, vaultId, now, at }: SeedContext, { name, speed }: VaultFacts): void {
  tx.insert(s.vaults)
    .values({
      id: vaultId,
      name,
      subscriptionName: "Contoso Production",
      subscriptionId: "6f1c2a4e-8d3b-4a57-9c1e-2b7d5e8f0a13",
      resourceGroup: "rg-siterecovery",
      region: "West Europe",
      createdAt: at(90 * DAY),
    })
    .run();
  tx.insert(s.simulationSettings).values({ vaultId, speed, simNow: now, realAt: now }).run();
}

/**
 * Removes a vault and everything in it (the e2e suite drops each test's vault afterwards, so
 * the job engine's per-vault tick stays small). Items go first: a machine cannot be deleted
 * while an item replicates it, and Azure VMs and activity-log rows have no cascading key.
 */
export function removeVault(db: DB, vaultId: string): void {
  db.transaction(
    (tx) => {
      const items = tx.select({ id: s.replicatedItems.id }).from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, vaultId));
      tx.delete(s.azureVms).where(inArray(s.azureVms.replicatedItemId, items)).run();
      tx.delete(s.replicatedItems).where(eq(s.replicatedItems.vaultId, vaultId)).run();
      tx.delete(s.auditEntries).where(eq(s.auditEntries.vaultId, vaultId)).run();
      tx.delete(s.vaults).where(eq(s.vaults.id, vaultId)).run();
    },
    { behavior: "immediate" },
  );
}
