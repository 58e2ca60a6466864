/**
 * Choices for the Re-protect (Azure to On-premises) dialog. Only eligible values are offered;
 * a field with nothing eligible says why, and left-out retention volumes carry their reason.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ActiveLocation } from "@/db/schema";
import type { FabricPort } from "@/server/fabric/port";
import { partitionRetentionVolumes } from "../checks/check-03-retention-volume";
import { buildCheckWorld } from "../checks/world";
import { processServerNetworkMismatch, processServerOptionReason } from "../checks/check-01-process-server";
import { check02MasterTarget } from "../checks/check-02-master-target";
import { check13MasterTargetTemplate } from "../checks/check-13-mt-template";
import { check04Datastore, datastoreRefusal } from "../checks/check-04-datastore";
import { check07EsxiLicense, hostLicenseRefusal } from "../checks/check-07-esxi-license";
import { check14VCenterConnected, vcenterDisconnectedRefusal } from "../checks/check-14-vcenter-connected";
import type { DomainError } from "../errors";
import type { CheckWorld, ReprotectProposal } from "../checks/world";
import { policyIdFor } from "../policy/paired";
import type { ItemRow } from "./load";
import { defaultLocation } from "../failback/location";

export type Option = { id: string; name: string; disabledReason?: string };

/**
 * Why Re-protect of `item` refuses a master target for the master target itself: its own checks
 * (2: heartbeat, disk.EnableUUID, storage vMotion, Linux setup, registered with the item's
 * configuration server, the item's operating system; 13: cloned from the machine's template; 14: its
 * host's vCenter connected; 7: its host not on a free ESXi license), in the order Re-protect runs
 * them. One it refuses is listed but cannot be chosen, with why.
 */
export function masterTargetRefusal(db: DbOrTx, fabric: FabricPort, item: ItemRow, masterTargetId: string): DomainError | null {
  const proposal = { masterTargetId };
  const mtWorld = buildCheckWorld(db, fabric, item, proposal);
  const host = mtWorld.mtHost;
  return (
    check02MasterTarget(mtWorld, proposal) ??
    check13MasterTargetTemplate(mtWorld) ??
    (host ? (vcenterDisconnectedRefusal(mtWorld, host.vcenterId) ?? hostLicenseRefusal(host)) : null)
  );
}

/**
 * Why the original location of `item` is refused through a master target (or with none chosen yet):
 * the checks that look at the location, in Re-protect's order (14: the VM's vCenter connected; 7: its
 * host not on a free license; 4: the master target's host reaches the VM's datastore).
 */
export function originalLocationRefusal(db: DbOrTx, fabric: FabricPort, item: ItemRow, masterTargetId: string | null): DomainError | null {
  const proposal: ReprotectProposal = { masterTargetId, location: "original" };
  const ow: CheckWorld = buildCheckWorld(db, fabric, item, proposal);
  return check14VCenterConnected(ow, proposal) ?? check07EsxiLicense(ow, proposal) ?? check04Datastore(ow, proposal);
}

export function reprotectOptions(db: DbOrTx, fabric: FabricPort, item: ItemRow) {
  const w = buildCheckWorld(db, fabric, item, {});
  const net = w.network;
  const cs = w.configurationServer;

  const processServers: (Option & { location: ActiveLocation; heartbeatOk: boolean })[] = [];
  for (const ps of fabric.processServers(cs.id)) {
    if (!net || processServerNetworkMismatch(ps, net)) continue;
    const reason = processServerOptionReason(ps, cs);
    processServers.push({
      id: ps.id,
      name: ps.name,
      location: ps.location,
      heartbeatOk: ps.heartbeatOk,
      ...(reason ? { disabledReason: reason } : {}),
    });
  }
  const processServersEmptyReason = processServers.length
    ? null
    : `No process server is registered in the Azure network ${net?.name ?? "of this item"}${net?.connectivity === "expressroute" ? "" : " (failback over VPN needs one in Azure)"}. Deploy a failback process server in Azure from Configuration Servers > ${cs.name} > + Process server.`;

  const masterTargets = fabric
    .masterTargets(cs.id)
    .filter((mt) => mt.osType === w.machine.osType)
    .map((mt) => {
      const { eligible, excluded } = partitionRetentionVolumes(fabric.retentionVolumes(mt.id));
      const refusal = masterTargetRefusal(db, fabric, item, mt.id);
      return {
        id: mt.id,
        name: mt.name,
        ...(refusal ? { disabledReason: `${refusal.message} (${refusal.code})` } : {}),
        osType: mt.osType,
        hostId: mt.hostId,
        datastoreId: mt.datastoreId,
        retentionVolumes: eligible.map((v) => ({ id: v.id, name: v.name, freeGb: v.freeGb })),
        retentionVolumesLeftOut: excluded.map((e) => ({ id: e.volume.id, name: e.volume.name, reason: e.reason })),
        retentionVolumesEmptyReason: eligible.length ? null : `No eligible retention volume on ${mt.name}.`,
      };
    });
  const firstMasterTarget = masterTargets.find((mt) => !mt.disabledReason);
  const masterTargetsEmptyReason = masterTargets.length
    ? null
    : `No ${w.machine.osType === "linux" ? "Linux" : "Windows"} master target is registered with ${cs.name}; add one.`;

  const accounts = fabric.accounts(cs.id).map((a) => ({ id: a.id, name: a.friendlyName, userName: a.userName, permission: a.permission }));

  // Datastores: those of the vCenters where the VM can land (its own, and those of the master targets' hosts).
  const vcIds = new Set<string>();
  if (w.machine.vcenterId) vcIds.add(w.machine.vcenterId);
  for (const mt of masterTargets) {
    const h = mt.hostId ? fabric.host(mt.hostId) : null;
    if (h) vcIds.add(h.vcenterId);
  }
  const datastores: {
    id: string;
    name: string;
    freeGb: number;
    capacityGb: number;
    vcenterId: string;
    /**
     * Per master target (by id), why new disks cannot go to this datastore through it (check 4's
     * `datastoreRefusal`: unreachable from its host, too little free space); absent when they can.
     * It matters where a new VM is created (alternate location, physical server), not for the original VM.
     */
    refusalByMasterTarget: Record<string, { code: string; reason: string }>;
  }[] = [];
  const datastoreNotes: string[] = [];
  for (const vcId of vcIds) {
    const vc = fabric.vcenter(vcId);
    if (!vc) continue;
    if (fabric.vcenterAccountPermission(vcId) !== "full") {
      datastoreNotes.push(
        `The account used for the vCenter ${vc.name} is read-only, so its datastores cannot be listed. Update its credentials with a full-permission account, then retry.`,
      );
      continue;
    }
    for (const d of fabric.datastoresVisible(vcId)) {
      datastores.push({
        id: d.id,
        name: d.name,
        freeGb: d.freeGb,
        capacityGb: d.capacityGb,
        vcenterId: d.vcenterId,
        refusalByMasterTarget: Object.fromEntries(
          masterTargets.flatMap((mt) => {
            const host = mt.hostId ? fabric.host(mt.hostId) : null;
            const e = host ? datastoreRefusal(w.machine, mt, host, d) : null;
            return e ? [[mt.id, { code: e.code, reason: `${e.message} (${e.code})` }]] : [];
          }),
        ),
      });
    }
  }
  // The VM's own vCenter being read-only empties the list for the original location: say so.
  const ownReadOnly = w.machine.vcenterId ? fabric.vcenterAccountPermission(w.machine.vcenterId) !== "full" : false;
  const datastoresEmptyReason = datastores.length === 0 || ownReadOnly ? datastoreNotes.join(" ") || "No datastore is reachable." : null;

  const failbackPolicyId = policyIdFor(db, item.policyId, "failback");
  const failbackPolicy = failbackPolicyId
    ? db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, failbackPolicyId)).get()
    : undefined;

  function defaultAccountId(): string | null {
    // The account the target vCenter is discovered with (the VM's own, or the first master target's), else a full one.
    const mtHost = masterTargets[0]?.hostId ? fabric.host(masterTargets[0].hostId) : null;
    const vcId = w.machine.kind === "vmware" && w.machine.exists ? w.machine.vcenterId : (mtHost?.vcenterId ?? null);
    const own = vcId ? fabric.vcenter(vcId)?.accountId : null;
    return own ?? accounts.find((a) => a.permission === "full")?.id ?? accounts[0]?.id ?? null;
  }

  /** The VM's own datastore for the original location; for a new VM, the master target's own or the first one it can use. */
  function defaultDatastoreId(): string | null {
    if (ownReadOnly) return null;
    const mt = firstMasterTarget ?? masterTargets[0];
    if (defaultLocationOf() === "original") return w.originalDatastore?.id ?? mt?.datastoreId ?? null;
    const usable = (id: string | null | undefined) =>
      !!id && datastores.some((d) => d.id === id && !(mt && d.refusalByMasterTarget[mt.id]));
    if (usable(mt?.datastoreId)) return mt!.datastoreId;
    return datastores.find((d) => usable(d.id))?.id ?? w.originalDatastore?.id ?? mt?.datastoreId ?? null;
  }

  /** Why the original location is refused through a master target (or with none chosen yet). */
  const originalRefusal = (masterTargetId: string | null) => {
    const e = originalLocationRefusal(db, fabric, item, masterTargetId);
    return e ? { code: e.code, reason: `${e.message} (${e.code})` } : null;
  };
  const originalAvailable = w.machine.kind === "vmware" && w.machine.exists;
  const originalRefusals = originalAvailable
    ? {
        none: originalRefusal(null),
        byMasterTarget: Object.fromEntries(
          masterTargets.flatMap((mt) => {
            const r = originalRefusal(mt.id);
            return r ? [[mt.id, r]] : [];
          }),
        ) as Record<string, { code: string; reason: string }>,
      }
    : { none: null, byMasterTarget: {} };
  const defaultLocationOf = () => {
    const d = defaultLocation(w);
    if (d !== "original") return d;
    const refused = firstMasterTarget ? originalRefusals.byMasterTarget[firstMasterTarget.id] : originalRefusals.none;
    return refused ? "alternate" : d;
  };

  return {
    direction: "Azure to On-premises" as const,
    processServers,
    processServersEmptyReason,
    masterTargets,
    masterTargetsEmptyReason,
    accounts,
    datastores: ownReadOnly ? [] : datastores,
    datastoresEmptyReason,
    failbackPolicy: failbackPolicy
      ? {
          id: failbackPolicy.id,
          name: failbackPolicy.name,
          rpoThresholdMinutes: failbackPolicy.rpoThresholdMinutes,
          retentionHours: failbackPolicy.retentionHours,
          appConsistentFrequencyMinutes: failbackPolicy.appConsistentFrequencyMinutes,
        }
      : null,
    location: {
      default: defaultLocationOf(),
      originalAvailable,
      /** Why the original location is refused with no master target chosen; null when it is not. */
      originalRefusal: originalRefusals.none,
      /** Per master target (by id), why the original location is refused through it; absent when it is not. */
      originalRefusalByMasterTarget: originalRefusals.byMasterTarget,
      reason:
        w.machine.kind === "physical"
          ? "A physical server always fails back to a new VMware VM."
          : w.machine.exists
            ? "The original VM exists: only the changes are sent."
            : "The original VM no longer exists: a new VM is created on the master target's host.",
    },
    nics: w.machine.nics.map((n) => ({ name: n.name, ipMode: n.ipMode, ip: n.ip })),
    defaults: {
      processServerId: processServers.find((p) => !p.disabledReason)?.id ?? null,
      masterTargetId: firstMasterTarget?.id ?? null,
      accountId: defaultAccountId(),
      datastoreId: defaultDatastoreId(),
      retentionVolumeId: firstMasterTarget?.retentionVolumes[0]?.id ?? null,
      displayName: w.machine.name,
      cores: w.azureVm?.cores ?? w.machine.cores,
      memoryMb: w.azureVm?.memoryMb ?? w.machine.memoryMb,
    },
  };
}

export type ReprotectOptions = ReturnType<typeof reprotectOptions>;
