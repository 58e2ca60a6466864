/**
 * What every item verb and item job shares: the verb's opening (validate, load, the state
 * verdict as an error), the guarded transition that takes the item's lock, and the job-side
 * finish/restore that releases it.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { preparedQuery, type DbOrTx, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { ActiveLocation, ItemState, ReplicationDirection } from "@/db/schema";
import { assertStepsValid, enqueueJob } from "@/server/jobs/engine";
import type { JobRow, StepSpec } from "@/server/jobs/types";
import { fabricFor } from "@/server/fabric";
import type { FabricPort } from "@/server/fabric/port";
import { DomainError, conflictInProgress } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb, type VerbContext } from "../verb";
import { planMemberJob } from "../steps";
import { canPerform, IN_PROGRESS_OF, stageOf, type ItemWorld, type Operation } from "./state";
import { buildCheckWorld, CHECKS_FOR, firstRefusal, proposalFromItem } from "../checks";
import { loadItem, type ItemRow } from "./load";

/** Every item verb names its item. */
export { itemTarget } from "../targets";

/** What an item verb answers: the job it started and what the user should know. */
export type ItemOperationResult = { jobId: string; itemId: string; warnings: string[] };

type ItemSet = Partial<typeof s.replicatedItems.$inferInsert>;
/** An item operation other than Enable replication (which creates the item). */
export type ItemJobOperation = Exclude<Operation, "enable-replication">;
export type ItemJob = { type: string; name: string; steps: StepSpec[]; input: Record<string, unknown> };

export type ItemVerbContext<I> = Omit<VerbContext<I>, "fabric"> & {
  item: ItemRow;
  fabric: FabricPort;
  /** The guarded transition (startItemJob) for this verb's operation; returns the job id. */
  startJob: (job: ItemJob, set?: ItemSet) => string;
};

/**
 * The opening every item verb shares: vaultVerb (input, transaction, now), then the item
 * (NotFound) and the state machine's verdict for `op` (NotAllowed / Conflict). `body` reads top
 * to bottom from there: its own checks, then `startJob`.
 */
export function itemVerb<S extends z.ZodType<{ vaultId: string; itemId: string }>, R>(
  db: DbOrTx,
  schema: S,
  raw: unknown,
  env: VerbEnv | undefined,
  op: ItemJobOperation,
  body: (c: ItemVerbContext<z.output<S>>) => R,
): R {
  return vaultVerb(db, schema, raw, env, ({ tx, input, now, fabric: fabricOf }) => {
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = fabricOf();
    assertAllowed(op, item, itemWorld(tx, fabric, item));
    const startJob = env?.checkOnly
      ? (job: ItemJob) => checkItemJob(job)
      : (job: ItemJob, set?: ItemSet) =>
          startItemJob(tx, item, op, now, { ...(env?.memberOf ? planMemberJob(job, env.memberOf) : job), userId: env?.userId }, set);
    return body({ tx, input, now, item, fabric, startJob });
  });
}

const pointCountQuery = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(s.recoveryPoints)
    .where(
      and(eq(s.recoveryPoints.replicatedItemId, sql.placeholder("itemId")), eq(s.recoveryPoints.direction, sql.placeholder("direction"))),
    )
    .prepare(),
);

/** Facts the state machine needs beyond the row. */
export function itemWorld(db: DbOrTx, fabric: FabricPort, item: ItemRow): ItemWorld {
  const n = pointCountQuery(db).get({ itemId: item.id, direction: item.replicationDirection })?.n ?? 0;
  const vm = fabric.azureVm(item.azureVmId);
  return { recoveryPointCount: n, azureVmExists: !!vm && !vm.deleted, failbackRefusal: failbackRefusal(db, fabric, item) };
}

/**
 * The failback failover's prerequisite checks (those its verb and its Prerequisites step run) on
 * the values the item's re-protect stored: their first refusal, or null. Only asked where the
 * state machine would otherwise allow the failback (stage 4, no job running).
 */
function failbackRefusal(db: DbOrTx, fabric: FabricPort, item: ItemRow): DomainError | null {
  if (stageOf(item) !== 4 || item.currentJobId) return null;
  const input = { ...proposalFromItem(item), purpose: "failback-failover" as const };
  try {
    return firstRefusal(buildCheckWorld(db, fabric, item, input), input, CHECKS_FOR["failover-to-on-premises"]);
  } catch (err) {
    // The machine or configuration server is gone: the verb refuses with the same error.
    if (err instanceof DomainError) return err;
    throw err;
  }
}

/**
 * Throws the state machine's refusal: Conflict when another operation runs, the prerequisite
 * check's own refusal for a failback it stops, NotAllowed otherwise.
 */
export function assertAllowed(op: Operation, item: ItemRow, world: ItemWorld): void {
  const v = canPerform(op, item, world);
  if (v.allowed) return;
  if (v.code === CODES.operationInProgress) throw conflictInProgress(item.name);
  if (world.failbackRefusal instanceof DomainError && v.code === world.failbackRefusal.code) throw world.failbackRefusal;
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
  fields?: ItemSet;
};

/**
 * What startItemJob would refuse, without writing (VerbEnv.checkOnly): the guarded update cannot
 * miss in the verb's own transaction (the state machine refused a busy item already), so what is
 * left is the job's steps. Answers no job id.
 */
function checkItemJob(job: ItemJob): string {
  assertStepsValid(job.type, job.steps);
  return "";
}

/**
 * The guarded update: expected state AND no current job in the WHERE, so of two concurrent
 * requests exactly one wins. Sets the in-progress state and the lock, then enqueues the job.
 */
export function startItemJob(
  tx: Tx,
  item: ItemRow,
  op: ItemJobOperation,
  now: Date,
  job: ItemJob & { userId?: string | null },
  set: ItemSet = {},
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

const lockedItemQuery = preparedQuery((db) =>
  db
    .select()
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.id, sql.placeholder("itemId")), eq(s.replicatedItems.currentJobId, sql.placeholder("jobId"))))
    .prepare(),
);

/** The item a job works on, only while the job holds its lock (so re-running a finished step is a no-op). */
export function lockedItem(tx: DbOrTx, job: JobRow): ItemRow | null {
  return lockedItemQuery(tx).get({ itemId: job.targetId, jobId: job.id }) ?? null;
}

/** Final step: the item reaches its new state and the lock is released. */
export function finishItemJob(tx: DbOrTx, job: JobRow, now: Date, set: ItemSet): void {
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
  const op = job.input.operation as ItemJobOperation | undefined;
  if (!prev || !op) return;
  const res = tx
    .update(s.replicatedItems)
    .set({
      ...((job.input.startSet as ItemSet | undefined) ?? {}),
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
