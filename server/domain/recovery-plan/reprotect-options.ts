/**
 * Choices for a recovery plan's Re-protect (Azure to on-premises), over EVERY machine of the plan.
 * The plan verb applies one process server, master target, account, datastore and retention drive to
 * each machine, and each machine's own Re-protect checks them. So a value is offered only when every
 * machine's Re-protect would take it; otherwise it is listed, cannot be chosen, and says which
 * machine refuses it and why (the first one that does, with the verb's code).
 *
 * A plan has no location choice: each machine goes to its own default location (its original VM
 * when it exists, a new VM otherwise). So a master target through which a machine's original
 * location is refused cannot be chosen either, and the datastore matters for the machines that get
 * a new VM. The rules are the item's (`reprotectOptions` and the checks it uses), asked per machine.
 */
import type { DbOrTx } from "@/db/client";
import { envFabric, envNow, type VerbEnv } from "../env";
import { emptyPlanError, loadPlan } from "./common";
import type { FabricPort } from "@/server/fabric/port";
import { check01ProcessServer } from "../checks/check-01-process-server";
import { datastoreRefusal } from "../checks/check-04-datastore";
import { buildCheckWorld } from "../checks/world";
import { DomainError } from "../errors";
import { defaultLocation } from "../failback/location";
import type { ItemRow } from "../replicated-item/load";
import {
  masterTargetRefusal,
  originalLocationRefusal,
  reprotectOptions,
  type ReprotectOptions,
} from "../replicated-item/reprotect-options";
import {
  REPROTECT_TO_AZURE_DIRECTION,
  defaultProcessServerId,
  reprotectToAzureProcessServers,
  reprotectToAzureRefusal,
} from "../replicated-item/reprotect-to-azure";

/** A refusal of one machine of the plan: its code, the machine, and the reason shown (naming the machine, ending with the code). */
export type MemberRefusal = { code: string; itemName: string; reason: string };

const named = (item: Pick<ItemRow, "name">, e: DomainError): MemberRefusal => ({
  code: e.code,
  itemName: item.name,
  reason: `${item.name}: ${e.message} (${e.code})`,
});

/** The first non-null result over the machines, in the plan's order. */
function firstOf<M, R>(members: M[], f: (m: M) => R | null): R | null {
  for (const m of members) {
    const r = f(m);
    if (r) return r;
  }
  return null;
}

/** The entries of every list, by id, in the order they first appear. */
function unionById<T extends { id: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const x of list) if (!seen.has(x.id)) seen.set(x.id, x);
  return [...seen.values()];
}

export function planReprotectOptions(db: DbOrTx, fabric: FabricPort, planName: string, items: ItemRow[]) {
  if (!items.length) throw emptyPlanError(planName);
  const members = items.map((item) => {
    const o: ReprotectOptions = reprotectOptions(db, fabric, item);
    const machine = buildCheckWorld(db, fabric, item, {}).machine;
    // Without a location choice, the machine goes where Re-protect takes it by default.
    return { item, o, machine, newVm: defaultLocation({ machine }) === "alternate" };
  });
  const first = members[0]!.o;

  const processServers = unionById(members.map((m) => m.o.processServers)).map((ps) => {
    const reason = firstOf(members, (m) => {
      const own = m.o.processServers.find((p) => p.id === ps.id);
      if (own) return own.disabledReason ? `${m.item.name}: ${own.disabledReason}` : null;
      // Not one this machine's network can use: the verb's check 1 says why.
      const proposal = { processServerId: ps.id };
      const e = check01ProcessServer(buildCheckWorld(db, fabric, m.item, proposal), proposal);
      return e ? named(m.item, e).reason : null;
    });
    const { disabledReason: _own, ...rest } = ps;
    return { ...rest, ...(reason ? { disabledReason: reason } : {}) };
  });

  const masterTargets = unionById(members.map((m) => m.o.masterTargets)).map((mt) => {
    const refusal = firstOf(members, (m) => {
      const e = masterTargetRefusal(db, fabric, m.item, mt.id) ?? (m.newVm ? null : originalLocationRefusal(db, fabric, m.item, mt.id));
      return e ? named(m.item, e) : null;
    });
    const { disabledReason: _own, ...rest } = mt;
    return { ...rest, ...(refusal ? { disabledReason: refusal.reason, refusal } : {}) };
  });
  const defaultMasterTarget = masterTargets.find((mt) => !mt.disabledReason) ?? null;

  // A machine whose own vCenter lists no datastores (read-only account) empties the list, as for the item.
  const emptied = members.find((m) => m.o.datastoresEmptyReason);
  const newVmMembers = members.filter((m) => m.newVm);
  const datastores = emptied
    ? []
    : unionById(members.map((m) => m.o.datastores)).map((d) => {
        const view = fabric.datastore(d.id);
        return {
          ...d,
          /** Per master target (by id), the first machine getting a new VM whose disks cannot go to this datastore through it. */
          refusalByMasterTarget: Object.fromEntries(
            masterTargets.flatMap((mt) => {
              const host = mt.hostId ? fabric.host(mt.hostId) : null;
              const r =
                host && view
                  ? firstOf(newVmMembers, (m) => {
                      const e = datastoreRefusal(m.machine, mt, host, view);
                      return e ? named(m.item, e) : null;
                    })
                  : null;
              return r ? [[mt.id, r]] : [];
            }),
          ) as Record<string, MemberRefusal>,
        };
      });
  const datastoresEmptyReason = emptied
    ? `${emptied.item.name}: ${emptied.o.datastoresEmptyReason}`
    : datastores.length
      ? null
      : "No datastore is reachable.";

  function defaultDatastoreId(): string | null {
    if (emptied) return null;
    // Only the original VMs: the datastore is not used; propose the first machine's.
    if (!newVmMembers.length) return first.defaults.datastoreId;
    const usable = (id: string | null | undefined) =>
      !!id && datastores.some((d) => d.id === id && !(defaultMasterTarget && d.refusalByMasterTarget[defaultMasterTarget.id]));
    if (usable(defaultMasterTarget?.datastoreId)) return defaultMasterTarget!.datastoreId;
    return datastores.find((d) => usable(d.id))?.id ?? null;
  }

  const originalRefusalOf = (mtId: string | null) =>
    firstOf(
      members.filter((m) => m.o.location.originalAvailable),
      (m) => {
        const e = originalLocationRefusal(db, fabric, m.item, mtId);
        return e ? named(m.item, e) : null;
      },
    );
  const originalAvailable = members.every((m) => m.o.location.originalAvailable);

  return {
    ...first,
    processServers,
    processServersEmptyReason: processServers.length ? null : first.processServersEmptyReason,
    masterTargets,
    masterTargetsEmptyReason: masterTargets.length ? null : first.masterTargetsEmptyReason,
    accounts: unionById(members.map((m) => m.o.accounts)),
    datastores,
    datastoresEmptyReason,
    location: {
      /** Alternate when a machine of the plan gets a new VM (then the datastore matters), original otherwise. */
      default: newVmMembers.length ? ("alternate" as const) : ("original" as const),
      /** Whether every machine could fail back to its original VM. */
      originalAvailable,
      originalRefusal: originalAvailable ? originalRefusalOf(null) : null,
      originalRefusalByMasterTarget: originalAvailable
        ? (Object.fromEntries(
            masterTargets.flatMap((mt) => {
              const r = originalRefusalOf(mt.id);
              return r ? [[mt.id, r]] : [];
            }),
          ) as Record<string, MemberRefusal>)
        : {},
      reason: newVmMembers.length
        ? `${newVmMembers.map((m) => m.item.name).join(", ")} ${newVmMembers.length === 1 ? "gets" : "get"} a new VM on the master target's host; the other machines fail back to their original VM.`
        : "Every machine fails back to its original VM: only the changes are sent.",
    },
    defaults: {
      ...first.defaults,
      processServerId: processServers.find((p) => !p.disabledReason)?.id ?? null,
      masterTargetId: defaultMasterTarget?.id ?? null,
      datastoreId: defaultDatastoreId(),
      retentionVolumeId: defaultMasterTarget?.retentionVolumes[0]?.id ?? null,
    },
  };
}

export type PlanReprotectOptions = ReturnType<typeof planReprotectOptions>;

/** The plan's Re-protect (Azure to on-premises) options, over every machine of its groups. */
export function getPlanReprotectOptions(db: DbOrTx, vaultId: string, planId: string, env?: VerbEnv) {
  const { plan, groups } = loadPlan(db, vaultId, planId);
  const fabric = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  return planReprotectOptions(
    db,
    fabric,
    plan.name,
    groups.flatMap((g) => g.items),
  );
}

/**
 * Choices for a recovery plan's Re-protect from on-premises to Azure: the plan verb sends every
 * machine through the one process server chosen, so a process server is offered when each
 * machine's Re-protect takes it (one of its configuration server's, on-premises, healthy); otherwise
 * it is listed, cannot be chosen, and says which machine refuses it and why.
 */
export function planReprotectToAzureOptions(fabric: FabricPort, planName: string, items: ItemRow[]) {
  if (!items.length) throw emptyPlanError(planName);
  const members = items.map((item) => ({ item, cs: fabric.configurationServer(item.configurationServerId)! }));
  const processServers = unionById(members.map((m) => reprotectToAzureProcessServers(fabric, m.cs))).map((ps) => {
    const reason = firstOf(members, (m) => {
      const e = reprotectToAzureRefusal(fabric, m.cs, ps.id);
      return e ? named(m.item, e).reason : null;
    });
    return { id: ps.id, name: ps.name, heartbeatOk: ps.heartbeatOk, ...(reason ? { disabledReason: reason } : {}) };
  });
  return {
    direction: REPROTECT_TO_AZURE_DIRECTION,
    processServers,
    defaults: { processServerId: defaultProcessServerId(processServers) },
  };
}

/** The plan's Re-protect (on-premises to Azure) options, over every machine of its groups. */
export function getPlanReprotectToAzureOptions(db: DbOrTx, vaultId: string, planId: string, env?: VerbEnv) {
  const { plan, groups } = loadPlan(db, vaultId, planId);
  const fabric = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  return planReprotectToAzureOptions(
    fabric,
    plan.name,
    groups.flatMap((g) => g.items),
  );
}
