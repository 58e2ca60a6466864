import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, json, ownedBy } from "./columns";
import { vaults } from "./vault";
import { VCENTER_KINDS, type AccountPermission, type EsxiLicense } from "./enums";
import type { MachineHardware } from "./onprem";

/** A user the simulated vCenter knows: what discovery checks the run-as account against. */
export type SimUser = { userName: string; secretEnc: string; permission: AccountPermission };
export type SimHost = { name: string; version: string; license: EsxiLicense; licenseLabel?: string | null };
export type SimDatastore = { name: string; capacityGb: number; freeGb: number; hosts: string[] };
export type SimVm = {
  name: string;
  hostName: string;
  host: string;
  datastore: string;
  /** The datastore folder of the VM's files, when not named after the VM. */
  folder?: string;
} & MachineHardware;

/**
 * The simulated datacenter: the vCenter servers and standalone ESXi hosts that exist on-premises,
 * whether or not the portal has added them, with their users and what they contain. Only the
 * simulator reads it (server/fabric/simulator); the portal learns its content by discovery, which
 * copies it into vcenters, esxi_hosts, datastores and machines.
 */
export const simVCenters = sqliteTable(
  "sim_vcenters",
  {
    id: id(),
    vaultId: ownedBy("vault_id", () => vaults.id),
    /** IP address or FQDN the server answers at. */
    address: text("address").notNull(),
    port: integer("port").notNull().default(443),
    name: text("name").notNull(),
    kind: text("kind", { enum: VCENTER_KINDS }).notNull(),
    users: json<SimUser[]>("users").notNull(),
    hosts: json<SimHost[]>("hosts").notNull(),
    datastores: json<SimDatastore[]>("datastores").notNull(),
    vms: json<SimVm[]>("vms").notNull(),
  },
  (t) => [uniqueIndex("sim_vcenter_vault_address").on(t.vaultId, t.address)],
);
