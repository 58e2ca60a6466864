/**
 * One tick of the replication simulation for a vault, in one transaction: initial replication
 * progress, recovery points (created and pruned), RPO and replication health.
 *
 * Work is proportional to what changes, not to the number of items: each item stores when it next
 * needs the tick (`simulate_at`: its next recovery point, the moment its RPO or its process
 * server's silence crosses a threshold, at the latest MAX_SLEEP_MS later), and a tick reads only
 * the due items through items_vault_simulate_at. A trigger makes an item due at once when its
 * state, direction, policy or process server changes. The RPO between two wakes is the age of the
 * latest point, which the read models compute at read time.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { DB, DbOrTx, Tx } from "@/db/client";
import {
  configurationServers,
  machines,
  processServers,
  recoveryPoints,
  replicatedItems,
  replicationPolicies,
  simulationSettings,
  type HealthError,
  type ItemState,
} from "@/db/schema";
import {
  CRASH_CONSISTENT_INTERVAL_MS,
  HEARTBEAT_CRITICAL_MS,
  MINUTE_MS,
  OWNED_HEALTH_CODES,
  advanceInitialReplication,
  dueRecoveryPoints,
  processingLagSeconds,
  replicationHealth,
  rpoSeconds,
} from "./model";
import { isMultiVmConsistent, replicationGroupSizes } from "./multi-vm";

/** States in which data flows and recovery points are made (either direction). */
export const REPLICATING_STATES: readonly ItemState[] = ["protected", "test-failover-completed"];
const SIMULATED_STATES: readonly ItemState[] = ["enabling-protection", ...REPLICATING_STATES];

/** Used when an item has no policy (the read-only failback policy's values). */
const DEFAULT_POLICY = { rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60, multiVmConsistency: false };
/** An item sleeps at most this long (simulated): load, policy or heartbeat changes are seen within it. */
export const MAX_SLEEP_MS = CRASH_CONSISTENT_INTERVAL_MS;
/**
 * At most this many items per tick, the longest due first; the others stay due for the next tick.
 * Items of one policy wake together every 5 simulated minutes (the schedule is aligned to the
 * clock): a vault of 10,000 items spreads that burst over a few ticks instead of holding the
 * server's event loop for all of it. An item's points keep their times; they are only processed
 * a tick or two later.
 */
export const MAX_ITEMS_PER_TICK = 2_000;
/**
 * A tick stops taking items once it has created this many recovery points; the others stay due
 * (their points keep their times). The points of a wake grow with the simulated time since the
 * item was last simulated, which at the fastest speed is an hour per real second: a slow tick
 * (a loaded machine) made the next one simulate hours, 12 points an hour per item, and held the
 * server's event loop longer still — a feedback that took a 1,000-item vault at 3,600× to
 * 100,000-point ticks of tens of seconds while the recovery plans' Failover waited.
 */
export const MAX_POINTS_PER_TICK = 10_000;
/** Recovery points are pruned this often (simulated); the invariant checker allows an hour of slack. */
export const PRUNE_EVERY_MS = 30 * MINUTE_MS;
/** simulate_at of an item the simulation has nothing to do for until its state changes. */
export const NEVER = 8_640_000_000_000_000;
/** Simulated churn waiting in the process server per second of processing lag (Latest vs Latest processed). */
const PENDING_MB_PER_LAG_SECOND = 1.5;

/**
 * `more`: items are still due at this time (the tick took `maxItems` of them, or stopped at
 * MAX_POINTS_PER_TICK points); simulating again at the same time takes the next ones.
 */
export type SimulationSummary = { pointsCreated: number; pointsPruned: number; becameProtected: string[]; more: boolean };

type Ps = { name: string; lastHeartbeatAt: number | null; loadPercent: number };

/** IMMEDIATE: reads then writes, so it takes the write lock first (another process may write the same file). */
function transaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  return (db as DB).transaction(fn, { behavior: "immediate" });
}

/** Only the columns the simulation reads (not notes, failback settings, ...), in this order. */
const itemColumns = {
  id: replicatedItems.id,
  machineId: replicatedItems.machineId,
  state: replicatedItems.state,
  replicationDirection: replicatedItems.replicationDirection,
  replicationHealth: replicatedItems.replicationHealth,
  policyId: replicatedItems.policyId,
  processServerId: replicatedItems.processServerId,
  replicationGroup: replicatedItems.replicationGroup,
  rpoSeconds: replicatedItems.rpoSeconds,
  initialReplicationPercent: replicatedItems.initialReplicationPercent,
  lastRecoveryPointAt: replicatedItems.lastRecoveryPointAt,
  healthErrors: replicatedItems.healthErrors,
  currentJobId: replicatedItems.currentJobId,
  version: replicatedItems.version,
  simulateAt: replicatedItems.simulateAt,
  simulatedAt: replicatedItems.simulatedAt,
};
type ItemRow = typeof replicatedItems.$inferSelect;

/**
 * One row of itemColumns as stored (`.values()`): mapping 2,000 rows by hand costs a fraction of
 * drizzle's generic row mapping. The last recovery point stays in epoch ms.
 */
function toSimulatedItem(row: unknown[]) {
  const [
    id,
    machineId,
    state,
    replicationDirection,
    replicationHealth,
    policyId,
    processServerId,
    replicationGroup,
    rpoSeconds,
    initialReplicationPercent,
    lastRecoveryPointMs,
    healthErrorsJson,
    currentJobId,
    version,
    simulateAt,
    simulatedAt,
  ] = row;
  return {
    id: id as string,
    machineId: machineId as string,
    state: state as ItemState,
    replicationDirection: replicationDirection as ItemRow["replicationDirection"],
    replicationHealth: replicationHealth as ItemRow["replicationHealth"],
    policyId: policyId as string | null,
    processServerId: processServerId as string | null,
    replicationGroup: replicationGroup as string | null,
    rpoSeconds: rpoSeconds as number | null,
    initialReplicationPercent: initialReplicationPercent as number,
    lastRecoveryPointMs: lastRecoveryPointMs as number | null,
    healthErrors: JSON.parse(healthErrorsJson as string) as HealthError[],
    currentJobId: currentJobId as string | null,
    version: version as number,
    simulateAt: simulateAt as number,
    simulatedAt: simulatedAt as number | null,
  };
}

/** A placeholder in `set()`, bound as the stored value: epoch ms for timestamps, JSON text for json columns. */
const stored = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * The statements a tick runs once per item, each prepared at most once per tick (drizzle would otherwise
 * rebuild and re-prepare each SQL string for every item). Placeholders in `where` are not
 * encoded by drizzle, so timestamps there are passed as epoch milliseconds.
 */
function prepareItemStatements(tx: Tx) {
  const id = sql.placeholder("id");
  const state = sql.placeholder("state");
  const build = {
    protect: () =>
      tx
        .update(replicatedItems)
        .set({ state: "protected", initialReplicationPercent: 100, replicationHealth: "healthy", version: stored("nextVersion") })
        .where(
          and(
            eq(replicatedItems.id, id),
            eq(replicatedItems.state, "enabling-protection"),
            eq(replicatedItems.version, sql.placeholder("version")),
          ),
        )
        .prepare(),
    setPercent: () =>
      tx
        .update(replicatedItems)
        .set({ initialReplicationPercent: stored("percent") })
        .where(and(eq(replicatedItems.id, id), eq(replicatedItems.state, "enabling-protection")))
        .prepare(),
    schedule: () =>
      tx
        .update(replicatedItems)
        .set({ simulateAt: stored("simulateAt"), simulatedAt: stored("simulatedAt") })
        .where(and(eq(replicatedItems.id, id), eq(replicatedItems.state, state)))
        .prepare(),
    setNotApplicable: () =>
      tx
        .update(replicatedItems)
        .set({ replicationHealth: "not-applicable", healthErrors: stored("errorsJson") })
        .where(and(eq(replicatedItems.id, id), eq(replicatedItems.state, state)))
        .prepare(),
  };
  const cache: { [K in keyof typeof build]?: ReturnType<(typeof build)[K]> } = {};
  return <K extends keyof typeof build>(key: K) => (cache[key] ??= build[key]() as never) as ReturnType<(typeof build)[K]>;
}

/**
 * A time-ordered (version 7 layout) UUID made by SQLite from the point's time `at` (epoch ms), so a
 * set-wise insert gives each recovery point its own id. The ids of one tick's points sort together:
 * their inserts fill a few pages of the primary key's index instead of one random page each, which
 * was a third of an idle portal's replication tick (the pages each commit writes to the WAL).
 */
const sqlPointId = (at: unknown) =>
  sql`lower(printf('%08x-%04x-7%s-%s%s-%s', ${at} / 65536, ${at} % 65536, substr(hex(randomblob(2)), 2),
    substr('89ab', 1 + abs(random() % 4), 1), substr(hex(randomblob(2)), 2), hex(randomblob(6))))`;

type Group = { values: (string | number | null)[]; ids: string[] };
/** The items of a group, bound as one JSON array. */
const ids = (g: { ids: string[] }) => sql`(select value from json_each(${JSON.stringify(g.ids)}))`;

/**
 * The writes of the replicating items' wakes, one statement per set of items that write the same
 * values. Items of one policy and process server wake together (the point schedule is aligned to
 * the clock), so a burst of 10,000 items is a handful of statements instead of 30,000; SQLite's
 * own work per row is unchanged. Applied in the order of the per-item logic: the previous points'
 * pending data is cleared before the new points are inserted, pruning never reaches the latest
 * point, the items are updated last.
 */
class WriteBatch {
  readonly clearPending: string[] = [];
  private readonly groups = {
    insertPoint: new Map<string, Group>(),
    prune: new Map<string, Group>(),
    setReplication: new Map<string, Group>(),
    schedule: new Map<string, Group>(),
  };

  add(kind: keyof WriteBatch["groups"], values: Group["values"], id: string): void {
    const key = JSON.stringify(values);
    const group = this.groups[kind].get(key);
    if (group) group.ids.push(id);
    else this.groups[kind].set(key, { values, ids: [id] });
  }

  /** Runs the statements in order; returns the number of recovery points pruned. */
  flush(tx: Tx): number {
    const rp = recoveryPoints;
    const ri = replicatedItems;
    const col = (c: { name: string }) => sql.identifier(c.name);
    if (this.clearPending.length)
      tx.run(
        sql`update ${rp} set ${col(rp.pendingMb)} = 0 where ${rp.pendingMb} > 0 and ${rp.replicatedItemId} in ${ids({ ids: this.clearPending })}`,
      );
    // Placeholders in raw SQL are not encoded by drizzle: timestamps as epoch ms, booleans as 0/1.
    for (const g of this.groups.insertPoint.values()) {
      const [at, type, multiVm, direction, pendingMb] = g.values;
      tx.run(
        sql`insert into ${rp} (${col(rp.id)}, ${col(rp.replicatedItemId)}, ${col(rp.at)}, ${col(rp.type)}, ${col(rp.multiVm)}, ${col(rp.direction)}, ${col(rp.pendingMb)})
          select ${sqlPointId(at)}, value, ${at}, ${type}, ${multiVm}, ${direction}, ${pendingMb} from json_each(${JSON.stringify(g.ids)})`,
      );
    }
    let pruned = 0;
    for (const g of this.groups.prune.values())
      pruned += tx.run(sql`delete from ${rp} where ${rp.at} < ${g.values[0]} and ${rp.replicatedItemId} in ${ids(g)}`).changes;
    for (const g of this.groups.setReplication.values()) {
      const [lastPointAt, rpo, health, errorsJson, simulateAt, simulatedAt, state] = g.values;
      tx.run(
        sql`update ${ri} set ${col(ri.lastRecoveryPointAt)} = ${lastPointAt}, ${col(ri.rpoSeconds)} = ${rpo}, ${col(ri.replicationHealth)} = ${health},
          ${col(ri.healthErrors)} = ${errorsJson}, ${col(ri.simulateAt)} = ${simulateAt}, ${col(ri.simulatedAt)} = ${simulatedAt}
          where ${ri.state} = ${state} and ${ri.id} in ${ids(g)}`,
      );
    }
    for (const g of this.groups.schedule.values()) {
      const [simulateAt, simulatedAt, state] = g.values;
      tx.run(
        sql`update ${ri} set ${col(ri.simulateAt)} = ${simulateAt}, ${col(ri.simulatedAt)} = ${simulatedAt} where ${ri.state} = ${state} and ${ri.id} in ${ids(g)}`,
      );
    }
    return pruned;
  }
}

/**
 * The running portal's slice: at most this many due items per call, the engine running the hook
 * again (at the same simulated time) after pending I/O while items are left. A slice of 500 items
 * costs ≈ 15–40 ms at 10,000 items, where 2,000 at once held the server's requests for 100 ms or more.
 */
export const PORTAL_REPLICATION_SLICE = 500;

/**
 * The portal's replication hook: `slice` due items per call, answering whether to be called again
 * at the same simulated time (items still due), up to MAX_ITEMS_PER_TICK items per simulated time —
 * a tick and its continuations take no more than one unsliced tick did; the rest waits for the next.
 */
export function slicedReplication(slice = PORTAL_REPLICATION_SLICE, perTick = MAX_ITEMS_PER_TICK) {
  const taken = new Map<string, { at: number; items: number }>();
  return (db: DbOrTx, vaultId: string, now: Date): boolean => {
    const t = taken.get(vaultId);
    const used = t && t.at === now.getTime() ? t.items : 0;
    const maxItems = Math.max(1, Math.min(slice, perTick - used));
    const { more } = simulateReplication(db, vaultId, now, { maxItems });
    taken.set(vaultId, { at: now.getTime(), items: used + maxItems });
    return more && used + maxItems < perTick;
  };
}

export function simulateReplication(
  db: DbOrTx,
  vaultId: string,
  nowDate: Date,
  { maxItems = MAX_ITEMS_PER_TICK }: { maxItems?: number } = {},
): SimulationSummary {
  const now = nowDate.getTime();
  return transaction(db, (tx) => {
    const summary: SimulationSummary = { pointsCreated: 0, pointsPruned: 0, becameProtected: [], more: false };
    const settings = tx.select().from(simulationSettings).where(eq(simulationSettings.vaultId, vaultId)).get();
    const rawPrev = settings?.replicationSimulatedAt ?? null;
    // The previous tick; a clock that went backwards (tests, a restored database) starts afresh.
    const prevTick = rawPrev != null && rawPrev <= now ? rawPrev : null;

    // Only the due items (items_vault_simulate_at): an idle vault reads nothing.
    const due = tx
      .select(itemColumns)
      .from(replicatedItems)
      .where(and(eq(replicatedItems.vaultId, vaultId), lte(replicatedItems.simulateAt, now)))
      .orderBy(replicatedItems.simulateAt)
      .limit(maxItems)
      .values()
      .map(toSimulatedItem);
    summary.more = due.length === maxItems;
    // Each statement prepared on its first use in the tick: most ticks need one or none.
    const stmt = prepareItemStatements(tx);

    // Items that stopped replicating: health is not applicable; drop the errors this module raised.
    // Then nothing to do until their state changes (the trigger makes them due again).
    const items: typeof due = [];
    for (const item of due) {
      if (item.replicationHealth !== "not-applicable" && !REPLICATING_STATES.includes(item.state)) {
        stmt("setNotApplicable").run({
          id: item.id,
          state: item.state,
          errorsJson: JSON.stringify(item.healthErrors.filter((e) => !OWNED_HEALTH_CODES.has(e.code))),
        });
      }
      if (SIMULATED_STATES.includes(item.state)) items.push(item);
      else stmt("schedule").run({ id: item.id, state: item.state, simulateAt: NEVER, simulatedAt: now });
    }

    if (items.length) {
      const policies = new Map(
        tx
          .select()
          .from(replicationPolicies)
          .where(eq(replicationPolicies.vaultId, vaultId))
          .all()
          .map((p) => [p.id, p]),
      );
      const servers = new Map<string, Ps>(
        tx
          .select({
            id: processServers.id,
            name: processServers.name,
            lastHeartbeatAt: processServers.lastHeartbeatAt,
            loadPercent: processServers.loadPercent,
          })
          .from(processServers)
          .innerJoin(configurationServers, eq(configurationServers.id, processServers.configurationServerId))
          .where(eq(configurationServers.vaultId, vaultId))
          .all()
          .map((p) => [p.id, { name: p.name, lastHeartbeatAt: p.lastHeartbeatAt?.getTime() ?? null, loadPercent: p.loadPercent }]),
      );
      const enabling = items.filter((i) => i.state === "enabling-protection");
      const diskGb = new Map<string, number>();
      if (enabling.length) {
        for (const m of tx
          .select({ id: machines.id, disks: machines.disks })
          .from(machines)
          .where(
            inArray(
              machines.id,
              enabling.map((i) => i.machineId),
            ),
          )
          .all()) {
          diskGb.set(
            m.id,
            m.disks.reduce((sum, d) => sum + d.sizeGb, 0),
          );
        }
      }

      // Sizes of the due items' replication groups (multi-VM consistency needs a group with others).
      const groupSizes = replicationGroupSizes(
        tx,
        vaultId,
        items.flatMap((i) => (i.replicationGroup ? [i.replicationGroup] : [])),
      );

      // The replicating items' writes, applied set-wise after the loop (see WriteBatch).
      const batch = new WriteBatch();
      for (const item of items) {
        if (summary.pointsCreated >= MAX_POINTS_PER_TICK) {
          summary.more = true;
          break;
        }
        const ps = item.processServerId ? servers.get(item.processServerId) : undefined;
        const policy = (item.policyId && policies.get(item.policyId)) || DEFAULT_POLICY;
        // Data reaches Azure only while the process server is alive: up to its last heartbeat.
        const dataUntil = ps?.lastHeartbeatAt != null ? Math.min(now, ps.lastHeartbeatAt) : null;

        if (item.state === "enabling-protection") {
          const elapsed = prevTick != null && dataUntil != null ? Math.max(0, dataUntil - prevTick) : 0;
          const percent = advanceInitialReplication(
            item.initialReplicationPercent,
            diskGb.get(item.machineId) ?? 0,
            ps?.loadPercent ?? 100,
            elapsed,
          );
          if (percent >= 100 && !item.currentJobId) {
            const res = stmt("protect").run({ id: item.id, version: item.version, nextVersion: item.version + 1 });
            if (res.changes === 1) summary.becameProtected.push(item.id);
          } else if (percent !== item.initialReplicationPercent) {
            stmt("setPercent").run({ id: item.id, percent });
          }
          continue;
        }

        // Replicating: new recovery points for the data processed since the item was last simulated
        // (the previous tick when it has just become due through a change).
        const lagMs = processingLagSeconds(ps?.loadPercent ?? 0) * 1000;
        const retentionMs = policy.retentionHours * 60 * MINUTE_MS;
        const previous = item.simulateAt > 0 && item.simulatedAt != null && item.simulatedAt <= now ? item.simulatedAt : prevTick;
        let lastPointAt = item.lastRecoveryPointMs;
        let processedUntil: number | null = null;
        if (dataUntil != null) {
          processedUntil = dataUntil - lagMs;
          const windowStart = previous != null ? previous - lagMs : processedUntil;
          const from = Math.max(lastPointAt ?? windowStart, windowStart, now - retentionMs);
          const due = dueRecoveryPoints(from, processedUntil, policy.appConsistentFrequencyMinutes);
          if (due.length) {
            batch.clearPending.push(item.id);
            const multiVm = isMultiVmConsistent(policy, item.replicationGroup ? (groupSizes.get(item.replicationGroup) ?? 0) : 0);
            due.forEach((p, i) =>
              batch.add(
                "insertPoint",
                [
                  p.at,
                  p.type,
                  multiVm ? 1 : 0,
                  item.replicationDirection,
                  i === due.length - 1 ? Math.round((lagMs / 1000) * PENDING_MB_PER_LAG_SECOND) : 0,
                ],
                item.id,
              ),
            );
            summary.pointsCreated += due.length;
            lastPointAt = due[due.length - 1]!.at;
          }
        }
        // Pruned when the retention window's start crosses a PRUNE_EVERY_MS boundary (and after a
        // change), not at every point: points outlive their retention by at most that much.
        const pruneDue =
          previous == null ||
          item.simulateAt === 0 ||
          Math.floor((now - retentionMs) / PRUNE_EVERY_MS) !== Math.floor((previous - retentionMs) / PRUNE_EVERY_MS);
        if (lastPointAt != null && pruneDue) {
          batch.add("prune", [Math.min(now - retentionMs, lastPointAt)], item.id);
        }
        const rpo = rpoSeconds(lastPointAt, now);
        const { health, errors } = replicationHealth({
          now,
          processServerName: ps?.name ?? null,
          processServerHeartbeatAt: ps?.lastHeartbeatAt ?? null,
          rpoSeconds: rpo,
          rpoThresholdMinutes: policy.rpoThresholdMinutes,
          previous: item.healthErrors,
        });
        const errorsJson = JSON.stringify(errors);
        const simulateAt = nextWake({
          now,
          lagMs,
          processedUntil,
          lastPointAt,
          appFrequencyMinutes: policy.appConsistentFrequencyMinutes,
          rpoThresholdMinutes: policy.rpoThresholdMinutes,
          heartbeatAt: ps?.lastHeartbeatAt ?? null,
        });
        const changed =
          item.lastRecoveryPointMs !== lastPointAt || item.replicationHealth !== health || JSON.stringify(item.healthErrors) !== errorsJson;
        if (changed) batch.add("setReplication", [lastPointAt, rpo, health, errorsJson, simulateAt, now, item.state], item.id);
        else batch.add("schedule", [simulateAt, now, item.state], item.id);
      }
      summary.pointsPruned += batch.flush(tx);
    }

    if (settings) tx.update(simulationSettings).set({ replicationSimulatedAt: now }).where(eq(simulationSettings.vaultId, vaultId)).run();
    return summary;
  });
}

/** When the tick next has something to do for a replicating item (see the module comment). */
export function nextWake(o: {
  now: number;
  lagMs: number;
  /** Data processed up to here this tick; null while the process server has never sent a heartbeat. */
  processedUntil: number | null;
  lastPointAt: number | null;
  appFrequencyMinutes: number;
  rpoThresholdMinutes: number;
  heartbeatAt: number | null;
}): number {
  const candidates = [o.now + MAX_SLEEP_MS];
  if (o.processedUntil != null) {
    // The next scheduled point is processed `lag` after it is taken.
    const after = Math.max(o.processedUntil, o.lastPointAt ?? o.processedUntil);
    const next = (Math.floor(after / CRASH_CONSISTENT_INTERVAL_MS) + 1) * CRASH_CONSISTENT_INTERVAL_MS;
    const appMs = o.appFrequencyMinutes * MINUTE_MS;
    const nextApp = appMs > 0 ? (Math.floor(after / appMs) + 1) * appMs : Number.POSITIVE_INFINITY;
    candidates.push(Math.min(next, nextApp) + o.lagMs);
  }
  // The RPO crosses the threshold (RPO is in whole seconds: one second past it).
  if (o.lastPointAt != null) candidates.push(o.lastPointAt + o.rpoThresholdMinutes * MINUTE_MS + 1000);
  // The process server's silence crosses the critical threshold.
  if (o.heartbeatAt != null) candidates.push(o.heartbeatAt + HEARTBEAT_CRITICAL_MS + 1);
  const future = candidates.filter((t) => t > o.now);
  return future.length ? Math.min(...future) : o.now + MAX_SLEEP_MS;
}
