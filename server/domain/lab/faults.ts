/** Lab: fault switches the simulator applies (targetId "*" for the whole fabric, or an object id). */
import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { FAULTS, type FaultKey } from "@/db/schema";
import { parseInput, vaultTarget } from "../validation";
import { requireVault } from "../vault/queries";
import { simulatedNow } from "@/server/jobs/clock";

/** The Lab's labels for each switch (ui-contract names). */
export const FAULT_LABEL: Record<FaultKey, string> = {
  "process-server-heartbeat-lost": "Process server heartbeat lost",
  "vcenter-account-read-only": "vCenter account read-only",
  "vm-has-snapshots": "VM has snapshots",
  "free-esxi-license": "Free ESXi license",
  "vpn-down": "VPN down",
  "vm-missing-from-cs-database": "VM missing from configuration server database",
  "datastore-unreachable-from-mt-host": "Datastore unreachable from the master target host",
  "mt-disk-enableuuid-false": "disk.EnableUUID false",
  "mt-storage-vmotioned": "Master target storage vMotioned",
  "mt-missing-xfs-reiserfs-packages": "Linux master target missing XFS/ReiserFS packages",
  "process-server-cannot-reach-cs": "Process server cannot reach configuration server",
  "mt-cloned-from-vm-template": "Master target cloned from the VM's template",
  "vcenter-disconnected": "vCenter disconnected",
  "retained-ip-without-failback-nic": "Retained IP without a failback NIC on the configuration server",
};

/** The kinds of object a switch can be aimed at. */
export const FAULT_TARGET_KINDS = ["processServer", "masterTarget", "vcenter", "host", "datastore", "network", "machine"] as const;
export type FaultTargetKind = (typeof FAULT_TARGET_KINDS)[number];

/**
 * The kind of object each switch is aimed at: the one the simulated fabric looks the switch up by
 * (a switch aimed at another kind of object would change nothing). The Lab's Target list offers
 * objects of this kind.
 */
export const FAULT_TARGET: Record<FaultKey, FaultTargetKind> = {
  "process-server-heartbeat-lost": "processServer",
  "vcenter-account-read-only": "vcenter",
  "vm-has-snapshots": "machine",
  "free-esxi-license": "host",
  "vpn-down": "network",
  "vm-missing-from-cs-database": "machine",
  "datastore-unreachable-from-mt-host": "datastore",
  "mt-disk-enableuuid-false": "masterTarget",
  "mt-storage-vmotioned": "masterTarget",
  "mt-missing-xfs-reiserfs-packages": "masterTarget",
  "process-server-cannot-reach-cs": "processServer",
  "mt-cloned-from-vm-template": "masterTarget",
  "vcenter-disconnected": "vcenter",
  "retained-ip-without-failback-nic": "machine",
};

/** One object a switch can be aimed at, as the Lab's Target list shows it. */
export type FaultTargetObject = { id: string; name: string };

/**
 * The objects of the vault each kind of switch can be aimed at (the Lab's Target lists), by name:
 * the process servers (with their location), master targets, vCenters, ESXi hosts and datastores of
 * the vault's configuration servers, the networks of its Azure subscriptions, and its machines (the
 * discovered ones and those behind replicated items).
 */
export function faultTargets(db: DbOrTx, vaultId: string): Record<FaultTargetKind, FaultTargetObject[]> {
  /** Rows of a table that has an id and a name, by name. */
  const named = (table: SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn }, where: SQL | undefined) =>
    db.select({ id: table.id, name: table.name }).from(table).where(where).orderBy(asc(table.name)).all() as FaultTargetObject[];
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const csIds = ids(named(s.configurationServers, eq(s.configurationServers.vaultId, vaultId)));
  const vcIds = ids(named(s.vcenters, inArray(s.vcenters.configurationServerId, csIds)));
  const subIds = ids(
    db.select({ id: s.azureSubscriptions.id }).from(s.azureSubscriptions).where(eq(s.azureSubscriptions.vaultId, vaultId)).all(),
  );
  const withItems = db
    .select({ id: s.replicatedItems.machineId })
    .from(s.replicatedItems)
    .where(eq(s.replicatedItems.vaultId, vaultId))
    .all();
  return {
    processServer: db
      .select({ id: s.processServers.id, name: s.processServers.name, location: s.processServers.location })
      .from(s.processServers)
      .where(inArray(s.processServers.configurationServerId, csIds))
      .orderBy(asc(s.processServers.name))
      .all()
      .map((p) => ({ id: p.id, name: `${p.name} (${p.location === "azure" ? "Azure" : "on-premises"})` })),
    masterTarget: named(s.masterTargets, inArray(s.masterTargets.configurationServerId, csIds)),
    vcenter: named(s.vcenters, inArray(s.vcenters.id, vcIds)),
    host: named(s.esxiHosts, inArray(s.esxiHosts.vcenterId, vcIds)),
    datastore: named(s.datastores, inArray(s.datastores.vcenterId, vcIds)),
    network: named(s.azureNetworks, inArray(s.azureNetworks.subscriptionId, subIds)),
    // Machines: the discovered ones and those behind replicated items (a removed VM may still have one).
    machine: named(
      s.machines,
      and(inArray(s.machines.configurationServerId, csIds), or(eq(s.machines.exists, true), inArray(s.machines.id, ids(withItems)))),
    ),
  };
}

export const faultInput = vaultTarget.extend({
  fault: z.enum(FAULTS),
  targetId: z.string().trim().min(1).max(200).default("*"),
});
export type FaultInput = z.input<typeof faultInput>;

export function setFault(db: DbOrTx, raw: FaultInput, env?: { now?: Date }) {
  const input = parseInput(faultInput, raw);
  return db.transaction((tx) => {
    requireVault(tx, input.vaultId);
    const now = env?.now ?? simulatedNow(tx, input.vaultId);
    tx.insert(s.faultSwitches)
      .values({ vaultId: input.vaultId, fault: input.fault, targetId: input.targetId, enabledAt: now })
      .onConflictDoNothing()
      .run();
    return { fault: input.fault, targetId: input.targetId, enabled: true };
  });
}

export function clearFault(db: DbOrTx, raw: FaultInput) {
  const input = parseInput(faultInput, raw);
  return db.transaction((tx) => {
    requireVault(tx, input.vaultId);
    tx.delete(s.faultSwitches)
      .where(
        and(
          eq(s.faultSwitches.vaultId, input.vaultId),
          eq(s.faultSwitches.fault, input.fault),
          eq(s.faultSwitches.targetId, input.targetId),
        ),
      )
      .run();
    return { fault: input.fault, targetId: input.targetId, enabled: false };
  });
}

/** The Lab page: every switch with its label and where it is on, the objects each can be aimed at, and the simulation speed. */
export function getLab(db: DbOrTx, vaultId: string) {
  requireVault(db, vaultId);
  const on = db.select().from(s.faultSwitches).where(eq(s.faultSwitches.vaultId, vaultId)).all();
  const sim = db.select().from(s.simulationSettings).where(eq(s.simulationSettings.vaultId, vaultId)).get();
  return {
    faults: FAULTS.map((f) => ({
      fault: f,
      label: FAULT_LABEL[f],
      target: FAULT_TARGET[f],
      enabled: on.some((x) => x.fault === f),
      targets: on.filter((x) => x.fault === f).map((x) => ({ targetId: x.targetId, enabledAt: x.enabledAt })),
    })),
    targets: faultTargets(db, vaultId),
    speed: sim?.speed ?? null,
  };
}
