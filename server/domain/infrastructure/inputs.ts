/**
 * The input schemas of the infrastructure verbs the portal's forms use. Plain zod, nothing else: the
 * forms import them into the browser (lint keeps this module free of the database and the job engine).
 */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { IPV4_PATTERN } from "../replicated-item/inputs";
import { vaultTarget } from "../targets";

/** What only a Resource Manager network needs; a classic network gets the Marketplace guidance instead. */
export const resourceManagerDeployment = z.object({
  resourceGroupId: z.string().max(ID_MAX).min(1, "Choose a resource group (Resource Manager network)."),
  storageAccountId: z.string().max(ID_MAX).min(1, "Choose a storage account (Resource Manager network)."),
  networkInterfaceId: z.string().max(ID_MAX).min(1, "Choose the network interface you created for the process server."),
});

export const deployProcessServerInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1),
  name: z
    .string()
    .trim()
    .min(1, { message: "Enter a name.", abort: true })
    .max(15, "At most 15 characters (a Windows computer name).")
    .regex(/^[A-Za-z0-9-]+$/, "Letters, digits and hyphens only."),
  subscriptionId: z.string().max(ID_MAX).min(1, "Choose the subscription the VMs were recovered to."),
  networkId: z.string().max(ID_MAX).min(1, "Choose the Azure network of the failed-over VMs."),
  subnetId: z.string().max(ID_MAX).min(1, "Choose a subnet."),
  ip: z.string().max(ID_MAX).trim().min(1, { message: "Enter an IP address.", abort: true }).regex(IPV4_PATTERN, "Enter an IPv4 address."),
  userName: z.string().trim().min(1, "Enter the administrator user name.").max(64),
  password: z.string().min(12, "At least 12 characters.").max(123),
  ...resourceManagerDeployment.partial().shape,
});
export type DeployProcessServerInput = z.input<typeof deployProcessServerInput>;
