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
