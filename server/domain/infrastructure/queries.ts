/** Read models of the Site Recovery infrastructure (secrets only as { set, changedAt }). */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { notFound } from "../errors";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { envFabric, envNow, type VerbEnv } from "../env";
import { partitionRetentionVolumes } from "../checks/check-03-retention-volume";
import { canBeFailbackTarget } from "../checks/check-07-esxi-license";
import { loadConfigurationServer } from "./load";
import { masterTargetChecklist } from "./master-target-checks";
import { refreshRefusal } from "./vcenter";

const secret = (enc: string | null, changedAt: Date | null) => ({ set: !!enc, changedAt });

/** Which hosts reach each of the datastores. */
function mountsOf(db: DbOrTx, datastores: { id: string }[]) {
  if (!datastores.length) return [];
  return db
    .select()
    .from(s.datastoreHosts)
    .where(
      inArray(
        s.datastoreHosts.datastoreId,
        datastores.map((d) => d.id),
      ),
    )
    .all();
}

/** What the list and the details of a configuration server both show of it. */
function serverSummary(cs: typeof s.configurationServers.$inferSelect) {
  return {
    id: cs.id,
    name: cs.name,
    ip: cs.ip,
    version: cs.version,
    health: cs.health,
    lastHeartbeatAt: cs.lastHeartbeatAt,
    lastBackupAt: cs.lastBackupAt,
    passphrase: secret(cs.passphraseEnc, cs.passphraseChangedAt),
  };
}

export function listConfigurationServers(db: DbOrTx, vaultId: string) {
  const servers = db
    .select()
    .from(s.configurationServers)
    .where(eq(s.configurationServers.vaultId, vaultId))
    .orderBy(asc(s.configurationServers.name))
    .all();
  return servers.map((cs) => ({
    ...serverSummary(cs),
    processServerCount: db
      .select({ id: s.processServers.id })
      .from(s.processServers)
      .where(eq(s.processServers.configurationServerId, cs.id))
      .all().length,
    masterTargetCount: db
      .select({ id: s.masterTargets.id })
      .from(s.masterTargets)
      .where(eq(s.masterTargets.configurationServerId, cs.id))
      .all().length,
  }));
}

export function getConfigurationServer(db: DbOrTx, vaultId: string, configurationServerId: string, env?: VerbEnv) {
  const cs = loadConfigurationServer(db, vaultId, configurationServerId);
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  const vcenters = db.select().from(s.vcenters).where(eq(s.vcenters.configurationServerId, cs.id)).orderBy(asc(s.vcenters.name)).all();
  const vcIds = vcenters.map((v) => v.id);
  const hosts = vcIds.length
    ? db.select().from(s.esxiHosts).where(inArray(s.esxiHosts.vcenterId, vcIds)).orderBy(asc(s.esxiHosts.name)).all()
    : [];
  const datastores = vcIds.length
    ? db.select().from(s.datastores).where(inArray(s.datastores.vcenterId, vcIds)).orderBy(asc(s.datastores.name)).all()
    : [];
  const mounts = mountsOf(db, datastores);
  const masterTargetRows = new Map(
    db
      .select()
      .from(s.masterTargets)
      .where(eq(s.masterTargets.configurationServerId, cs.id))
      .all()
      .map((mt) => [mt.id, mt]),
  );
  const accounts = db
    .select()
    .from(s.runAsAccounts)
    .where(eq(s.runAsAccounts.configurationServerId, cs.id))
    .orderBy(asc(s.runAsAccounts.friendlyName))
    .all();
  return {
    ...serverSummary(cs),
    processServers: db
      .select()
      .from(s.processServers)
      .where(eq(s.processServers.configurationServerId, cs.id))
      .orderBy(asc(s.processServers.name))
      .all()
      // The passphrase the server was registered with never leaves the server.
      .map(({ passphraseEnc: _passphrase, ...p }) => ({
        ...p,
        heartbeatOk: f.processServer(p.id)?.heartbeatOk ?? false,
        networkName: p.networkId ? (f.network(p.networkId)?.name ?? null) : null,
      })),
    masterTargets: f.masterTargets(cs.id).map((mt) => {
      const { eligible, excluded } = partitionRetentionVolumes(f.retentionVolumes(mt.id));
      const row = masterTargetRows.get(mt.id)!;
      return {
        ...mt,
        ip: row.ip,
        ...masterTargetChecklist(f, row),
        hostName: hosts.find((h) => h.id === mt.hostId)?.name ?? null,
        datastoreName: datastores.find((d) => d.id === mt.datastoreId)?.name ?? null,
        lastHeartbeatAt: row.lastHeartbeatAt,
        retentionVolumes: eligible,
        retentionVolumesLeftOut: excluded.map((e) => ({ ...e.volume, reason: e.reason })),
      };
    }),
    vcenters: vcenters.map((v) => ({
      ...v,
      permission: f.vcenterAccountPermission(v.id),
      accountName: accounts.find((a) => a.id === v.accountId)?.friendlyName ?? null,
      hosts: hosts.filter((h) => h.vcenterId === v.id).map((h) => ({ ...h, failbackTarget: canBeFailbackTarget(h) })),
      datastores: datastores
        .filter((d) => d.vcenterId === v.id)
        .map((d) => ({ ...d, hostIds: mounts.filter((m) => m.datastoreId === d.id).map((m) => m.hostId) })),
    })),
    accounts: accounts.map((a) => ({
      id: a.id,
      friendlyName: a.friendlyName,
      userName: a.userName,
      // What the servers grant it (the Lab's read-only switch included).
      permission: f.account(a.id)?.permission ?? a.permission,
      password: secret(a.secretEnc, a.secretChangedAt),
      usedBy: vcenters.filter((v) => v.accountId === a.id).map((v) => ({ id: v.id, name: v.name, kind: v.kind })),
    })),
  };
}

/** The Azure networks of the subscriptions, by name, each with its subnets (what the dialogs offer). */
export function azureNetworksOf(db: DbOrTx, subscriptionIds: string[]) {
  if (!subscriptionIds.length) return [];
  const networks = db
    .select()
    .from(s.azureNetworks)
    .where(inArray(s.azureNetworks.subscriptionId, subscriptionIds))
    .orderBy(asc(s.azureNetworks.name))
    .all();
  const subnets = networks.length
    ? db
        .select()
        .from(s.azureSubnets)
        .where(
          inArray(
            s.azureSubnets.networkId,
            networks.map((n) => n.id),
          ),
        )
        .all()
    : [];
  return networks.map((n) => ({
    id: n.id,
    name: n.name,
    subscriptionId: n.subscriptionId,
    deploymentModel: n.deploymentModel,
    connectivity: n.connectivity,
    subnets: subnets.filter((x) => x.networkId === n.id).map((x) => ({ id: x.id, name: x.name, addressRange: x.addressRange })),
  }));
}

/** + Process server > Deploy a failback process server in Azure: what the dialog offers. */
export function processServerDeployOptions(db: DbOrTx, vaultId: string) {
  const subs = db.select().from(s.azureSubscriptions).where(eq(s.azureSubscriptions.vaultId, vaultId)).all();
  const subIds = subs.map((x) => x.id);
  if (!subIds.length) return { subscriptions: [], networks: [], resourceGroups: [], storageAccounts: [], networkInterfaces: [] };
  const rgs = db.select().from(s.resourceGroups).where(inArray(s.resourceGroups.subscriptionId, subIds)).all();
  const sas = rgs.length
    ? db
        .select()
        .from(s.storageAccounts)
        .where(
          inArray(
            s.storageAccounts.resourceGroupId,
            rgs.map((r) => r.id),
          ),
        )
        .all()
    : [];
  const nics = rgs.length
    ? db
        .select()
        .from(s.networkInterfaces)
        .where(
          inArray(
            s.networkInterfaces.resourceGroupId,
            rgs.map((r) => r.id),
          ),
        )
        .all()
    : [];
  return {
    subscriptions: subs.map((x) => ({ id: x.id, name: x.name })),
    networks: azureNetworksOf(db, subIds).map((n) => ({ ...n, classicGuidance: n.deploymentModel === "classic" })),
    resourceGroups: rgs.map((r) => ({ id: r.id, name: r.name, subscriptionId: r.subscriptionId })),
    storageAccounts: sas.map((x) => ({ id: x.id, name: x.name, resourceGroupId: x.resourceGroupId })),
    networkInterfaces: nics
      .map((x) => ({ id: x.id, name: x.name, subnetId: x.subnetId, attached: !!x.attachedTo }))
      .filter((x) => !x.attached),
  };
}

/** A vCenter server or ESXi host's page: its hosts (license), datastores (free space, hosts that reach them), VMs and account. */
export function getVCenter(db: DbOrTx, vaultId: string, vcenterId: string, env?: VerbEnv) {
  const vc = db.select().from(s.vcenters).where(eq(s.vcenters.id, vcenterId)).get();
  if (!vc) throw notFound("vCenter server", vcenterId);
  const cs = loadConfigurationServer(db, vaultId, vc.configurationServerId);
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  const account = vc.accountId ? f.account(vc.accountId) : null;
  const hosts = db.select().from(s.esxiHosts).where(eq(s.esxiHosts.vcenterId, vc.id)).orderBy(asc(s.esxiHosts.name)).all();
  const stores = db.select().from(s.datastores).where(eq(s.datastores.vcenterId, vc.id)).orderBy(asc(s.datastores.name)).all();
  const mounts = mountsOf(db, stores);
  const vms = db
    .select()
    .from(s.machines)
    .where(and(eq(s.machines.vcenterId, vc.id), eq(s.machines.exists, true)))
    .orderBy(asc(s.machines.name))
    .all();
  const items = vms.length
    ? db
        .select({
          id: s.replicatedItems.id,
          name: s.replicatedItems.name,
          machineId: s.replicatedItems.machineId,
          state: s.replicatedItems.state,
        })
        .from(s.replicatedItems)
        .where(
          and(
            eq(s.replicatedItems.vaultId, vaultId),
            inArray(
              s.replicatedItems.machineId,
              vms.map((m) => m.id),
            ),
          ),
        )
        .all()
        .filter((i) => i.state !== "replication-disabled")
    : [];
  const lastJob = db
    .select({ id: s.jobs.id, name: s.jobs.name, status: s.jobs.status, error: s.jobs.error })
    .from(s.jobs)
    .where(and(eq(s.jobs.vaultId, vaultId), eq(s.jobs.targetId, vc.id)))
    .orderBy(desc(s.jobs.createdAt))
    .get();
  const refreshBlocked = refreshRefusal(db, vc);
  // The datastores a read-only account cannot list are not shown (check 5).
  const visible = new Set(f.datastoresVisible(vc.id, vc.accountId).map((d) => d.id));
  return {
    id: vc.id,
    name: vc.name,
    kind: vc.kind,
    ip: vc.ip,
    port: vc.port,
    discoveredAt: vc.discoveredAt,
    lastRefreshAt: vc.lastRefreshAt,
    configurationServer: { id: cs.id, name: cs.name },
    account: account
      ? { id: account.id, friendlyName: account.friendlyName, userName: account.userName, permission: account.permission }
      : null,
    lastJob: lastJob ?? null,
    /** Why Refresh is refused now (a discovery still runs), from the verb's own rule; null when it is not. */
    refreshBlockedReason: refreshBlocked ? `${refreshBlocked.message} ${refreshBlocked.recommendedAction}` : null,
    hosts: hosts.map((h) => ({
      id: h.id,
      name: h.name,
      version: h.version,
      license: h.license,
      licenseLabel: h.licenseLabel,
      failbackTarget: canBeFailbackTarget(h),
    })),
    datastores: stores
      .filter((d) => visible.has(d.id))
      .map((d) => ({
        id: d.id,
        name: d.name,
        capacityGb: d.capacityGb,
        freeGb: d.freeGb,
        hosts: mounts
          .filter((m) => m.datastoreId === d.id)
          .map((m) => hosts.find((h) => h.id === m.hostId)?.name)
          .filter((n): n is string => !!n)
          .sort(),
      })),
    datastoresHiddenReason:
      visible.size < stores.length || (stores.length === 0 && account?.permission === "read-only")
        ? `The account ${account?.friendlyName ?? ""} is read-only: it lists no datastores. Update its credentials with a full-permission account, then refresh.`
        : null,
    virtualMachines: vms.map((m) => {
      const item = items.find((i) => i.machineId === m.id);
      return {
        id: m.id,
        name: m.name,
        host: hosts.find((h) => h.id === m.hostId)?.name ?? null,
        datastore: stores.find((d) => d.id === m.datastoreId)?.name ?? null,
        osName: m.osName,
        poweredOn: m.poweredOn,
        item: item ? { id: item.id, name: item.name } : null,
      };
    }),
  };
}
