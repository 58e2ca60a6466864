/**
 * + Process server > "Deploy a failback process server in Azure". Resource Manager: a job
 * "Deploy process server" creates the server (deploying → registering → registered after a
 * simulated 10–15 minutes). Classic: the portal does not deploy; it returns the Marketplace-image
 * guidance instead. The IP must be free and inside the subnet; the NIC must be in that subnet and
 * unattached; the network's deployment model decides which fields apply.
 */
import { and, eq, getTableColumns, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import { parseInput } from "../validation";
import { invalid, notFound } from "../errors";
import { inSubnet, ipToInt } from "./ip";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { loadConfigurationServer, nameInUse } from "./load";
import { enqueueJob } from "@/server/jobs/engine";
import { deployProcessServerSteps, JOB_TYPES } from "../steps";
import {
  addClassicProcessServerInput,
  deployProcessServerInput,
  resourceManagerDeployment,
  type AddClassicProcessServerInput,
  type DeployProcessServerInput,
} from "./inputs";

export { addClassicProcessServerInput, deployProcessServerInput, type AddClassicProcessServerInput, type DeployProcessServerInput };

export const CLASSIC_GUIDANCE =
  'For a classic network the portal does not deploy the process server. In the Azure Marketplace, create a virtual machine from the image "Microsoft Azure Site Recovery Process Server V2" and select Classic as the deployment model, in the same network as the failed-over VMs. Then install the process server on it, add it under + Process server (its name, subnet and IP address) and register it from its page with the configuration server (its IP, the passphrase, port 443 and data port 9443).';

export type DeployProcessServerResult =
  | { deployed: true; processServerId: string; jobId: string }
  | { deployed: false; guidance: string; marketplaceImage: "Microsoft Azure Site Recovery Process Server V2" };

/** The subscription and its Azure network the process server goes into (not found when not in the vault). */
function loadNetwork(tx: Tx, input: { vaultId: string; subscriptionId: string; networkId: string }) {
  const sub = tx
    .select()
    .from(s.azureSubscriptions)
    .where(and(eq(s.azureSubscriptions.id, input.subscriptionId), eq(s.azureSubscriptions.vaultId, input.vaultId)))
    .get();
  if (!sub) throw notFound("Subscription", input.subscriptionId);
  const net = tx
    .select()
    .from(s.azureNetworks)
    .where(and(eq(s.azureNetworks.id, input.networkId), eq(s.azureNetworks.subscriptionId, sub.id)))
    .get();
  if (!net) throw notFound("Azure network", input.networkId);
  return { sub, net };
}

/** A process server in Azure, new to the configuration server (its name must be free there); returns its id. */
function insertAzureProcessServer(
  tx: Tx,
  cs: { id: string; name: string },
  input: { name: string; ip: string },
  placement: Omit<
    typeof s.processServers.$inferInsert,
    "id" | "configurationServerId" | "name" | "location" | "ip" | "health" | "loadPercent"
  >,
): string {
  if (nameInUse(tx, s.processServers, cs.id, input.name))
    throw invalid("name", `A process server named ${input.name} is already registered with ${cs.name}.`);
  const id = crypto.randomUUID();
  tx.insert(s.processServers)
    .values({
      id,
      configurationServerId: cs.id,
      name: input.name,
      location: "azure",
      ip: input.ip,
      health: "healthy",
      loadPercent: 0,
      ...placement,
    })
    .run();
  return id;
}

/** The subnet is in the network; the IP is a usable address of it that no process server or VM there uses. */
function checkPlacement(tx: Tx, net: { id: string; name: string }, input: { subnetId: string; ip: string }) {
  const subnet = tx
    .select()
    .from(s.azureSubnets)
    .where(and(eq(s.azureSubnets.id, input.subnetId), eq(s.azureSubnets.networkId, net.id)))
    .get();
  if (!subnet) throw invalid("subnetId", `The subnet is not in ${net.name}.`);
  if (ipToInt(input.ip) === null) throw invalid("ip", "Enter an IPv4 address.");
  if (!inSubnet(input.ip, subnet.addressRange))
    throw invalid("ip", `${input.ip} is not a usable address of the subnet ${subnet.name} (${subnet.addressRange}).`);
  const taken =
    tx
      .select({ id: s.processServers.id })
      .from(s.processServers)
      .where(and(eq(s.processServers.ip, input.ip), eq(s.processServers.networkId, net.id)))
      .get() ??
    tx
      .select({ id: s.azureVms.id })
      .from(s.azureVms)
      .where(and(eq(s.azureVms.ip, input.ip), eq(s.azureVms.networkId, net.id), eq(s.azureVms.deleted, false)))
      .get();
  if (taken) throw invalid("ip", `${input.ip} is already used in ${net.name}; choose a unique address.`);
  return subnet;
}

export function deployProcessServer(db: DbOrTx, raw: DeployProcessServerInput, env?: VerbEnv): DeployProcessServerResult {
  return vaultVerb(db, deployProcessServerInput, raw, env, ({ tx, input, now }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    const { sub, net } = loadNetwork(tx, input);
    if (net.deploymentModel === "classic")
      return {
        deployed: false as const,
        guidance: CLASSIC_GUIDANCE,
        marketplaceImage: "Microsoft Azure Site Recovery Process Server V2" as const,
      };
    const subnet = checkPlacement(tx, net, input);
    const { resourceGroupId, storageAccountId, networkInterfaceId } = parseInput(resourceManagerDeployment, input);
    const rg = tx
      .select()
      .from(s.resourceGroups)
      .where(and(eq(s.resourceGroups.id, resourceGroupId), eq(s.resourceGroups.subscriptionId, sub.id)))
      .get();
    if (!rg) throw notFound("Resource group", resourceGroupId);
    // The storage account and the NIC must be the vault's own (in a resource group of its subscription):
    // one of another vault is refused exactly as an unknown id, so ids of other vaults cannot be probed.
    const sa = tx
      .select(getTableColumns(s.storageAccounts))
      .from(s.storageAccounts)
      .innerJoin(s.resourceGroups, eq(s.resourceGroups.id, s.storageAccounts.resourceGroupId))
      .where(and(eq(s.storageAccounts.id, storageAccountId), eq(s.resourceGroups.subscriptionId, sub.id)))
      .get();
    if (!sa) throw notFound("Storage account", storageAccountId);
    const nic = tx
      .select(getTableColumns(s.networkInterfaces))
      .from(s.networkInterfaces)
      .innerJoin(s.resourceGroups, eq(s.resourceGroups.id, s.networkInterfaces.resourceGroupId))
      .where(and(eq(s.networkInterfaces.id, networkInterfaceId), eq(s.resourceGroups.subscriptionId, sub.id)))
      .get();
    if (!nic) throw notFound("Network interface", networkInterfaceId);
    if (nic.subnetId !== subnet.id)
      throw invalid("networkInterfaceId", `The network interface ${nic.name} is not in the subnet ${subnet.name}.`);
    if (nic.attachedTo) throw invalid("networkInterfaceId", `The network interface ${nic.name} is already attached to ${nic.attachedTo}.`);
    const psId = insertAzureProcessServer(tx, cs, input, {
      status: "deploying",
      subscriptionId: sub.id,
      networkId: net.id,
      subnetId: subnet.id,
      deploymentModel: net.deploymentModel,
      resourceGroupId: rg.id,
      storageAccountId: sa.id,
      networkInterfaceId: nic.id,
      adminUserName: input.userName,
    });
    const attached = tx
      .update(s.networkInterfaces)
      .set({ attachedTo: psId })
      .where(and(eq(s.networkInterfaces.id, nic.id), isNull(s.networkInterfaces.attachedTo)))
      .run();
    if (attached.changes !== 1) throw invalid("networkInterfaceId", `The network interface ${nic.name} was attached by another request.`);
    const jobId = enqueueJob(tx, {
      vaultId: input.vaultId,
      now,
      type: JOB_TYPES.deployProcessServer,
      name: "Deploy process server",
      targetType: "process-server",
      targetId: psId,
      targetName: input.name,
      // The admin password is used by the deployment only; it is never stored.
      input: { configurationServerId: cs.id },
      steps: deployProcessServerSteps(),
      createdBy: env?.userId ?? null,
    });
    return { deployed: true as const, processServerId: psId, jobId };
  });
}

/**
 * A process server created by hand from the Marketplace image in a classic network (the portal
 * does not deploy there): added as deployed, then registered with Register on its page like any
 * other (the same job, the same passphrase rule).
 */
export function addClassicProcessServer(db: DbOrTx, raw: AddClassicProcessServerInput, env?: VerbEnv): { processServerId: string } {
  return vaultVerb(db, addClassicProcessServerInput, raw, env, ({ tx, input }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    const { sub, net } = loadNetwork(tx, input);
    if (net.deploymentModel !== "classic")
      throw invalid(
        "networkId",
        `${net.name} is a Resource Manager network: choose "Deploy a failback process server in Azure" and the portal deploys it.`,
      );
    const subnet = checkPlacement(tx, net, input);
    const processServerId = insertAzureProcessServer(tx, cs, input, {
      status: "deployed",
      subscriptionId: sub.id,
      networkId: net.id,
      subnetId: subnet.id,
      deploymentModel: "classic",
    });
    return { processServerId };
  });
}
