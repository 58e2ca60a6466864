/** Read models of replicated items for the portal (grid, details, recovery points, Replicate wizard). */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";

import { loadItem } from "./load";
import { oneOrMany, parseInput, vaultTarget } from "../validation";
import { allowedOperations, DIRECTION_LABEL, LOCATION_LABEL, OPERATION_COMMAND, STATE_LABEL, stageOf } from "./state";
import { envFabric, envNow, type VerbEnv } from "../env";
import { itemWorld } from "./common";
import { reprotectOptions } from "./reprotect-options";
import { requireVault } from "../vault/queries";
import { azureNetworksOf } from "../infrastructure/queries";

export const listItemsInput = vaultTarget.extend({
  state: oneOrMany(z.enum(s.ITEM_STATES)),
  health: oneOrMany(z.enum(s.REPLICATION_HEALTHS)),
  location: z.enum(s.ACTIVE_LOCATIONS).optional(),
  search: z.string().trim().max(100).optional(),
});
export type ListItemsInput = z.input<typeof listItemsInput>;

export function listItems(db: DbOrTx, raw: ListItemsInput) {
  const input = parseInput(listItemsInput, raw);
  const where: SQL[] = [eq(s.replicatedItems.vaultId, input.vaultId)];
  if (input.state?.length) where.push(inArray(s.replicatedItems.state, input.state));
  if (input.health?.length) where.push(inArray(s.replicatedItems.replicationHealth, input.health));
  if (input.location) where.push(eq(s.replicatedItems.activeLocation, input.location));
  if (input.search)
    where.push(
      sql`lower(${s.replicatedItems.name}) like ${`%${input.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    );
  return db
    .select({
      id: s.replicatedItems.id,
      name: s.replicatedItems.name,
      machineId: s.replicatedItems.machineId,
      configurationServerId: s.replicatedItems.configurationServerId,
      kind: s.replicatedItems.kind,
      os: s.replicatedItems.osType,
      state: s.replicatedItems.state,
      activeLocation: s.replicatedItems.activeLocation,
      replicationDirection: s.replicatedItems.replicationDirection,
      replicationHealth: s.replicatedItems.replicationHealth,
      rpoSeconds: s.replicatedItems.rpoSeconds,
      lastRecoveryPointAt: s.replicatedItems.lastRecoveryPointAt,
      currentJobId: s.replicatedItems.currentJobId,
      initialReplicationPercent: s.replicatedItems.initialReplicationPercent,
    })
    .from(s.replicatedItems)
    .where(and(...where))
    .orderBy(asc(s.replicatedItems.name))
    .all()
    .map((r) => ({
      ...r,
      stateLabel: STATE_LABEL[r.state],
      activeLocationLabel: LOCATION_LABEL[r.activeLocation],
      replicationDirectionLabel: DIRECTION_LABEL[r.replicationDirection],
    }));
}

export function getItem(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  const now = envNow(db, vaultId, env);
  const fabric = envFabric(db, vaultId, now, env);
  const machine = db.select().from(s.machines).where(eq(s.machines.id, item.machineId)).get();
  const one = <T>(rows: T[]) => rows[0] ?? null;
  const azureVm = item.azureVmId ? one(db.select().from(s.azureVms).where(eq(s.azureVms.id, item.azureVmId)).all()) : null;
  const testAzureVm = item.testAzureVmId ? one(db.select().from(s.azureVms).where(eq(s.azureVms.id, item.testAzureVmId)).all()) : null;
  const policy = item.policyId
    ? one(db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, item.policyId)).all())
    : null;
  const ps = item.processServerId ? fabric.processServer(item.processServerId) : null;
  const mt = item.masterTargetId ? fabric.masterTarget(item.masterTargetId) : null;
  const network = item.targetNetworkId ? fabric.network(item.targetNetworkId) : null;
  const points = db
    .select({
      n: sql<number>`count(*)`,
      latest: sql<number | null>`max(${s.recoveryPoints.at})`,
      oldest: sql<number | null>`min(${s.recoveryPoints.at})`,
      app: sql<number>`sum(case when ${s.recoveryPoints.type} = 'app-consistent' then 1 else 0 end)`,
    })
    .from(s.recoveryPoints)
    .where(and(eq(s.recoveryPoints.replicatedItemId, item.id), eq(s.recoveryPoints.direction, item.replicationDirection)))
    .get();
  const ops = allowedOperations(item, itemWorld(db, fabric, item));
  return {
    item: {
      ...item,
      stage: stageOf(item),
      stateLabel: STATE_LABEL[item.state],
      activeLocationLabel: LOCATION_LABEL[item.activeLocation],
      replicationDirectionLabel: DIRECTION_LABEL[item.replicationDirection],
    },
    machine,
    azureVm,
    testAzureVm,
    policy,
    processServer: ps,
    masterTarget: mt,
    targetNetwork: network
      ? { id: network.id, name: network.name, deploymentModel: network.deploymentModel, connectivity: network.connectivity }
      : null,
    healthErrors: item.healthErrors,
    notes: item.notes,
    /** Keyed by operation: { allowed, reason?, recommendedAction?, code?, command } (the button name). */
    allowedOperations: Object.fromEntries(
      Object.entries(ops).map(([op, v]) => [op, { ...v, command: OPERATION_COMMAND[op as keyof typeof OPERATION_COMMAND] }]),
    ) as {
      [K in keyof typeof ops]: (typeof ops)[K] & { command: string };
    },
    latestPoints: db
      .select()
      .from(s.recoveryPoints)
      .where(and(eq(s.recoveryPoints.replicatedItemId, item.id), eq(s.recoveryPoints.direction, item.replicationDirection)))
      .orderBy(desc(s.recoveryPoints.at))
      .limit(24)
      .all(),
    recoveryPoints: {
      count: points?.n ?? 0,
      latestAt: points?.latest ? new Date(points.latest) : null,
      oldestAt: points?.oldest ? new Date(points.oldest) : null,
      appConsistentCount: points?.app ?? 0,
    },
  };
}

export function getRecoveryPoints(db: DbOrTx, vaultId: string, itemId: string) {
  const item = loadItem(db, vaultId, itemId);
  return db
    .select()
    .from(s.recoveryPoints)
    .where(and(eq(s.recoveryPoints.replicatedItemId, item.id), eq(s.recoveryPoints.direction, item.replicationDirection)))
    .orderBy(desc(s.recoveryPoints.at))
    .all();
}

export function getReprotectOptions(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  const now = envNow(db, vaultId, env);
  return reprotectOptions(db, envFabric(db, vaultId, now, env), item);
}

/** Reprotect to Azure: the on-premises process servers of the item's configuration server. */
export function getReprotectToAzureOptions(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  return {
    direction: "On-premises to Azure" as const,
    processServers: f
      .processServers(item.configurationServerId)
      .filter((p) => p.location === "on-premises")
      .map((p) => ({
        id: p.id,
        name: p.name,
        heartbeatOk: p.heartbeatOk,
        ...(p.heartbeatOk ? {} : { disabledReason: "No heartbeat (error 806)." }),
      })),
  };
}

/** The Replicate wizard: configuration servers, vCenters, process servers, networks, policies and unprotected machines. */
export function getReplicateOptions(db: DbOrTx, vaultId: string) {
  requireVault(db, vaultId);
  const servers = db
    .select({ id: s.configurationServers.id, name: s.configurationServers.name })
    .from(s.configurationServers)
    .where(eq(s.configurationServers.vaultId, vaultId))
    .all();
  const csIds = servers.map((c) => c.id);
  if (!csIds.length) return { configurationServers: [], vcenters: [], processServers: [], networks: [], policies: [], machines: [] };
  const protectedIds = new Set(
    db
      .select({ m: s.replicatedItems.machineId, st: s.replicatedItems.state })
      .from(s.replicatedItems)
      .where(eq(s.replicatedItems.vaultId, vaultId))
      .all()
      .filter((r) => r.st !== "replication-disabled")
      .map((r) => r.m),
  );
  const subs = db
    .select({ id: s.azureSubscriptions.id })
    .from(s.azureSubscriptions)
    .where(eq(s.azureSubscriptions.vaultId, vaultId))
    .all()
    .map((x) => x.id);
  return {
    configurationServers: servers,
    vcenters: db
      .select({ id: s.vcenters.id, name: s.vcenters.name, kind: s.vcenters.kind, configurationServerId: s.vcenters.configurationServerId })
      .from(s.vcenters)
      .where(inArray(s.vcenters.configurationServerId, csIds))
      .all(),
    processServers: db
      .select({
        id: s.processServers.id,
        name: s.processServers.name,
        configurationServerId: s.processServers.configurationServerId,
        status: s.processServers.status,
        health: s.processServers.health,
      })
      .from(s.processServers)
      .where(and(inArray(s.processServers.configurationServerId, csIds), eq(s.processServers.location, "on-premises")))
      .all(),
    networks: azureNetworksOf(db, subs).map(({ subscriptionId: _subscriptionId, ...n }) => n),
    policies: db
      .select({ id: s.replicationPolicies.id, name: s.replicationPolicies.name })
      .from(s.replicationPolicies)
      .where(and(eq(s.replicationPolicies.vaultId, vaultId), eq(s.replicationPolicies.direction, "to-azure")))
      .all(),
    machines: db
      .select({
        id: s.machines.id,
        name: s.machines.name,
        kind: s.machines.kind,
        osType: s.machines.osType,
        osName: s.machines.osName,
        vcenterId: s.machines.vcenterId,
        configurationServerId: s.machines.configurationServerId,
        exists: s.machines.exists,
      })
      .from(s.machines)
      .where(inArray(s.machines.configurationServerId, csIds))
      .orderBy(asc(s.machines.name))
      .all()
      .filter((m) => !protectedIds.has(m.id) && m.exists),
  };
}
