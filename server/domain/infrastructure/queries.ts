/** Read models of the Site Recovery infrastructure (secrets only as { set, changedAt }). */
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { envFabric, envNow, type VerbEnv } from "../env";
import { partitionRetentionVolumes } from "../checks/check-03-retention-volume";
import { loadConfigurationServer } from "./load";

const secret = (enc: string | null, changedAt: Date | null) => ({ set: !!enc, changedAt });

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
      .map((p) => ({
        ...p,
        heartbeatOk: f.processServer(p.id)?.heartbeatOk ?? false,
        networkName: p.networkId ? (f.network(p.networkId)?.name ?? null) : null,
      })),
    masterTargets: f.masterTargets(cs.id).map((mt) => {
      const { eligible, excluded } = partitionRetentionVolumes(f.retentionVolumes(mt.id));
      const row = db
        .select({ lastHeartbeatAt: s.masterTargets.lastHeartbeatAt })
        .from(s.masterTargets)
        .where(eq(s.masterTargets.id, mt.id))
        .get();
      return {
        ...mt,
        hostName: hosts.find((h) => h.id === mt.hostId)?.name ?? null,
        datastoreName: datastores.find((d) => d.id === mt.datastoreId)?.name ?? null,
        lastHeartbeatAt: row?.lastHeartbeatAt ?? null,
        retentionVolumes: eligible,
        retentionVolumesLeftOut: excluded.map((e) => ({ ...e.volume, reason: e.reason })),
      };
    }),
    vcenters: vcenters.map((v) => ({
      ...v,
      permission: f.vcenterAccountPermission(v.id),
      accountName: accounts.find((a) => a.id === v.accountId)?.friendlyName ?? null,
      hosts: hosts.filter((h) => h.vcenterId === v.id),
      datastores: datastores.filter((d) => d.vcenterId === v.id),
    })),
    accounts: accounts.map((a) => ({
      id: a.id,
      friendlyName: a.friendlyName,
      userName: a.userName,
      permission: a.permission,
      password: secret(a.secretEnc, a.secretChangedAt),
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
