/**
 * The simulated fabric: answers the domain from the database, with the Lab's fault switches
 * (table fault_switches; targetId "*" or an object id) applied on top.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { preparedQuery, type DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { AccountPermission, FaultKey } from "@/db/schema";
import { decryptSecret } from "@/server/lib/secrets";
import type {
  AccountView,
  AzureVmView,
  ConfigurationServerAnswer,
  ConfigurationServerConnection,
  DatastoreView,
  FabricFactory,
  FabricPort,
  MachineView,
  MasterTargetView,
  NetworkView,
  NewAzureVm,
  ProcessServerView,
  RetentionVolumeView,
  ServerPerformance,
  VCenterConnection,
  VCenterDiscovery,
} from "../port";

const clampPercent = (n: number) => Math.round(Math.max(0, Math.min(100, n)));

/** A process server's CPU and memory follow its replication load; its cache fills with what it has not sent yet. */
export function processServerPerformance(loadPercent: number): ServerPerformance {
  return {
    cpuPercent: clampPercent(loadPercent),
    memoryPercent: clampPercent(20 + loadPercent * 0.75),
    freeCachePercent: clampPercent(100 - loadPercent * 0.8),
  };
}

/** The states in which an item sends failback data to its master target. */
const FAILBACK_STREAM_STATES: s.ItemState[] = ["reprotecting", "protected", "failover-in-progress"];

/** The HTTPS port a configuration server listens on for its process servers and agents. */
const CONFIGURATION_SERVER_PORT = 443;

/** Heartbeat older than this is lost (error 806, critical). */
export const HEARTBEAT_LOST_MINUTES = 15;

/** The tables the fabric reads one row of by id, each through its prepared query (a job step reads several). */
const BY_ID = {
  configurationServers: s.configurationServers,
  processServers: s.processServers,
  masterTargets: s.masterTargets,
  runAsAccounts: s.runAsAccounts,
  vcenters: s.vcenters,
  esxiHosts: s.esxiHosts,
  datastores: s.datastores,
  machines: s.machines,
  azureNetworks: s.azureNetworks,
  azureSubscriptions: s.azureSubscriptions,
  azureVms: s.azureVms,
};
type ByIdTable = keyof typeof BY_ID;
const rowByIdQuery = preparedQuery((db, table: ByIdTable) =>
  db
    .select()
    .from(BY_ID[table])
    .where(eq(BY_ID[table].id, sql.placeholder("id")))
    .prepare(),
);
/** One row of a table by id, as drizzle maps it. */
function rowById<T extends ByIdTable>(db: DbOrTx, table: T, id: string): (typeof BY_ID)[T]["$inferSelect"] | undefined {
  return rowByIdQuery(db, table).get({ id }) as (typeof BY_ID)[T]["$inferSelect"] | undefined;
}
const faultsQuery = preparedQuery((db) =>
  db
    .select({ fault: s.faultSwitches.fault, targetId: s.faultSwitches.targetId })
    .from(s.faultSwitches)
    .where(eq(s.faultSwitches.vaultId, sql.placeholder("vaultId")))
    .prepare(),
);
const subnetsQuery = preparedQuery((db) =>
  db
    .select({ id: s.azureSubnets.id, name: s.azureSubnets.name, addressRange: s.azureSubnets.addressRange })
    .from(s.azureSubnets)
    .where(eq(s.azureSubnets.networkId, sql.placeholder("networkId")))
    .prepare(),
);

export class SimulatedFabric implements FabricPort {
  private faults: { fault: FaultKey; targetId: string }[];

  constructor(
    private readonly db: DbOrTx,
    readonly vaultId: string,
    readonly now: Date,
  ) {
    this.faults = faultsQuery(db).all({ vaultId });
  }

  faultOn(fault: FaultKey, ...targetIds: (string | null | undefined)[]): boolean {
    return this.faults.some((f) => f.fault === fault && (f.targetId === "*" || targetIds.includes(f.targetId)));
  }

  private ageMinutes(at: Date | null): number | null {
    return at ? Math.max(0, (this.now.getTime() - at.getTime()) / 60_000) : null;
  }

  configurationServer(id: string) {
    const cs = rowById(this.db, "configurationServers", id);
    if (!cs || cs.vaultId !== this.vaultId) return null;
    // The Lab switch stands for a configuration server without a second NIC for failback traffic.
    const failbackNic = !this.faults.some((f) => f.fault === "retained-ip-without-failback-nic");
    return { id: cs.id, name: cs.name, ip: cs.ip, vaultId: cs.vaultId, failbackNic, lastBackupAt: cs.lastBackupAt };
  }

  private psView(p: typeof s.processServers.$inferSelect): ProcessServerView {
    const age = this.ageMinutes(p.lastHeartbeatAt);
    const lost = this.faultOn("process-server-heartbeat-lost", p.id) || age === null || age > HEARTBEAT_LOST_MINUTES;
    return {
      id: p.id,
      name: p.name,
      configurationServerId: p.configurationServerId,
      location: p.location,
      ip: p.ip,
      status: p.status,
      networkId: p.networkId,
      subnetId: p.subnetId,
      deploymentModel: p.deploymentModel,
      lastHeartbeatAt: p.lastHeartbeatAt,
      heartbeatOk: p.status === "registered" && !lost,
      heartbeatAgeMinutes: age,
      reachesConfigurationServer: !this.faultOn("process-server-cannot-reach-cs", p.id),
      performance: processServerPerformance(p.status === "registered" ? p.loadPercent : 0),
    };
  }

  private inVault(configurationServerId: string) {
    return this.configurationServer(configurationServerId) !== null;
  }

  /** A row that belongs to a configuration server (server, account, vCenter, machine), as its view, only when it is in this vault. */
  private one<R extends { configurationServerId: string }, V>(row: R | undefined, view: (r: R) => V): V | null {
    return row && this.inVault(row.configurationServerId) ? view(row) : null;
  }

  /** The servers or accounts of a configuration server of this vault (none for another vault's). */
  private all<R, V>(configurationServerId: string, rows: () => R[], view: (r: R) => V): V[] {
    return this.inVault(configurationServerId) ? rows().map(view) : [];
  }

  processServer(id: string) {
    return this.one(rowById(this.db, "processServers", id), (p) => this.psView(p));
  }

  processServers(configurationServerId: string) {
    const rows = () =>
      this.db.select().from(s.processServers).where(eq(s.processServers.configurationServerId, configurationServerId)).all();
    return this.all(configurationServerId, rows, (p) => this.psView(p));
  }

  private mtView(m: typeof s.masterTargets.$inferSelect): MasterTargetView {
    const age = this.ageMinutes(m.lastHeartbeatAt);
    const checklist = m.linuxChecklist
      ? {
          ...m.linuxChecklist,
          xfsReiserfsPackages: m.linuxChecklist.xfsReiserfsPackages && !this.faultOn("mt-missing-xfs-reiserfs-packages", m.id),
        }
      : null;
    return {
      id: m.id,
      name: m.name,
      configurationServerId: m.configurationServerId,
      osType: m.osType,
      osName: m.osName,
      hostId: m.hostId,
      datastoreId: m.datastoreId,
      onConfigurationServer: m.onConfigurationServer,
      heartbeatOk: age !== null && age <= HEARTBEAT_LOST_MINUTES,
      heartbeatAgeMinutes: age,
      diskEnableUuid: m.diskEnableUuid && !this.faultOn("mt-disk-enableuuid-false", m.id),
      storageVMotioned: m.storageVMotioned || this.faultOn("mt-storage-vmotioned", m.id),
      linuxChecklist: checklist,
      performance: this.mtPerformance(m.id),
    };
  }

  /** A master target works for each failback stream it receives; its free cache is its cache volume's (else its retention drive's). */
  private mtPerformance(masterTargetId: string): ServerPerformance {
    const streams = this.db
      .select({ n: sql<number>`count(*)` })
      .from(s.replicatedItems)
      .where(
        and(
          eq(s.replicatedItems.masterTargetId, masterTargetId),
          eq(s.replicatedItems.replicationDirection, "to-on-premises"),
          inArray(s.replicatedItems.state, FAILBACK_STREAM_STATES),
        ),
      )
      .get()!.n;
    const volumes = this.retentionVolumes(masterTargetId).filter((v) => v.capacityGb > 0);
    const cache = volumes.find((v) => v.usage === "cache") ?? volumes.find((v) => v.usage === "none");
    return {
      cpuPercent: clampPercent(8 + 12 * streams),
      memoryPercent: clampPercent(30 + 8 * streams),
      freeCachePercent: cache ? clampPercent((cache.freeGb / cache.capacityGb) * 100) : 100,
    };
  }

  masterTarget(id: string) {
    return this.one(rowById(this.db, "masterTargets", id), (m) => this.mtView(m));
  }

  masterTargets(configurationServerId: string) {
    const rows = () => this.db.select().from(s.masterTargets).where(eq(s.masterTargets.configurationServerId, configurationServerId)).all();
    return this.all(configurationServerId, rows, (m) => this.mtView(m));
  }

  retentionVolumes(masterTargetId: string): RetentionVolumeView[] {
    return this.db.select().from(s.retentionVolumes).where(eq(s.retentionVolumes.masterTargetId, masterTargetId)).all();
  }

  private accountView(a: typeof s.runAsAccounts.$inferSelect): AccountView {
    const readOnly = a.permission === "read-only" || this.faultOn("vcenter-account-read-only", a.id);
    return {
      id: a.id,
      configurationServerId: a.configurationServerId,
      friendlyName: a.friendlyName,
      userName: a.userName,
      permission: readOnly ? "read-only" : "full",
    };
  }

  account(id: string) {
    return this.one(rowById(this.db, "runAsAccounts", id), (a) => this.accountView(a));
  }

  accounts(configurationServerId: string) {
    const rows = () => this.db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.configurationServerId, configurationServerId)).all();
    return this.all(configurationServerId, rows, (a) => this.accountView(a));
  }

  vcenter(id: string) {
    return this.one(rowById(this.db, "vcenters", id), (v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      configurationServerId: v.configurationServerId,
      accountId: v.accountId,
      discovered: v.discoveredAt !== null,
      connected: !this.faultOn("vcenter-disconnected", v.id),
    }));
  }

  vcenterAccountPermission(vcenterId: string): AccountPermission | "none" {
    const v = this.vcenter(vcenterId);
    if (!v?.accountId) return "none";
    const a = this.account(v.accountId);
    if (!a) return "none";
    return a.permission === "read-only" || this.faultOn("vcenter-account-read-only", vcenterId) ? "read-only" : "full";
  }

  host(id: string) {
    const h = rowById(this.db, "esxiHosts", id);
    if (!h || !this.vcenter(h.vcenterId)) return null;
    const free = h.license === "free" || this.faultOn("free-esxi-license", h.id);
    return {
      id: h.id,
      name: h.name,
      vcenterId: h.vcenterId,
      version: h.version,
      license: free ? ("free" as const) : h.license,
      licenseLabel: free ? (h.licenseLabel ?? (h.license === "free" ? null : "vSphere Hypervisor free")) : h.licenseLabel,
    };
  }

  private dsView(d: typeof s.datastores.$inferSelect): DatastoreView {
    const hostIds = this.db
      .select({ hostId: s.datastoreHosts.hostId })
      .from(s.datastoreHosts)
      .where(eq(s.datastoreHosts.datastoreId, d.id))
      .all()
      .map((r) => r.hostId);
    // The Lab fault makes the datastore unreachable from every master target's host.
    const unreachable = this.faultOn("datastore-unreachable-from-mt-host", d.id);
    let reachable = hostIds;
    if (unreachable) {
      const mtHosts = new Set(
        this.db
          .select({ hostId: s.masterTargets.hostId })
          .from(s.masterTargets)
          .all()
          .map((r) => r.hostId),
      );
      reachable = hostIds.filter((h) => !mtHosts.has(h));
    } else if (this.faults.some((f) => f.fault === "datastore-unreachable-from-mt-host")) {
      // Targeted at a master target: remove that MT's host.
      const mtIds = this.faults.filter((f) => f.fault === "datastore-unreachable-from-mt-host").map((f) => f.targetId);
      const mtHosts = new Set(
        this.db
          .select({ hostId: s.masterTargets.hostId })
          .from(s.masterTargets)
          .where(inArray(s.masterTargets.id, mtIds))
          .all()
          .map((r) => r.hostId),
      );
      reachable = hostIds.filter((h) => !mtHosts.has(h));
    }
    return { id: d.id, name: d.name, vcenterId: d.vcenterId, capacityGb: d.capacityGb, freeGb: d.freeGb, reachableFromHostIds: reachable };
  }

  datastore(id: string) {
    const d = rowById(this.db, "datastores", id);
    return d && this.vcenter(d.vcenterId) ? this.dsView(d) : null;
  }

  datastoresVisible(vcenterId: string, accountId?: string | null) {
    if (this.vcenterAccountPermission(vcenterId) !== "full") return [];
    if (accountId) {
      const a = this.account(accountId);
      if (!a || a.permission !== "full") return [];
    }
    return this.db
      .select()
      .from(s.datastores)
      .where(eq(s.datastores.vcenterId, vcenterId))
      .all()
      .map((d) => this.dsView(d));
  }

  machine(id: string): MachineView | null {
    return this.one(rowById(this.db, "machines", id), (m) => ({
      id: m.id,
      name: m.name,
      hostName: m.hostName,
      kind: m.kind,
      configurationServerId: m.configurationServerId,
      vcenterId: m.vcenterId,
      hostId: m.hostId,
      datastoreId: m.datastoreId,
      ...s.hardwareOf(m),
      snapshotCount: this.faultOn("vm-has-snapshots", m.id) ? Math.max(1, m.snapshotCount) : m.snapshotCount,
      exists: m.exists,
      inConfigServerDb: m.inConfigServerDb && !this.faultOn("vm-missing-from-cs-database", m.id),
      ipRetainedAtFailover: this.faultOn("retained-ip-without-failback-nic", m.id, m.configurationServerId),
    }));
  }

  /**
   * A configuration server listens on port 443 at its IP; it accepts its own passphrase. The Lab
   * switch "Process server cannot reach configuration server" blocks that process server.
   */
  connectToConfigurationServer(connection: ConfigurationServerConnection): ConfigurationServerAnswer {
    const cs = this.db
      .select()
      .from(s.configurationServers)
      .where(and(eq(s.configurationServers.vaultId, this.vaultId), eq(s.configurationServers.ip, connection.address.trim())))
      .get();
    if (!cs || connection.port !== CONFIGURATION_SERVER_PORT || this.faultOn("process-server-cannot-reach-cs", connection.processServerId))
      return { status: "unreachable" };
    if (!cs.passphraseEnc || decryptSecret(cs.passphraseEnc) !== connection.passphrase)
      return { status: "rejected", configurationServerId: cs.id };
    return { status: "connected", configurationServerId: cs.id };
  }

  /** The simulated datacenter's server at that address, if one answers there. */
  private simVCenter(address: string) {
    return this.db
      .select()
      .from(s.simVCenters)
      .where(and(eq(s.simVCenters.vaultId, this.vaultId), sql`lower(${s.simVCenters.address}) = lower(${address.trim()})`))
      .get();
  }

  discoverVCenter(connection: VCenterConnection): VCenterDiscovery {
    const server = this.simVCenter(connection.address);
    if (!server || server.port !== connection.port) return { status: "unreachable" };
    const user = server.users.find((u) => u.userName.toLowerCase() === connection.userName.trim().toLowerCase());
    if (!user || decryptSecret(user.secretEnc) !== connection.password) return { status: "rejected" };
    return {
      status: "connected",
      name: server.name,
      kind: server.kind,
      permission: user.permission,
      hosts: server.hosts.map((h) => ({ name: h.name, version: h.version, license: h.license, licenseLabel: h.licenseLabel ?? null })),
      datastores:
        user.permission === "full"
          ? server.datastores.map((d) => ({ name: d.name, capacityGb: d.capacityGb, freeGb: d.freeGb, hostNames: d.hosts }))
          : [],
      vms: server.vms.map((v) => ({
        name: v.name,
        hostName: v.hostName,
        esxiHost: v.host,
        datastore: v.datastore,
        ...s.hardwareOf(v),
      })),
    };
  }

  /** The simulated server behind a vCenter the portal added (by its address). */
  private simVCenterOf(vcenterId: string | null) {
    const vc = vcenterId ? this.db.select({ ip: s.vcenters.ip }).from(s.vcenters).where(eq(s.vcenters.id, vcenterId)).get() : undefined;
    return vc ? this.simVCenter(vc.ip) : undefined;
  }

  /** The datacenter changes with what the fabric is told to do: a VM created (or moved) by failback lives in its new host's server. */
  private placeVmInDatacenter(before: typeof s.machines.$inferSelect, after: typeof s.machines.$inferSelect) {
    const from = this.simVCenterOf(before.vcenterId);
    if (from)
      this.db
        .update(s.simVCenters)
        .set({ vms: from.vms.filter((v) => v.name !== before.name) })
        .where(eq(s.simVCenters.id, from.id))
        .run();
    const to = this.simVCenterOf(after.vcenterId);
    const host = after.hostId ? this.db.select().from(s.esxiHosts).where(eq(s.esxiHosts.id, after.hostId)).get() : undefined;
    const ds = after.datastoreId ? this.db.select().from(s.datastores).where(eq(s.datastores.id, after.datastoreId)).get() : undefined;
    if (!to || !host || !ds) return;
    const vm: s.SimVm = {
      name: after.name,
      hostName: after.hostName,
      host: host.name,
      datastore: ds.name,
      ...(after.vmFolder && after.vmFolder !== after.name ? { folder: after.vmFolder } : {}),
      osType: after.osType,
      osName: after.osName,
      rootFileSystem: after.rootFileSystem,
      cores: after.cores,
      memoryMb: after.memoryMb,
      disks: after.disks,
      nics: after.nics,
    };
    const fresh = this.db.select({ vms: s.simVCenters.vms }).from(s.simVCenters).where(eq(s.simVCenters.id, to.id)).get()!;
    this.db
      .update(s.simVCenters)
      .set({ vms: [...fresh.vms.filter((v) => v.name !== before.name && v.name !== after.name), vm] })
      .where(eq(s.simVCenters.id, to.id))
      .run();
  }

  network(id: string): NetworkView | null {
    const n = rowById(this.db, "azureNetworks", id);
    if (!n) return null;
    const sub = rowById(this.db, "azureSubscriptions", n.subscriptionId);
    if (!sub || sub.vaultId !== this.vaultId) return null;
    const subnets = subnetsQuery(this.db).all({ networkId: id });
    const vpnDown = n.connectivity === "vpn" && this.faultOn("vpn-down", n.id);
    return {
      id: n.id,
      name: n.name,
      deploymentModel: n.deploymentModel,
      connectivity: vpnDown ? "none" : n.connectivity,
      expressRoutePublicPeering: n.expressRoutePublicPeering,
      subnets,
    };
  }

  azureVm(id: string | null | undefined): AzureVmView | null {
    if (!id) return null;
    const v = rowById(this.db, "azureVms", id);
    if (!v) return null;
    return {
      id: v.id,
      name: v.name,
      networkId: v.networkId,
      subnetId: v.subnetId,
      ip: v.ip,
      cores: v.cores,
      memoryMb: v.memoryMb,
      size: v.size,
      powerState: v.powerState,
      isTest: v.isTest,
      deleted: v.deleted,
    };
  }

  clonedFromSameTemplate(masterTargetId: string, machineId: string): boolean {
    return this.faultOn("mt-cloned-from-vm-template", masterTargetId, machineId);
  }

  createAzureVm(input: NewAzureVm): string {
    const net = input.networkId ? this.network(input.networkId) : null;
    const subnet = net?.subnets.find((x) => x.id === input.subnetId) ?? net?.subnets[0];
    const id = crypto.randomUUID();
    this.db
      .insert(s.azureVms)
      .values({
        id,
        replicatedItemId: input.replicatedItemId,
        name: input.name,
        size: input.cores >= 8 ? "Standard_D8s_v3" : input.cores >= 4 ? "Standard_D4s_v3" : "Standard_D2s_v3",
        cores: input.cores,
        memoryMb: input.memoryMb,
        networkId: net?.id ?? null,
        subnetId: subnet?.id ?? null,
        ip: subnet ? dhcpAddress(subnet.addressRange, id) : "0.0.0.0",
        ipMode: "dhcp",
        powerState: "running",
        isTest: input.isTest,
      })
      .run();
    return id;
  }

  startAzureVm(id: string) {
    this.db.update(s.azureVms).set({ powerState: "running" }).where(eq(s.azureVms.id, id)).run();
  }

  stopAzureVm(id: string) {
    this.db.update(s.azureVms).set({ powerState: "stopped" }).where(eq(s.azureVms.id, id)).run();
  }

  deleteAzureVm(id: string) {
    this.db.update(s.azureVms).set({ deleted: true, powerState: "deallocated" }).where(eq(s.azureVms.id, id)).run();
  }

  createOnPremisesVm(
    machineId: string,
    input: { hostId: string; datastoreId: string; displayName?: string; cores?: number; memoryMb?: number; folderName?: string },
  ) {
    const host = this.host(input.hostId);
    const m = this.machine(machineId);
    if (!host || !m) return;
    const before = rowById(this.db, "machines", machineId)!;
    this.db
      .update(s.machines)
      .set({
        // A physical server fails back as a VMware VM: from now on it is one.
        kind: "vmware",
        vcenterId: host.vcenterId,
        hostId: host.id,
        datastoreId: input.datastoreId,
        exists: true,
        snapshotCount: 0,
        inConfigServerDb: true,
        ...(input.displayName ? { name: input.displayName } : {}),
        ...(input.cores ? { cores: input.cores } : {}),
        ...(input.memoryMb ? { memoryMb: input.memoryMb } : {}),
        // The new VM's files go to the legacy folder name when given (old VMDK files left on the datastore), else a folder named after it.
        vmFolder: input.folderName ?? input.displayName ?? before.name,
      })
      .where(eq(s.machines.id, machineId))
      .run();
    this.placeVmInDatacenter(before, rowById(this.db, "machines", machineId)!);
  }

  powerOnOnPremisesVm(machineId: string) {
    this.db.update(s.machines).set({ poweredOn: true }).where(eq(s.machines.id, machineId)).run();
  }

  powerOffOnPremisesVm(machineId: string) {
    this.db
      .update(s.machines)
      .set({ poweredOn: false })
      .where(and(eq(s.machines.id, machineId)))
      .run();
  }

  applyNicSettings(machineId: string, nicIps: { nic: string; ip: string }[]) {
    const m = rowById(this.db, "machines", machineId);
    if (!m) return;
    const nics = m.nics.map((n) => {
      const set = nicIps.find((x) => x.nic === n.name);
      return set ? { ...n, ipMode: "static" as const, ip: set.ip } : { ...n, ipMode: "dhcp" as const };
    });
    this.db.update(s.machines).set({ nics }).where(eq(s.machines.id, machineId)).run();
  }
}

/** A stable pseudo-DHCP address inside a CIDR range. */
function dhcpAddress(cidr: string, seed: string): string {
  const [base] = cidr.split("/");
  const parts = (base ?? "10.0.0.0").split(".").map(Number);
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  parts[3] = 4 + (h % 240);
  return parts.join(".");
}

export const simulatorFabric: FabricFactory = (db, vaultId, now) => new SimulatedFabric(db, vaultId, now);
