/**
 * One tick of the replication simulation for a vault, in one transaction: initial replication
 * progress, recovery points (created and pruned), RPO and replication health. Work is
 * proportional to the vault's items in replicating states (read through items_vault_state).
 */
import { and, eq, gt, inArray, lt, notInArray } from "drizzle-orm";
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
  HEALTH_CODE_HEARTBEAT,
  HEALTH_CODE_RPO,
  MINUTE_MS,
  advanceInitialReplication,
  dueRecoveryPoints,
  processingLagSeconds,
  replicationHealth,
  rpoSeconds,
} from "./model";

/** States in which data flows and recovery points are made (either direction). */
export const REPLICATING_STATES: readonly ItemState[] = ["protected", "test-failover-completed"];
const SIMULATED_STATES: readonly ItemState[] = ["enabling-protection", ...REPLICATING_STATES];

/** Used when an item has no policy (the read-only failback policy's values). */
const DEFAULT_POLICY = { rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60, multiVmConsistency: false };
/** Simulated churn waiting in the process server per second of processing lag (Latest vs Latest processed). */
const PENDING_MB_PER_LAG_SECOND = 1.5;

export type SimulationSummary = { pointsCreated: number; pointsPruned: number; becameProtected: string[] };

type Ps = { name: string; lastHeartbeatAt: number | null; loadPercent: number };

function transaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  return (db as DB).transaction(fn);
}

const ownedCodes = new Set([HEALTH_CODE_HEARTBEAT, HEALTH_CODE_RPO]);
const sameErrors = (a: HealthError[], b: HealthError[]) => JSON.stringify(a) === JSON.stringify(b);

export function simulateReplication(db: DbOrTx, vaultId: string, nowDate: Date): SimulationSummary {
  const now = nowDate.getTime();
  return transaction(db, (tx) => {
    const summary: SimulationSummary = { pointsCreated: 0, pointsPruned: 0, becameProtected: [] };
    const settings = tx.select().from(simulationSettings).where(eq(simulationSettings.vaultId, vaultId)).get();
    const rawPrev = settings?.replicationSimulatedAt ?? null;
    // The previous tick; a clock that went backwards (tests, a restored database) starts afresh.
    const prevTick = rawPrev != null && rawPrev <= now ? rawPrev : null;

    const items = tx
      .select()
      .from(replicatedItems)
      .where(and(eq(replicatedItems.vaultId, vaultId), inArray(replicatedItems.state, [...SIMULATED_STATES])))
      .all();

    if (items.length) {
      const policies = new Map(tx.select().from(replicationPolicies).where(eq(replicationPolicies.vaultId, vaultId)).all().map((p) => [p.id, p]));
      const servers = new Map<string, Ps>(
        tx
          .select({ id: processServers.id, name: processServers.name, lastHeartbeatAt: processServers.lastHeartbeatAt, loadPercent: processServers.loadPercent })
          .from(processServers)
          .innerJoin(configurationServers, eq(configurationServers.id, processServers.configurationServerId))
          .where(eq(configurationServers.vaultId, vaultId))
          .all()
          .map((p) => [p.id, { name: p.name, lastHeartbeatAt: p.lastHeartbeatAt?.getTime() ?? null, loadPercent: p.loadPercent }]),
      );
      const enabling = items.filter((i) => i.state === "enabling-protection");
      const diskGb = new Map<string, number>();
      if (enabling.length) {
        for (const m of tx.select({ id: machines.id, disks: machines.disks }).from(machines).where(inArray(machines.id, enabling.map((i) => i.machineId))).all()) {
          diskGb.set(m.id, m.disks.reduce((sum, d) => sum + d.sizeGb, 0));
        }
      }

      for (const item of items) {
        const ps = item.processServerId ? servers.get(item.processServerId) : undefined;
        const policy = (item.policyId && policies.get(item.policyId)) || DEFAULT_POLICY;
        // Data reaches Azure only while the process server is alive: up to its last heartbeat.
        const dataUntil = ps?.lastHeartbeatAt != null ? Math.min(now, ps.lastHeartbeatAt) : null;

        if (item.state === "enabling-protection") {
          const elapsed = prevTick != null && dataUntil != null ? Math.max(0, dataUntil - prevTick) : 0;
          const percent = advanceInitialReplication(item.initialReplicationPercent, diskGb.get(item.machineId) ?? 0, ps?.loadPercent ?? 100, elapsed);
          if (percent >= 100 && !item.currentJobId) {
            const res = tx
              .update(replicatedItems)
              .set({ state: "protected", initialReplicationPercent: 100, replicationHealth: "healthy", version: item.version + 1 })
              .where(and(eq(replicatedItems.id, item.id), eq(replicatedItems.state, "enabling-protection"), eq(replicatedItems.version, item.version)))
              .run();
            if (res.changes === 1) summary.becameProtected.push(item.id);
          } else if (percent !== item.initialReplicationPercent) {
            tx.update(replicatedItems)
              .set({ initialReplicationPercent: percent })
              .where(and(eq(replicatedItems.id, item.id), eq(replicatedItems.state, "enabling-protection")))
              .run();
          }
          continue;
        }

        // Replicating: new recovery points for the data processed since the previous tick.
        const lagMs = processingLagSeconds(ps?.loadPercent ?? 0) * 1000;
        const retentionMs = policy.retentionHours * 60 * MINUTE_MS;
        let lastPointAt = item.lastRecoveryPointAt?.getTime() ?? null;
        if (dataUntil != null) {
          const processedUntil = dataUntil - lagMs;
          const windowStart = prevTick != null ? prevTick - lagMs : processedUntil;
          const from = Math.max(lastPointAt ?? windowStart, windowStart, now - retentionMs);
          const due = dueRecoveryPoints(from, processedUntil, policy.appConsistentFrequencyMinutes);
          if (due.length) {
            tx.update(recoveryPoints)
              .set({ pendingMb: 0 })
              .where(and(eq(recoveryPoints.replicatedItemId, item.id), gt(recoveryPoints.pendingMb, 0)))
              .run();
            const multiVm = !!item.replicationGroup && policy.multiVmConsistency;
            tx.insert(recoveryPoints)
              .values(
                due.map((p, i) => ({
                  replicatedItemId: item.id,
                  at: new Date(p.at),
                  type: p.type,
                  multiVm,
                  direction: item.replicationDirection,
                  pendingMb: i === due.length - 1 ? Math.round((lagMs / 1000) * PENDING_MB_PER_LAG_SECOND) : 0,
                })),
              )
              .run();
            summary.pointsCreated += due.length;
            lastPointAt = due[due.length - 1]!.at;
          }
        }
        if (lastPointAt != null) {
          const pruned = tx
            .delete(recoveryPoints)
            .where(and(eq(recoveryPoints.replicatedItemId, item.id), lt(recoveryPoints.at, new Date(Math.min(now - retentionMs, lastPointAt)))))
            .run();
          summary.pointsPruned += pruned.changes;
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
        const changed =
          (item.lastRecoveryPointAt?.getTime() ?? null) !== lastPointAt || item.rpoSeconds !== rpo || item.replicationHealth !== health || !sameErrors(item.healthErrors, errors);
        if (changed) {
          tx.update(replicatedItems)
            .set({ lastRecoveryPointAt: lastPointAt == null ? null : new Date(lastPointAt), rpoSeconds: rpo, replicationHealth: health, healthErrors: errors })
            .where(and(eq(replicatedItems.id, item.id), eq(replicatedItems.state, item.state)))
            .run();
        }
      }
    }

    // Items that stopped replicating: health is not applicable; drop the errors this module raised.
    const stopped = tx
      .select({ id: replicatedItems.id, state: replicatedItems.state, healthErrors: replicatedItems.healthErrors })
      .from(replicatedItems)
      .where(and(eq(replicatedItems.vaultId, vaultId), inArray(replicatedItems.replicationHealth, ["healthy", "warning", "critical"]), notInArray(replicatedItems.state, [...REPLICATING_STATES])))
      .all();
    for (const item of stopped) {
      tx.update(replicatedItems)
        .set({ replicationHealth: "not-applicable", healthErrors: item.healthErrors.filter((e) => !ownedCodes.has(e.code)) })
        .where(and(eq(replicatedItems.id, item.id), eq(replicatedItems.state, item.state)))
        .run();
    }

    if (settings) tx.update(simulationSettings).set({ replicationSimulatedAt: now }).where(eq(simulationSettings.vaultId, vaultId)).run();
    return summary;
  });
}
