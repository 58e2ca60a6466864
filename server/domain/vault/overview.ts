/**
 * The vault Overview's tiles, each one SQL aggregate (no tile loads every item): replication
 * health, status, test failover success in 180 days, configuration issues, error summary,
 * infrastructure, jobs of the last 24 hours and the RPO distribution. One function per tile so
 * a failing tile leaves the others standing.
 */
import { and, asc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ItemState, JobStatus, ReplicationHealth, Health } from "@/db/schema";
import { envFabric, envNow, type VerbEnv } from "../env";
import { JOB_TYPES, jobTypesOf } from "../steps";
import { requireVault } from "./queries";

const DAY_MS = 86_400_000;
/** Failover test success looks back this far (the Azure portal's window). */
export const TEST_FAILOVER_WINDOW_DAYS = 180;

const inVault = (vaultId: string) => eq(s.replicatedItems.vaultId, vaultId);
/** The vault's items that still replicate (replication not disabled). */
const replicatingIn = (vaultId: string) => and(inVault(vaultId), ne(s.replicatedItems.state, "replication-disabled"));
const count = sql<number>`count(*)`;

/** How many of the items matching `where` have each value of `key` (a column or an expression): one grouped query. */
function countItemsBy<K>(db: DbOrTx, where: SQL | undefined, key: AnySQLiteColumn | SQL<K>): Map<K, number> {
  const rows = db.select({ key, n: count }).from(s.replicatedItems).where(where).groupBy(key).all();
  return new Map(rows.map((r) => [r.key as K, r.n]));
}

/** Items by replication health (every health, zero included). */
export function healthCounts(db: DbOrTx, vaultId: string): { health: ReplicationHealth; count: number }[] {
  requireVault(db, vaultId);
  const n = countItemsBy<ReplicationHealth>(db, inVault(vaultId), s.replicatedItems.replicationHealth);
  return s.REPLICATION_HEALTHS.map((health) => ({ health, count: n.get(health) ?? 0 }));
}

/** Items by status (only the statuses some item has, in the state machine's order). */
export function statusCounts(db: DbOrTx, vaultId: string): { state: ItemState; count: number }[] {
  requireVault(db, vaultId);
  const n = countItemsBy<ItemState>(db, inVault(vaultId), s.replicatedItems.state);
  return s.ITEM_STATES.flatMap((state) => (n.get(state) ? [{ state, count: n.get(state)! }] : []));
}

/** Replicated items (replication not disabled) with a succeeded test failover in the window, and those without. */
export function testFailoverSuccess(db: DbOrTx, vaultId: string, env?: VerbEnv) {
  requireVault(db, vaultId);
  const since = new Date(envNow(db, vaultId, env).getTime() - TEST_FAILOVER_WINDOW_DAYS * DAY_MS);
  // One pass: every replicating item, joined to its succeeded test failovers in the window.
  const row = db
    .select({ tested: sql<number>`count(distinct ${s.jobs.targetId})`, total: sql<number>`count(distinct ${s.replicatedItems.id})` })
    .from(s.replicatedItems)
    .leftJoin(
      s.jobs,
      and(
        eq(s.jobs.targetId, s.replicatedItems.id),
        inArray(s.jobs.type, jobTypesOf(JOB_TYPES.testFailover)),
        eq(s.jobs.status, "succeeded"),
        gte(s.jobs.createdAt, since),
      ),
    )
    .where(replicatingIn(vaultId))
    .get();
  const tested = row?.tested ?? 0;
  return { windowDays: TEST_FAILOVER_WINDOW_DAYS, tested, notTested: (row?.total ?? 0) - tested };
}

export type ConfigurationIssue = { key: string; label: string; count: number; recommendedAction: string };

/** Settings an item or server lacks that a failover or a failback will need. */
export function configurationIssues(db: DbOrTx, vaultId: string, env?: VerbEnv): ConfigurationIssue[] {
  requireVault(db, vaultId);
  const active = replicatingIn(vaultId);
  const one = (where: ReturnType<typeof and>) => db.select({ n: count }).from(s.replicatedItems).where(where).get()?.n ?? 0;
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  const servers = db
    .select({ id: s.configurationServers.id })
    .from(s.configurationServers)
    .where(eq(s.configurationServers.vaultId, vaultId))
    .all();
  const processServers = servers.flatMap((cs) => f.processServers(cs.id));
  const masterTargets = servers.flatMap((cs) => f.masterTargets(cs.id));
  const issues: ConfigurationIssue[] = [
    {
      key: "no-target-network",
      label: "Items without an Azure network",
      count: one(and(active, isNull(s.replicatedItems.targetNetworkId))),
      recommendedAction: "Choose the Azure network the failed-over VM joins (Compute and Network of the item).",
    },
    {
      key: "no-policy",
      label: "Items without a replication policy",
      count: one(and(active, isNull(s.replicatedItems.policyId))),
      recommendedAction: "Associate a replication policy with the configuration server.",
    },
    {
      key: "process-server-heartbeat",
      label: "Process servers without heartbeat",
      count: processServers.filter((p) => !p.heartbeatOk).length,
      recommendedAction: "Check the process server's services and its connection to the configuration server (error 806).",
    },
    {
      key: "master-target-heartbeat",
      label: "Master target servers without heartbeat",
      count: masterTargets.filter((m) => !m.heartbeatOk).length,
      recommendedAction: "Start the master target server and check its connection to the configuration server.",
    },
    {
      key: "master-target-uuid",
      label: "Master target servers with disk.EnableUUID false",
      count: masterTargets.filter((m) => !m.diskEnableUuid).length,
      recommendedAction: "Set disk.EnableUUID=TRUE in the master target VM's configuration parameters.",
    },
  ];
  return issues;
}

/** The items' current health errors by error code: how many items have each, with its message. */
export function errorSummary(db: DbOrTx, vaultId: string) {
  requireVault(db, vaultId);
  const rows = db.all<{ code: string; severity: "warning" | "critical"; message: string; n: number }>(sql`
    select json_extract(e.value, '$.code') as code,
           max(json_extract(e.value, '$.severity')) as severity,
           min(json_extract(e.value, '$.message')) as message,
           count(distinct ${s.replicatedItems.id}) as n
    from ${s.replicatedItems}, json_each(${s.replicatedItems.healthErrors}) as e
    where ${s.replicatedItems.vaultId} = ${vaultId}
    group by code
    order by n desc, code asc`);
  return rows.map((r) => ({ code: String(r.code), severity: r.severity, message: r.message, count: Number(r.n) }));
}

/** Configuration servers → process servers → master targets, with health and the number of items on each. */
export function infrastructureView(db: DbOrTx, vaultId: string, env?: VerbEnv) {
  requireVault(db, vaultId);
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  const servers = db
    .select({ id: s.configurationServers.id, name: s.configurationServers.name, health: s.configurationServers.health })
    .from(s.configurationServers)
    .where(eq(s.configurationServers.vaultId, vaultId))
    .orderBy(asc(s.configurationServers.name))
    .all();
  const byServer = (col: AnySQLiteColumn) => countItemsBy<string | null>(db, replicatingIn(vaultId), col);
  const perCs = byServer(s.replicatedItems.configurationServerId);
  const perPs = byServer(s.replicatedItems.processServerId);
  const perMt = byServer(s.replicatedItems.masterTargetId);
  const healthOf = (ok: boolean): Health => (ok ? "healthy" : "critical");
  return servers.map((cs) => ({
    ...cs,
    itemCount: perCs.get(cs.id) ?? 0,
    processServers: f.processServers(cs.id).map((p) => ({
      id: p.id,
      name: p.name,
      location: p.location,
      health: healthOf(p.heartbeatOk),
      itemCount: perPs.get(p.id) ?? 0,
    })),
    masterTargets: f.masterTargets(cs.id).map((m) => ({
      id: m.id,
      name: m.name,
      osType: m.osType,
      health: healthOf(m.heartbeatOk),
      itemCount: perMt.get(m.id) ?? 0,
    })),
  }));
}

/** Jobs created in the last 24 hours of the vault's clock, by status. */
export function jobsLast24Hours(db: DbOrTx, vaultId: string, env?: VerbEnv): Record<JobStatus, number> {
  requireVault(db, vaultId);
  const since = new Date(envNow(db, vaultId, env).getTime() - DAY_MS);
  const rows = db
    .select({ status: s.jobs.status, n: count })
    .from(s.jobs)
    .where(and(eq(s.jobs.vaultId, vaultId), gte(s.jobs.createdAt, since)))
    .groupBy(s.jobs.status)
    .all();
  return Object.fromEntries(s.JOB_STATUSES.map((st) => [st, rows.find((r) => r.status === st)?.n ?? 0])) as Record<JobStatus, number>;
}

/** RPO buckets of the items that report one, and how many report none yet. */
export const RPO_BUCKETS = [
  { key: "le5", label: "Up to 5 min", max: 300 },
  { key: "le15", label: "5 to 15 min", max: 900 },
  { key: "le30", label: "15 to 30 min", max: 1800 },
  { key: "le60", label: "30 to 60 min", max: 3600 },
  { key: "gt60", label: "Over 60 min", max: null },
] as const;

export function rpoDistribution(db: DbOrTx, vaultId: string) {
  requireVault(db, vaultId);
  const rpo = s.replicatedItems.rpoSeconds;
  // The buckets' bounds as literals (constants of this module), so the grouped expression is the selected one.
  const literal = (v: string | number) => sql.raw(typeof v === "number" ? String(v) : `'${v}'`);
  const bounded = RPO_BUCKETS.flatMap((b) => (b.max === null ? [] : [sql` when ${rpo} <= ${literal(b.max)} then ${literal(b.key)}`]));
  const open = RPO_BUCKETS.find((b) => b.max === null)!.key;
  const bucket = sql<string>`case when ${rpo} is null then 'none'${sql.join(bounded)} else ${literal(open)} end`;
  const n = countItemsBy(db, replicatingIn(vaultId), bucket);
  return {
    buckets: RPO_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: n.get(b.key) ?? 0 })),
    noRpo: n.get("none") ?? 0,
  };
}
