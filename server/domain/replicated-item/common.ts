/**
 * What every item verb and item job shares: loading, the state verdict as an error, the guarded
 * transition that takes the item's lock, and the job-side finish/restore that releases it.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { ActiveLocation, ItemState, ReplicationDirection } from "@/db/schema";
import { enqueueJob } from "@/server/jobs/engine";
import { simulatedNow } from "@/server/jobs/clock";
import type { JobRow, StepSpec } from "@/server/jobs/types";
import { fabricFor } from "@/server/fabric";
import type { FabricFactory, FabricPort } from "@/server/fabric/port";
import { DomainError, conflictInProgress } from "../errors";
import { CODES } from "../checks/codes";
import { canPerform, IN_PROGRESS_OF, type ItemWorld, type Operation } from "./state";
import type { ItemRow } from "../checks/world";

/** What a verb needs besides the database: simulated time, the caller, the fabric. All optional. */
export type VerbEnv = { now?: Date; userId?: string | null; fabric?: FabricFactory };

export function envNow(db: DbOrTx, vaultId: string, env: VerbEnv | undefined): Date {
  return env?.now ?? simulatedNow(db, vaultId);
}

export function envFabric(db: DbOrTx, vaultId: string, now: Date, env: VerbEnv | undefined): FabricPort {
  return env?.fabric ? env.fabric(db, vaultId, now) : fabricFor(db, vaultId, now);
}

/** Facts the state machine needs beyond the row. */
export function itemWorld(db: DbOrTx, fabric: FabricPort, item: ItemRow): ItemWorld {
  const dir = item.replicationDirection;
  const n =
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.recoveryPoints)
      .where(and(eq(s.recoveryPoints.replicatedItemId, item.id), eq(s.recoveryPoints.direction, dir)))
      .get()?.n ?? 0;
  const vm = fabric.azureVm(item.azureVmId);
  return { recoveryPointCount: n, azureVmExists: !!vm && !vm.deleted };
}

/** Throws the state machine's refusal: Conflict when another operation runs, NotAllowed otherwise. */
export function assertAllowed(op: Operation, item: ItemRow, world: ItemWorld): void {
  const v = canPerform(op, item, world);
  if (v.allowed) return;
  if (v.code === CODES.operationInProgress) throw conflictInProgress(item.name);
  throw new DomainError("NotAllowed", {
    code: v.code ?? CODES.operationNotAllowed,
    message: v.reason ?? `${op} is not allowed now.`,
    possibleCauses: "The operation does not apply to the item's current stage of the round trip.",
    recommendedAction: v.recommendedAction ?? "",
  });
}

export type Previous = {
  state: ItemState;
  activeLocation: ActiveLocation;
  replicationDirection: ReplicationDirection;
  fields?: Partial<typeof s.replicatedItems.$inferInsert>;
};

/**
 * The guarded update: expected state AND no current job in the WHERE, so of two concurrent
 * requests exactly one wins. Sets the in-progress state and the lock, then enqueues the job.
 */
export function startItemJob(
  tx: Tx,
  item: ItemRow,
  op: Exclude<Operation, "enable-replication">,
  now: Date,
  job: { type: string; name: string; steps: StepSpec[]; input: Record<string, unknown>; userId?: string | null },
  set: Partial<typeof s.replicatedItems.$inferInsert> = {},
): string {
  const jobId = crypto.randomUUID();
  const previous: Previous = {
    state: item.state,
    activeLocation: item.activeLocation,
    replicationDirection: item.replicationDirection,
    fields: Object.fromEntries(Object.keys(set).map((k) => [k, (item as Record<string, unknown>)[k] ?? null])),
  };
  const res = tx
    .update(s.replicatedItems)
    .set({ ...set, state: IN_PROGRESS_OF[op], currentJobId: jobId, version: item.version + 1, updatedAt: now })
    .where(and(eq(s.replicatedItems.id, item.id), eq(s.replicatedItems.state, item.state), isNull(s.replicatedItems.currentJobId)))
    .run();
  if (res.changes !== 1) throw conflictInProgress(item.name);
  enqueueJob(tx, {
    id: jobId,
    now,
    vaultId: item.vaultId,
    type: job.type,
    name: job.name,
    targetType: "replicated-item",
    targetId: item.id,
    targetName: item.name,
    input: { ...job.input, operation: op, previous, startSet: set },
    steps: job.steps,
    createdBy: job.userId ?? null,
  });
  return jobId;
}

/** The item a job works on, only while the job holds its lock (so re-running a finished step is a no-op). */
export function lockedItem(tx: DbOrTx, job: JobRow): ItemRow | null {
  return (
    tx
      .select()
      .from(s.replicatedItems)
      .where(and(eq(s.replicatedItems.id, job.targetId), eq(s.replicatedItems.currentJobId, job.id)))
      .get() ?? null
  );
}

/** Final step: the item reaches its new state and the lock is released. */
export function finishItemJob(tx: DbOrTx, job: JobRow, now: Date, set: Partial<typeof s.replicatedItems.$inferInsert>): void {
  tx.update(s.replicatedItems)
    .set({ ...set, currentJobId: null, updatedAt: now, version: sql`${s.replicatedItems.version} + 1` })
    .where(and(eq(s.replicatedItems.id, job.targetId), eq(s.replicatedItems.currentJobId, job.id)))
    .run();
}

/** onFailed / onCancelled: back to where the item was, lock released. */
export function restoreItem(tx: DbOrTx, job: JobRow, now: Date): void {
  const prev = job.input.previous as Previous | undefined;
  if (!prev) return;
  finishItemJob(tx, job, now, {
    ...(prev.fields ?? {}),
    state: prev.state,
    activeLocation: prev.activeLocation,
    replicationDirection: prev.replicationDirection,
  });
}

/** onRestart: take the lock again from the restored state, or refuse. */
export function relockItem(tx: DbOrTx, job: JobRow, now: Date): void {
  const prev = job.input.previous as Previous | undefined;
  const op = job.input.operation as Exclude<Operation, "enable-replication"> | undefined;
  if (!prev || !op) return;
  const res = tx
    .update(s.replicatedItems)
    .set({
      ...((job.input.startSet as Partial<typeof s.replicatedItems.$inferInsert> | undefined) ?? {}),
      state: IN_PROGRESS_OF[op],
      currentJobId: job.id,
      updatedAt: now,
    })
    .where(and(eq(s.replicatedItems.id, job.targetId), eq(s.replicatedItems.state, prev.state), isNull(s.replicatedItems.currentJobId)))
    .run();
  if (res.changes !== 1) throw conflictInProgress(job.targetName);
}

export function jobFabric(tx: DbOrTx, job: JobRow, now: Date): FabricPort {
  return fabricFor(tx, job.vaultId, now);
}
