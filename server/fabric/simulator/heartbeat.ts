/**
 * Simulated heartbeats: each engine tick, every configuration server, registered process server
 * and powered-on master target of the vault reports in (lastHeartbeatAt = simulated now), unless
 * the Lab's "process-server-heartbeat-lost" fault silences it. The fault with target "*" silences
 * every process server; with a server id it silences that server, whatever its kind.
 * A silenced server's health follows the age of its last heartbeat.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DB, DbOrTx, Tx } from "@/db/client";
import { configurationServers, faultSwitches, masterTargets, processServers, replicatedItems, type Health } from "@/db/schema";

const MINUTE_MS = 60_000;
export const HEARTBEAT_WARNING_MS = 5 * MINUTE_MS;
export const HEARTBEAT_CRITICAL_MS = 15 * MINUTE_MS;
export const HEARTBEAT_LOST_FAULT = "process-server-heartbeat-lost" as const;

/** Health of a server from the age of its last heartbeat. */
export function heartbeatHealth(lastHeartbeatAt: Date | number | null, now: number): Health {
  if (lastHeartbeatAt == null) return "critical";
  const age = now - (typeof lastHeartbeatAt === "number" ? lastHeartbeatAt : lastHeartbeatAt.getTime());
  if (age > HEARTBEAT_CRITICAL_MS) return "critical";
  if (age > HEARTBEAT_WARNING_MS) return "warning";
  return "healthy";
}

type Server = { id: string; lastHeartbeatAt: Date | null; health: Health };

/** IMMEDIATE: reads then writes, so it takes the write lock first (another process may write the same file). */
function transaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  return (db as DB).transaction(fn, { behavior: "immediate" });
}

export function refreshHeartbeats(db: DbOrTx, vaultId: string, nowDate: Date): void {
  const now = nowDate.getTime();
  transaction(db, (tx) => {
    const silenced = new Set(
      tx
        .select({ targetId: faultSwitches.targetId })
        .from(faultSwitches)
        .where(and(eq(faultSwitches.vaultId, vaultId), eq(faultSwitches.fault, HEARTBEAT_LOST_FAULT)))
        .all()
        .map((f) => f.targetId),
    );
    const cs = tx
      .select({ id: configurationServers.id, lastHeartbeatAt: configurationServers.lastHeartbeatAt, health: configurationServers.health })
      .from(configurationServers)
      .where(eq(configurationServers.vaultId, vaultId))
      .all();
    if (!cs.length) return;
    const csIds = cs.map((c) => c.id);
    const ps = tx
      .select({ id: processServers.id, lastHeartbeatAt: processServers.lastHeartbeatAt, health: processServers.health })
      .from(processServers)
      .where(and(inArray(processServers.configurationServerId, csIds), eq(processServers.status, "registered")))
      .all();
    const mt = tx
      .select({ id: masterTargets.id, lastHeartbeatAt: masterTargets.lastHeartbeatAt })
      .from(masterTargets)
      .where(and(inArray(masterTargets.configurationServerId, csIds), eq(masterTargets.poweredOn, true)))
      .all();

    const split = (servers: Server[], wildcard: boolean) => {
      const alive: string[] = [];
      const lost: Server[] = [];
      for (const s of servers) {
        if (silenced.has(s.id) || (wildcard && silenced.has("*"))) lost.push(s);
        else alive.push(s.id);
      }
      return { alive, lost };
    };

    const beat = new Date(now);
    const c = split(cs, false);
    if (c.alive.length)
      tx.update(configurationServers)
        .set({ lastHeartbeatAt: beat, health: "healthy" })
        .where(inArray(configurationServers.id, c.alive))
        .run();
    for (const s of c.lost) {
      const health = heartbeatHealth(s.lastHeartbeatAt, now);
      if (health !== s.health) tx.update(configurationServers).set({ health }).where(eq(configurationServers.id, s.id)).run();
    }

    const p = split(ps, true);
    if (p.alive.length)
      tx.update(processServers).set({ lastHeartbeatAt: beat, health: "healthy" }).where(inArray(processServers.id, p.alive)).run();
    // A process server back from a silence: its items' replication resumes from now (no points for
    // the outage), so the replication tick takes them at once rather than at their next wake.
    const revived = ps.filter((s) => s.health !== "healthy" && p.alive.includes(s.id)).map((s) => s.id);
    if (revived.length) tx.update(replicatedItems).set({ simulateAt: 0 }).where(inArray(replicatedItems.processServerId, revived)).run();
    for (const s of p.lost) {
      const health = heartbeatHealth(s.lastHeartbeatAt, now);
      if (health !== s.health) tx.update(processServers).set({ health }).where(eq(processServers.id, s.id)).run();
    }

    // Master targets have no health column: their heartbeat age is their health.
    const m = split(
      mt.map((x) => ({ id: x.id, lastHeartbeatAt: x.lastHeartbeatAt, health: "healthy" as Health })),
      false,
    );
    if (m.alive.length) tx.update(masterTargets).set({ lastHeartbeatAt: beat }).where(inArray(masterTargets.id, m.alive)).run();
  });
}
