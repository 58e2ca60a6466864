import * as s from "../schema";
import type { SeedContext } from "./context";

/**
 * The Azure side: one subscription, its resource groups and storage accounts, networks with VPN
 * (vnet-prod, vnet-dev), without (vnet-isolated), with ExpressRoute (vnet-er) and a classic one,
 * and the network interfaces a failback process server can use.
 */
export function seedAzure({ tx, vaultId, id }: SeedContext): void {
  tx.insert(s.azureSubscriptions)
    .values({ id: id("sub-prod"), vaultId, name: "Contoso Production", subscriptionGuid: "6f1c2a4e-8d3b-4a57-9c1e-2b7d5e8f0a13" })
    .run();
  tx.insert(s.resourceGroups)
    .values(
      ["rg-siterecovery", "rg-network", "rg-failback"].map((name) => ({
        id: id(name),
        subscriptionId: id("sub-prod"),
        name,
        region: "West Europe",
      })),
    )
    .run();
  tx.insert(s.storageAccounts)
    .values([
      { id: id("sa-cache"), resourceGroupId: id("rg-siterecovery"), name: "contosoasrcache01" },
      { id: id("sa-failback"), resourceGroupId: id("rg-failback"), name: "contosofailbackps01" },
    ])
    .run();
  const network = (
    key: string,
    addressSpace: string,
    connectivity: s.Connectivity,
    extra: Partial<typeof s.azureNetworks.$inferInsert> = {},
  ) => ({
    id: id(key),
    subscriptionId: id("sub-prod"),
    resourceGroupId: id("rg-network"),
    name: key,
    deploymentModel: "resource-manager" as const,
    addressSpace,
    connectivity,
    ...extra,
  });
  tx.insert(s.azureNetworks)
    .values([
      network("vnet-prod", "10.10.0.0/16", "vpn"),
      network("vnet-isolated", "10.20.0.0/16", "none"),
      network("vnet-dev", "10.30.0.0/16", "vpn"),
      network("vnet-er", "10.40.0.0/16", "expressroute", { expressRoutePublicPeering: true }),
      network("vnet-classic", "10.50.0.0/16", "vpn", { resourceGroupId: null, deploymentModel: "classic" }),
    ])
    .run();
  const subnet = (key: string, networkKey: string, name: string, addressRange: string) => ({
    id: id(key),
    networkId: id(networkKey),
    name,
    addressRange,
  });
  tx.insert(s.azureSubnets)
    .values([
      subnet("snet-prod-default", "vnet-prod", "default", "10.10.1.0/24"),
      subnet("snet-prod-app", "vnet-prod", "app", "10.10.2.0/24"),
      subnet("snet-isolated-default", "vnet-isolated", "default", "10.20.1.0/24"),
      subnet("snet-dev-default", "vnet-dev", "default", "10.30.1.0/24"),
      subnet("snet-er-default", "vnet-er", "default", "10.40.1.0/24"),
      subnet("snet-classic-default", "vnet-classic", "Subnet-1", "10.50.1.0/24"),
    ])
    .run();
  // attachedTo: the process server using the interface.
  const nic = (key: string, subnetKey: string, name: string, processServerKey: string | null) => ({
    id: id(key),
    resourceGroupId: id("rg-failback"),
    subnetId: id(subnetKey),
    name,
    attachedTo: processServerKey && id(processServerKey),
  });
  tx.insert(s.networkInterfaces)
    .values([
      nic("nic-ps-prod-01", "snet-prod-default", "ps-azure-prod-nic", "ps-azure-prod"),
      nic("nic-ps-failback-02", "snet-prod-default", "ps-failback-02-nic", null),
      nic("nic-ps-dev-01", "snet-dev-default", "ps-dev-01-nic", null),
    ])
    .run();
}

/** The subnet a seeded Azure VM on network `networkKey` sits in. */
export const defaultSubnetKey = (networkKey: string) => `snet-${networkKey.replace("vnet-", "")}-default`;
