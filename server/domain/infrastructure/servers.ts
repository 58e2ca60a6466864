/**
 * A process server's or master target's own page: heartbeat, load against the portal's thresholds,
 * the items using it; and Delete, allowed once nothing uses it.
 */
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ServerPerformance } from "@/server/fabric/port";
import { DomainError, notFound } from "../errors";
import { CODES } from "../checks/codes";
import { envFabric, envNow, type VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { deleteServerInput, type DeleteServerInput } from "./inputs";
import { findConfigurationServer } from "./load";
import { masterTargetChecklist } from "./master-target-checks";
import { registrationRefusal } from "./register-process-server";
import { JOB_TYPES } from "../steps";

export { deleteServerInput };
export type { DeleteServerInput };

export type LoadLevel = "normal" | "warning" | "critical";

/** CPU and memory: above 80 % a warning, above 95 % critical. */
export const usageLevel = (percent: number): LoadLevel => (percent > 95 ? "critical" : percent > 80 ? "warning" : "normal");
/** Free cache space: under 30 % a warning, under 25 % critical. */
export const freeSpaceLevel = (percent: number): LoadLevel => (percent < 25 ? "critical" : percent < 30 ? "warning" : "normal");

function thresholds(p: ServerPerformance) {
  return {
    cpu: { percent: p.cpuPercent, level: usageLevel(p.cpuPercent) },
    memory: { percent: p.memoryPercent, level: usageLevel(p.memoryPercent) },
    freeCache: { percent: p.freeCachePercent, level: freeSpaceLevel(p.freeCachePercent) },
  };
}

type ServerKind = "process-server" | "master-target";
const column = (kind: ServerKind) => (kind === "process-server" ? s.replicatedItems.processServerId : s.replicatedItems.masterTargetId);

/** The server of that kind in the vault with its configuration server (not found when it is not in the vault). */
function loadServer<K extends ServerKind>(db: DbOrTx, vaultId: string, kind: K, id: string) {
  const table = kind === "process-server" ? s.processServers : s.masterTargets;
  const row = db.select().from(table).where(eq(table.id, id)).get() as
    (K extends "process-server" ? typeof s.processServers.$inferSelect : typeof s.masterTargets.$inferSelect) | undefined;
  const cs = row ? findConfigurationServer(db, vaultId, row.configurationServerId) : undefined;
  if (!row || !cs) throw notFound(kind === "process-server" ? "Process server" : "Master target server", id);
  return { row, cs };
}

/** The replicated items (not disabled) that replicate through the server. */
function itemsUsing(db: DbOrTx, kind: ServerKind, id: string) {
  return db
    .select({ id: s.replicatedItems.id, name: s.replicatedItems.name, state: s.replicatedItems.state })
    .from(s.replicatedItems)
    .where(and(eq(column(kind), id), ne(s.replicatedItems.state, "replication-disabled")))
    .orderBy(asc(s.replicatedItems.name))
    .all();
}

/** The process server's latest Register job (its status, and its error when it failed). */
function lastRegistration(db: DbOrTx, vaultId: string, psId: string) {
  const job = db
    .select({ id: s.jobs.id, status: s.jobs.status, error: s.jobs.error, createdAt: s.jobs.createdAt })
    .from(s.jobs)
    .where(and(eq(s.jobs.vaultId, vaultId), eq(s.jobs.targetId, psId), eq(s.jobs.type, JOB_TYPES.registerProcessServer)))
    .orderBy(desc(s.jobs.createdAt), desc(s.jobs.id))
    .limit(1)
    .get();
  return job ? { jobId: job.id, status: job.status, error: job.status === "failed" ? job.error : null } : null;
}

export function getProcessServer(db: DbOrTx, vaultId: string, id: string, env?: VerbEnv) {
  const { row, cs } = loadServer(db, vaultId, "process-server", id);
  const view = envFabric(db, vaultId, envNow(db, vaultId, env), env).processServer(id)!;
  const items = itemsUsing(db, "process-server", id);
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    ip: row.ip,
    httpsPort: row.httpsPort,
    dataPort: row.dataPort,
    status: row.status,
    health: row.health,
    lastHeartbeatAt: row.lastHeartbeatAt,
    heartbeatOk: view.heartbeatOk,
    configurationServer: { id: cs.id, name: cs.name },
    load: thresholds(view.performance),
    /** Register (the second job): null when it can run, else why not. */
    registerBlockedReason: registrationRefusal(row, cs.name)?.message ?? null,
    lastRegistration: lastRegistration(db, vaultId, row.id),
    items,
    deleteBlockedReason: deleteRefusal(row, items)?.message ?? null,
  };
}

export function getMasterTarget(db: DbOrTx, vaultId: string, id: string, env?: VerbEnv) {
  const { row, cs } = loadServer(db, vaultId, "master-target", id);
  const f = envFabric(db, vaultId, envNow(db, vaultId, env), env);
  const view = f.masterTarget(id)!;
  const items = itemsUsing(db, "master-target", id);
  return {
    id: row.id,
    name: row.name,
    ip: row.ip,
    osType: row.osType,
    osName: row.osName,
    onConfigurationServer: row.onConfigurationServer,
    lastHeartbeatAt: row.lastHeartbeatAt,
    configurationServer: { id: cs.id, name: cs.name },
    load: thresholds(view.performance),
    ...masterTargetChecklist(f, row),
    retentionVolumes: f.retentionVolumes(id).map((v) => ({ id: v.id, name: v.name, freeGb: v.freeGb, capacityGb: v.capacityGb })),
    items,
    deleteBlockedReason: deleteRefusal(row, items)?.message ?? null,
  };
}

/**
 * Why a process server or master target cannot be deleted: the master target installed on the
 * configuration server goes with it; a server replicated items use stays. The verb refuses with it
 * and the server's page disables Delete with its message.
 */
export function deleteRefusal(row: { name: string; onConfigurationServer?: boolean }, items: { name: string }[]): DomainError | null {
  if (row.onConfigurationServer)
    return new DomainError("NotAllowed", {
      code: CODES.serverInUse,
      message: `${row.name} is installed on the configuration server and is removed with it; it cannot be deleted on its own.`,
      recommendedAction: "Keep it, or add another master target for failback.",
    });
  if (items.length)
    return new DomainError("NotAllowed", {
      code: CODES.serverInUse,
      message: `${row.name} is used by ${items.length} replicated item${items.length === 1 ? "" : "s"} (${items.map((i) => i.name).join(", ")}).`,
      possibleCauses: "Replication of these items goes through it.",
      recommendedAction: "Re-protect or disable replication of these items with another server first, then delete it.",
    });
  return null;
}

/** Delete a process server or master target that nothing uses (refused with the items that use it). */
export function deleteServer(db: DbOrTx, raw: DeleteServerInput, env?: VerbEnv): { deleted: string } {
  return vaultVerb(db, deleteServerInput, raw, env, ({ tx, input }) => {
    const { row } = loadServer(tx, input.vaultId, input.kind, input.serverId);
    const refusal = deleteRefusal(row, itemsUsing(tx, input.kind, row.id));
    if (refusal) throw refusal;
    const table = input.kind === "process-server" ? s.processServers : s.masterTargets;
    tx.delete(table).where(eq(table.id, row.id)).run();
    return { deleted: row.name };
  });
}
