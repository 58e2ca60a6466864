/** Read models of replicated items for the portal (grid, details, recovery points, Replicate wizard). */
import { ID_MAX } from "@/server/domain/targets";
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";

import { loadItem } from "./load";
import { oneOrMany, parseInput, vaultTarget } from "../validation";
import { ITEM_PAGE_SIZE, ITEM_SORTS, type ItemSort } from "./inputs";
import { allowedOperations, DIRECTION_LABEL, itemCommandVerdicts, LOCATION_LABEL, OPERATION_COMMAND, STATE_LABEL, stageOf } from "./state";
import { envFabric, envNow, type VerbEnv } from "../env";
import { itemWorld } from "./common";
import { reprotectOptions } from "./reprotect-options";
import { reprotectToAzureOptions } from "./reprotect-to-azure";
import { requireVault } from "../vault/queries";
import { simulatedNow } from "@/server/jobs/clock";
import { azureNetworksOf } from "../infrastructure/queries";
import { listRecoveryPoints, recoveryPointChoices, recoveryPointPage } from "./recovery-points";
import { roundTripMap } from "./round-trip";
import { completedRoundTrip } from "./history";
import { replicationGroupFailover } from "./failover-replication-group";
import { replicatePolicies } from "../policy/queries";

export { ITEM_PAGE_SIZE, ITEM_SORTS, type ItemSort };

export const listItemsInput = vaultTarget.extend({
  state: oneOrMany(z.enum(s.ITEM_STATES)),
  health: oneOrMany(z.enum(s.REPLICATION_HEALTHS)),
  location: z.enum(s.ACTIVE_LOCATIONS).optional(),
  search: z.string().trim().max(100).optional(),
  /** Exact matches, in any case (the automation API's names and `$filter`). */
  id: z.string().max(ID_MAX).optional(),
  name: z.string().max(1000).optional(),
  configurationServerId: z.string().max(ID_MAX).optional(),
  direction: z.enum(s.REPLICATION_DIRECTIONS).optional(),
});
export type ListItemsInput = z.input<typeof listItemsInput>;

export const listItemsPageInput = listItemsInput.extend({
  sort: z.enum(ITEM_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(ITEM_PAGE_SIZE).default(ITEM_PAGE_SIZE),
});
export type ListItemsPageInput = z.input<typeof listItemsPageInput>;

/** The column each sort key orders by. RPO ascending is the newest recovery point first. */
const SORT_COLUMN = {
  name: { column: s.replicatedItems.name, reverse: false },
  health: { column: s.replicatedItems.replicationHealth, reverse: false },
  state: { column: s.replicatedItems.state, reverse: false },
  location: { column: s.replicatedItems.activeLocation, reverse: false },
  rpo: { column: s.replicatedItems.lastRecoveryPointAt, reverse: true },
  lastRecoveryPoint: { column: s.replicatedItems.lastRecoveryPointAt, reverse: false },
  kind: { column: s.replicatedItems.kind, reverse: false },
} satisfies Record<ItemSort, { column: unknown; reverse: boolean }>;

/** States whose RPO keeps growing with time (data flows, points are made). */
const LIVE_RPO_STATES: ReadonlySet<string> = new Set<s.ItemState>(["protected", "test-failover-completed"]);

const gridColumns = {
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
};
type ItemRow = typeof s.replicatedItems.$inferSelect;
type GridRowBase = Pick<ItemRow, "state" | "activeLocation" | "replicationDirection" | "rpoSeconds" | "lastRecoveryPointAt">;

function itemFilters(input: z.output<typeof listItemsInput>): SQL[] {
  const where: SQL[] = [eq(s.replicatedItems.vaultId, input.vaultId)];
  if (input.state?.length) where.push(inArray(s.replicatedItems.state, input.state));
  if (input.health?.length) where.push(inArray(s.replicatedItems.replicationHealth, input.health));
  if (input.location) where.push(eq(s.replicatedItems.activeLocation, input.location));
  // instr() instead of LIKE: the user's % and _ mean themselves.
  if (input.search) where.push(sql`instr(lower(${s.replicatedItems.name}), ${input.search.toLowerCase()}) > 0`);
  if (input.id !== undefined) where.push(sql`lower(${s.replicatedItems.id}) = ${input.id.toLowerCase()}`);
  if (input.name !== undefined) where.push(sql`lower(${s.replicatedItems.name}) = ${input.name.toLowerCase()}`);
  if (input.configurationServerId !== undefined) where.push(eq(s.replicatedItems.configurationServerId, input.configurationServerId));
  if (input.direction) where.push(eq(s.replicatedItems.replicationDirection, input.direction));
  return where;
}

/**
 * A grid row with its labels. RPO is the age of the latest recovery point at simulated `now` for
 * a replicating item (the simulation stores it only when something changes), else as stored.
 */
export function toGridRow<R extends GridRowBase>(r: R, now: number) {
  const live = LIVE_RPO_STATES.has(r.state) && r.lastRecoveryPointAt != null;
  return {
    ...r,
    rpoSeconds: live ? Math.max(0, Math.round((now - r.lastRecoveryPointAt!.getTime()) / 1000)) : r.rpoSeconds,
    stateLabel: STATE_LABEL[r.state],
    activeLocationLabel: LOCATION_LABEL[r.activeLocation],
    replicationDirectionLabel: DIRECTION_LABEL[r.replicationDirection],
  };
}
export type ItemGridRow = ReturnType<typeof listItems>[number];

/** Every item of the vault matching the filters, by name (pickers that need them all; not the grid). */
export function listItems(db: DbOrTx, raw: ListItemsInput) {
  const input = parseInput(listItemsInput, raw);
  const now = simulatedNow(db, input.vaultId).getTime();
  return db
    .select(gridColumns)
    .from(s.replicatedItems)
    .where(and(...itemFilters(input)))
    .orderBy(asc(s.replicatedItems.name))
    .all()
    .map((r) => toGridRow(r, now));
}

/**
 * One page (≤ 100 rows) of the Replicated items grid, filtered and sorted in SQL (each sort key
 * has an index that also serves its filters), with the number of items matching the filters.
 * Ties are broken by name then id, in the same direction, so the order is total and stable.
 */
export function listItemsPage(db: DbOrTx, raw: ListItemsPageInput) {
  const input = parseInput(listItemsPageInput, raw);
  const where = and(...itemFilters(input));
  const { column, reverse } = SORT_COLUMN[input.sort];
  const ascending = (input.dir === "asc") !== reverse;
  const order = ascending ? asc : desc;
  const now = simulatedNow(db, input.vaultId).getTime();
  const rows = db
    .select(gridColumns)
    .from(s.replicatedItems)
    .where(where)
    .orderBy(order(column), order(s.replicatedItems.name), order(s.replicatedItems.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.replicatedItems)
      .where(where)
      .get()?.n ?? 0;
  return { items: rows.map((r) => toGridRow(r, now)), total, offset: input.offset, limit: input.limit, now: new Date(now) };
}

/** Recovery points the item page lists without paging. */
const LATEST_POINTS_SHOWN = 24;

export function getItem(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  const now = envNow(db, vaultId, env);
  const fabric = envFabric(db, vaultId, now, env);
  const machine = db.select().from(s.machines).where(eq(s.machines.id, item.machineId)).get();
  const vm = (id: string | null) => (id ? (db.select().from(s.azureVms).where(eq(s.azureVms.id, id)).get() ?? null) : null);
  const azureVm = vm(item.azureVmId);
  const testAzureVm = vm(item.testAzureVmId);
  const policy = item.policyId
    ? (db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, item.policyId)).get() ?? null)
    : null;
  const ps = item.processServerId ? fabric.processServer(item.processServerId) : null;
  const mt = item.masterTargetId ? fabric.masterTarget(item.masterTargetId) : null;
  const network = item.targetNetworkId ? fabric.network(item.targetNetworkId) : null;
  // The retained points of the current direction, newest first, read once: the summary, the latest ones and the choices.
  const points = listRecoveryPoints(db, item.id, item.replicationDirection);
  const ops = allowedOperations(item, itemWorld(db, fabric, item));
  return {
    item: {
      ...item,
      rpoSeconds: toGridRow(item, now.getTime()).rpoSeconds,
      stage: stageOf(item),
      stateLabel: STATE_LABEL[item.state],
      activeLocationLabel: LOCATION_LABEL[item.activeLocation],
      replicationDirectionLabel: DIRECTION_LABEL[item.replicationDirection],
    },
    machine,
    /** Where the on-premises VM's files are: `[datastore] folder` (a folder named after the VM unless a failback gave another). */
    onPremisesVmFiles:
      machine && machine.kind === "vmware" && machine.exists && machine.datastoreId
        ? `[${fabric.datastore(machine.datastoreId)?.name ?? machine.datastoreId}] ${machine.vmFolder ?? machine.name}`
        : null,
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
    roundTrip: roundTripMap(item, ops, stageOf(item) === 1 && completedRoundTrip(db, item.id)),
    /** Keyed by operation: { allowed, reason?, recommendedAction?, code?, command } (the button name). */
    allowedOperations: Object.fromEntries(
      Object.entries(ops).map(([op, v]) => [op, { ...v, command: OPERATION_COMMAND[op as keyof typeof OPERATION_COMMAND] }]),
    ) as {
      [K in keyof typeof ops]: (typeof ops)[K] & { command: string };
    },
    /** The command bar: each command's operation (Re-protect's direction) and verdict, from the same state machine. */
    commands: itemCommandVerdicts(item, {}, ops),
    latestPoints: points.slice(0, LATEST_POINTS_SHOWN),
    /** The recovery point choices of a failover in the current direction, each available or not (with why). */
    recoveryPointChoices: recoveryPointChoices(db, item, points),
    /** In a replication group: the group failover in the item's direction (members, multi-VM choices, allowed or why not). */
    groupFailover: replicationGroupFailover(db, fabric, item),
    recoveryPoints: {
      count: points.length,
      latestAt: points[0]?.at ?? null,
      oldestAt: points.at(-1)?.at ?? null,
      appConsistentCount: points.filter((p) => p.type === "app-consistent").length,
    },
  };
}

export const listItemRecoveryPointsInput = vaultTarget.extend({
  itemId: z.string().max(ID_MAX).min(1),
  /** Omitted: the item's current replication direction (the one its next failover uses). */
  direction: z.enum(s.REPLICATION_DIRECTIONS).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(300).nullish(),
});
export type ListItemRecoveryPointsInput = z.input<typeof listItemRecoveryPointsInput>;

/** Every retained recovery point of an item in a direction, newest first, page by page (Custom recovery point). */
export function listItemRecoveryPoints(db: DbOrTx, raw: ListItemRecoveryPointsInput) {
  const input = parseInput(listItemRecoveryPointsInput, raw);
  const item = loadItem(db, input.vaultId, input.itemId);
  return recoveryPointPage(db, item, input.direction ?? item.replicationDirection, input.limit, input.cursor);
}

export function getReprotectOptions(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  const now = envNow(db, vaultId, env);
  return reprotectOptions(db, envFabric(db, vaultId, now, env), item);
}

/** Reprotect to Azure: the on-premises process servers of the item's configuration server. */
export function getReprotectToAzureOptions(db: DbOrTx, vaultId: string, itemId: string, env?: VerbEnv) {
  const item = loadItem(db, vaultId, itemId);
  return reprotectToAzureOptions(envFabric(db, vaultId, envNow(db, vaultId, env), env), item);
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
      .select({ m: s.replicatedItems.machineId })
      .from(s.replicatedItems)
      .where(and(eq(s.replicatedItems.vaultId, vaultId), ne(s.replicatedItems.state, "replication-disabled")))
      .all()
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
    policies: replicatePolicies(db, vaultId),
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
