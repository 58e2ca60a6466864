/**
 * The input schemas of the infrastructure verbs the portal's forms use. Plain zod, nothing else: the
 * forms import them into the browser (lint keeps this module free of the database and the job engine).
 */
import { z } from "zod";
import { ACCOUNT_PERMISSIONS, LINUX_CHECKLIST_KEYS, OS_TYPES, VCENTER_KINDS, type LinuxChecklistKey } from "@/db/schema/enums";
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

/**
 * A classic network: the administrator creates the process server VM from the Marketplace image,
 * then adds it here (deployed, not registered) and registers it from its page.
 */
export const addClassicProcessServerInput = deployProcessServerInput.pick({
  vaultId: true,
  configurationServerId: true,
  name: true,
  subscriptionId: true,
  networkId: true,
  subnetId: true,
  ip: true,
});
export type AddClassicProcessServerInput = z.input<typeof addClassicProcessServerInput>;

const friendlyName = z.string().trim().min(1, { message: "Enter a friendly name.", abort: true }).max(64, "At most 64 characters.");
const accountUserName = z.string().trim().min(1, "Enter the user name (DOMAIN\\user or user@domain).").max(128, "At most 128 characters.");
const accountPassword = z.string().min(1, "Enter the password.").max(256, "At most 256 characters.");

/** Accounts > Add account: a run-as account the configuration server uses for vCenter discovery and failback. */
export const addAccountInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1),
  friendlyName,
  userName: accountUserName,
  password: accountPassword,
});
export type AddAccountInput = z.input<typeof addAccountInput>;

/** Accounts > Update credentials: a new user name and password (the password is write-only). */
export const updateAccountCredentialsInput = vaultTarget.extend({
  accountId: z.string().max(ID_MAX).min(1),
  userName: accountUserName,
  password: accountPassword,
});
export type UpdateAccountCredentialsInput = z.input<typeof updateAccountCredentialsInput>;

/** + vCenter server: a vCenter server or a standalone ESXi host, discovered through a run-as account. */
export const addVCenterInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1),
  kind: z.enum(VCENTER_KINDS).default("vcenter"),
  name: z.string().trim().min(1, { message: "Enter the server name.", abort: true }).max(80, "At most 80 characters."),
  ip: z
    .string()
    .trim()
    .min(1, { message: "Enter the IP address or FQDN.", abort: true })
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, "Enter an IPv4 address or a host name."),
  port: z
    .number({ error: "Enter a port number." })
    .int("Enter a port number.")
    .min(1, "Enter a port from 1 to 65535.")
    .max(65535, "Enter a port from 1 to 65535.")
    .default(443),
  /** An existing run-as account, or a new one. */
  accountId: z.string().max(ID_MAX).min(1).optional(),
  newAccount: z
    .object({
      friendlyName,
      userName: accountUserName,
      password: accountPassword,
      permission: z.enum(ACCOUNT_PERMISSIONS).optional(),
    })
    .optional(),
});
export type AddVCenterInput = z.input<typeof addVCenterInput>;

export const refreshVCenterInput = vaultTarget.extend({
  vcenterId: z.string().max(ID_MAX).min(1),
  accountId: z.string().max(ID_MAX).min(1).optional(),
});
export type RefreshVCenterInput = z.input<typeof refreshVCenterInput>;

const linuxChecklist = z.record(z.enum(LINUX_CHECKLIST_KEYS), z.boolean());

/** The Linux master target setup steps of the failback guide, as the Add master target dialog lists them. */
export const LINUX_CHECKLIST_LABELS: Record<LinuxChecklistKey, string> = {
  centos66Minimal: "CentOS 6.6 minimal is installed",
  staticIp: "The server has a static IP address",
  noLvm: "No LVM for the root or retention partitions",
  partitions: "Partitions /, /var/crash, /home (ext4) and swap",
  packages: "Packages xfsprogs perl lsscsi rsync wget kexec-tools installed (internet access)",
  xfsReiserfsPackages: "ReiserFS/XFS support packages installed (before protecting machines that use them)",
  multipath: "device-mapper-multipath installed",
  applyCustomChanges: "ApplyCustomChanges.sh from the RHEL6-64 unified agent run, then rebooted",
};

/** + Master target server: a Windows (Unified Setup) or Linux master target VM on a discovered ESXi host. */
export const addMasterTargetInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1),
  name: z.string().trim().min(1, { message: "Enter a name.", abort: true }).max(63, "At most 63 characters."),
  ip: z.string().max(ID_MAX).trim().regex(IPV4_PATTERN, "Enter an IPv4 address.").optional(),
  osType: z.enum(OS_TYPES),
  osName: z.string().trim().min(1, "Enter the operating system.").max(80),
  hostId: z.string().max(ID_MAX).min(1, "Choose the ESXi host the master target runs on."),
  datastoreId: z.string().max(ID_MAX).min(1, "Choose the datastore the master target runs on."),
  diskEnableUuid: z.boolean(),
  retentionVolume: z.object({
    name: z.string().trim().min(1, "Enter the retention drive (R: or /mnt/retention).").max(64),
    fileSystem: z.string().trim().min(1, "Enter its file system.").max(16),
    capacityGb: z.number({ error: "Enter its size in GB." }).positive("Enter its size in GB."),
  }),
  linuxChecklist: linuxChecklist.optional(),
});
export type AddMasterTargetInput = z.input<typeof addMasterTargetInput>;

const port = (what: string) =>
  z
    .number({ error: `Enter the ${what}.` })
    .int(`Enter the ${what} (a whole number).`)
    .min(1, "Enter a port from 1 to 65535.")
    .max(65535, "Enter a port from 1 to 65535.");

/**
 * Register on a process server's page: its second job, registration with the configuration server
 * (the configuration server's IP, its passphrase, port 443 and data port 9443 unless changed).
 */
export const registerProcessServerInput = vaultTarget.extend({
  processServerId: z.string().max(ID_MAX).min(1),
  configurationServerIp: z
    .string()
    .max(ID_MAX)
    .trim()
    .min(1, { message: "Enter the configuration server's IP address.", abort: true })
    .regex(IPV4_PATTERN, "Enter an IPv4 address."),
  passphrase: z.string().min(1, "Enter the configuration server passphrase.").max(256, "At most 256 characters."),
  httpsPort: port("port").default(443),
  dataPort: port("data port").default(9443),
});
export type RegisterProcessServerInput = z.input<typeof registerProcessServerInput>;

/** Delete on a process server's or master target's page. */
export const deleteServerInput = vaultTarget.extend({
  kind: z.enum(["process-server", "master-target"]),
  serverId: z.string().max(ID_MAX).min(1),
});
export type DeleteServerInput = z.input<typeof deleteServerInput>;
