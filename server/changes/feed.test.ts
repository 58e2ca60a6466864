import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { isTrackedEnvelope } from "@trpc/server";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, seedVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import { createCaller } from "@/server/api/root";
import { createContext, type SessionUser } from "@/server/api/trpc";
import { errorCodeOf } from "@/server/api/test-support";
import type { VaultChangeEvent } from "@/server/api/routers/changes";
import { JobEngine, enqueueJob } from "@/server/jobs/engine";
import { ManualClock, setSimulationSpeed } from "@/server/jobs/clock";
import { refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import { setFault } from "@/server/domain/lab/faults";
import { registerJobDefinition, unregisterJobDefinition } from "@/server/jobs/registry";
import { ChangeQueue, HEARTBEAT_STEP_MS, MAX_IDS, publishChanges, subscribeChanges, type ChangeBatch } from "./feed";

const A = DEMO_VAULT_ID;
const B = "feed-other-vault";
let db: DB;
let itemA: string;
let itemB: string;

beforeAll(() => registerJobDefinition({ type: "t-feed", steps: { a: () => {}, b: () => {} } }));
afterAll(() => unregisterJobDefinition("t-feed"));

beforeEach(() => {
  db = memoryDb();
  seedDemoVault(db);
  seedVault(db, { id: B });
  itemA = db.select({ id: s.replicatedItems.id }).from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, A)).get()!.id;
  itemB = db.select({ id: s.replicatedItems.id }).from(s.replicatedItems).where(eq(s.replicatedItems.vaultId, B)).get()!.id;
});

const touch = (tx: Pick<DB, "update">, id: string, set: Partial<typeof s.replicatedItems.$inferInsert> = { notes: ["touched"] }) =>
  tx.update(s.replicatedItems).set(set).where(eq(s.replicatedItems.id, id)).run();

const enqueue = (vaultId: string) =>
  db.transaction((tx) =>
    enqueueJob(tx, {
      vaultId,
      type: "t-feed",
      name: "Feed test",
      targetType: "replicated-item",
      targetId: "x",
      targetName: "x",
      steps: ["a", "b"].map((key) => ({ key, name: key, durationSeconds: 60 })),
    }),
  );

function listen(vaultId: string) {
  const batches: ChangeBatch[] = [];
  const stop = subscribeChanges(db, vaultId, (b) => batches.push(b));
  return { batches, stop };
}

describe("change feed", () => {
  it("publishes a vault's changes after the transaction commits, never inside it", () => {
    const a = listen(A);
    db.transaction((tx) => {
      touch(tx, itemA);
      publishChanges(db); // inside: nothing is committed yet
      expect(a.batches).toEqual([]);
    });
    expect(a.batches).toEqual([]);
    publishChanges(db);
    expect(a.batches).toHaveLength(1);
    expect(a.batches[0]!.changes).toEqual([{ kind: "item", ids: [itemA], counts: false }]);
    publishChanges(db); // drained: nothing twice
    expect(a.batches).toHaveLength(1);
    a.stop();
  });

  it("sends nothing for a rolled-back transaction or savepoint", () => {
    const a = listen(A);
    expect(() =>
      db.transaction((tx) => {
        touch(tx, itemA);
        throw new Error("refused");
      }),
    ).toThrow("refused");
    db.transaction((tx) => {
      try {
        tx.transaction((sp) => {
          touch(sp, itemA, { state: "failover-committed" });
          throw new Error("dry run");
        });
      } catch {
        /* the savepoint rolled back */
      }
    });
    publishChanges(db);
    expect(a.batches).toEqual([]);
    a.stop();
  });

  it("filters by vault: another vault's changes reach only its own listeners", () => {
    const a = listen(A);
    const b = listen(B);
    touch(db, itemB, { replicationHealth: "critical" });
    publishChanges(db);
    expect(a.batches).toEqual([]);
    expect(b.batches.map((x) => x.changes)).toEqual([[{ kind: "item", ids: [itemB], counts: true }]]);
    a.stop();
    b.stop();
  });

  it("flags what moves counts, ignores the simulation's bookkeeping, and names jobs and plans", () => {
    const a = listen(A);
    touch(db, itemA, { simulateAt: 123 });
    publishChanges(db);
    expect(a.batches).toEqual([]);
    touch(db, itemA, { state: "failover-committed" });
    const jobId = enqueue(A);
    const planId = db.select({ id: s.recoveryPlans.id }).from(s.recoveryPlans).where(eq(s.recoveryPlans.vaultId, A)).get()!.id;
    db.update(s.recoveryPlans).set({ name: "renamed" }).where(eq(s.recoveryPlans.id, planId)).run();
    publishChanges(db);
    expect(a.batches[0]!.changes).toEqual(
      expect.arrayContaining([
        { kind: "item", ids: [itemA], counts: true },
        { kind: "job", ids: [jobId], counts: true },
        { kind: "plan", ids: [planId], counts: false },
      ]),
    );
    a.stop();
  });

  it("publishes the job engine's step commits once per tick, and nothing once the last stream closed", () => {
    const clock = new ManualClock(Date.now());
    const engine = new JobEngine({ db, clock });
    const jobId = enqueue(A);
    const a = listen(A);
    engine.tick(); // started: status not-started → in-progress
    expect(a.batches.at(-1)!.changes).toEqual([{ kind: "job", ids: [jobId], counts: true }]);
    clock.advance(60_000);
    engine.tick(); // step a done, b started: same status
    expect(a.batches.at(-1)!.changes).toEqual([{ kind: "job", ids: [jobId], counts: false }]);
    a.stop();
    const count = a.batches.length;
    clock.advance(60_000);
    engine.tick();
    expect(a.batches).toHaveLength(count);
    // No stream: no capture triggers, nothing accumulates.
    const triggers = db.$client.prepare("select count(*) as n from sqlite_temp_master where type = 'trigger'").get() as { n: number };
    expect(triggers.n).toBe(0);
  });

  it("publishes the infrastructure a change touches (health, discovery, step results), a heartbeat once per step, and the Lab's switches", () => {
    const a = listen(A);
    const b = listen(B);
    // Just after a heartbeat step's mark, so the next ticks stay within the step.
    const t0 = (Math.floor(Date.now() / HEARTBEAT_STEP_MS) + 1) * HEARTBEAT_STEP_MS + 1_000;
    refreshHeartbeats(db, A, new Date(t0));
    publishChanges(db);
    a.batches.length = 0;
    // Every tick's heartbeats, changing nothing else within a step: nothing to publish.
    refreshHeartbeats(db, A, new Date(t0 + 1_000));
    refreshHeartbeats(db, A, new Date(t0 + HEARTBEAT_STEP_MS - 2_000));
    publishChanges(db);
    expect(a.batches).toEqual([]);
    // Once the heartbeats cross the next mark, every server that beat is published: its "Last heartbeat" moved.
    refreshHeartbeats(db, A, new Date(t0 + HEARTBEAT_STEP_MS));
    publishChanges(db);
    expect(a.batches).toHaveLength(1);
    expect(a.batches[0]!.changes).toEqual([
      { kind: "infrastructure", ids: expect.arrayContaining(["ps-cs-01", "mt-cs-01"]) as string[], counts: true },
    ]);
    refreshHeartbeats(db, A, new Date(t0 + HEARTBEAT_STEP_MS + 1_000));
    publishChanges(db);
    expect(a.batches).toHaveLength(1);
    // The Lab silences ps-cs-01; 20 minutes on, its health follows.
    setFault(db, { vaultId: A, fault: "process-server-heartbeat-lost", targetId: "ps-cs-01" });
    publishChanges(db);
    expect(a.batches.at(-1)!.changes).toEqual([{ kind: "lab", ids: ["process-server-heartbeat-lost"], counts: true }]);
    // ps-cs-01 no longer beats, so it is published for its health; the other servers for their heartbeats' step.
    refreshHeartbeats(db, A, new Date(t0 + 20 * 60_000));
    publishChanges(db);
    expect(a.batches.at(-1)!.changes).toEqual([
      { kind: "infrastructure", ids: expect.arrayContaining(["ps-cs-01", "mt-cs-01"]) as string[], counts: true },
    ]);
    const silenced = db.select().from(s.processServers).where(eq(s.processServers.id, "ps-cs-01")).get()!;
    expect(silenced.lastHeartbeatAt!.getTime()).toBeLessThan(t0 + HEARTBEAT_STEP_MS + 1_000 + 1);
    // A discovery's result (a datastore's free space), a master target's checklist, a retention volume: by id.
    db.update(s.datastores).set({ freeGb: 1 }).where(eq(s.datastores.id, "ds-prod-01")).run();
    db.update(s.masterTargets)
      .set({ checkedAt: new Date(t0) })
      .where(eq(s.masterTargets.id, "mt-cs-01"))
      .run();
    db.update(s.retentionVolumes).set({ locked: true }).where(eq(s.retentionVolumes.id, "rv-cs-01-r")).run();
    publishChanges(db);
    expect(a.batches.at(-1)!.changes).toEqual([
      { kind: "infrastructure", ids: expect.arrayContaining(["ds-prod-01", "mt-cs-01", "rv-cs-01-r"]) as string[], counts: true },
    ]);
    // The simulation speed is the Lab's too.
    setSimulationSpeed(db, A, 120);
    publishChanges(db);
    expect(a.batches.at(-1)!.changes).toEqual([{ kind: "lab", ids: [A], counts: true }]);
    // Nothing of it reaches another vault; that vault's own infrastructure reaches it.
    expect(b.batches).toEqual([]);
    const otherPs = db
      .select({ id: s.processServers.id })
      .from(s.processServers)
      .all()
      .find((p) => p.id.startsWith(`${B}-`))!.id;
    db.update(s.processServers).set({ loadPercent: 90 }).where(eq(s.processServers.id, otherPs)).run();
    publishChanges(db);
    expect(b.batches.map((x) => x.changes)).toEqual([[{ kind: "infrastructure", ids: [otherPs], counts: true }]]);
    a.stop();
    b.stop();
  });

  it("every captured table can still be written while a stream listens (its triggers name only columns it has)", () => {
    const a = listen(A);
    const client = db.$client;
    const tables = (
      client.prepare("select distinct tbl_name as t from sqlite_temp_master where type = 'trigger'").all() as { t: string }[]
    ).map((r) => r.t);
    expect(tables).toEqual(
      expect.arrayContaining(["replicated_items", "jobs", "process_servers", "machines", "run_as_accounts", "vcenters"]),
    );
    for (const t of tables) {
      // Preparing a write compiles its table's triggers: a trigger naming a missing column fails here.
      const col = (client.prepare(`select name from pragma_table_info('${t}')`).all() as { name: string }[])[0]!.name;
      expect(() => client.prepare(`UPDATE main."${t}" SET "${col}" = "${col}" WHERE 0`), t).not.toThrow();
      expect(() => client.prepare(`DELETE FROM main."${t}" WHERE 0`), t).not.toThrow();
      expect(() => client.prepare(`INSERT INTO main."${t}" SELECT * FROM main."${t}" WHERE 0`), t).not.toThrow();
    }
    // And a real write of each kind of infrastructure row without a heartbeat is published.
    db.update(s.machines).set({ exists: false }).where(eq(s.machines.id, "m-big-fs-01")).run();
    db.update(s.runAsAccounts).set({ friendlyName: "renamed" }).where(eq(s.runAsAccounts.id, "acct-linux-root")).run();
    db.update(s.vcenters).set({ ip: "10.0.0.99" }).where(eq(s.vcenters.id, "vcenter-01")).run();
    publishChanges(db);
    expect(a.batches.at(-1)!.changes).toEqual([
      { kind: "infrastructure", ids: expect.arrayContaining(["m-big-fs-01", "acct-linux-root", "vcenter-01"]) as string[], counts: true },
    ]);
    a.stop();
  });

  it("merges batches a slow stream has not read yet, and says 'many' beyond MAX_IDS", async () => {
    const q = new ChangeQueue();
    q.push({ vaultId: A, version: 1, changes: [{ kind: "item", ids: ["a"], counts: false }] });
    q.push({ vaultId: A, version: 2, changes: [{ kind: "item", ids: ["b", "a"], counts: true }] });
    expect(await q.next(undefined, 10)).toEqual({ version: 2, changes: [{ kind: "item", ids: ["a", "b"], counts: true }] });
    const many = Array.from({ length: MAX_IDS + 1 }, (_, i) => `i${i}`);
    q.push({ vaultId: A, version: 3, changes: [{ kind: "item", ids: many, counts: false }] });
    expect((await q.next(undefined, 10)).changes[0]!.ids).toBeNull();
    expect(await q.next(undefined, 5)).toEqual({ version: 3, changes: [] });
  });
});

describe("changes.onVault (SSE procedure)", () => {
  let operator: SessionUser;
  let outsider: SessionUser;
  beforeEach(() => {
    const opId = insertUser(db, { name: "op", email: "op@contoso.test", passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId: A, userId: opId, role: "operator", createdAt: new Date() }).run();
    operator = { id: opId, email: "op@contoso.test", name: "op" };
    const outId = insertUser(db, { name: "out", email: "out@contoso.test", passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId: B, userId: outId, role: "owner", createdAt: new Date() }).run();
    outsider = { id: outId, email: "out@contoso.test", name: "out" };
  });

  const callerOf = async (user: SessionUser, signal?: AbortSignal) =>
    createCaller(await createContext({ db, headers: new Headers(), user }), { signal });
  const unwrap = (v: unknown): VaultChangeEvent => (isTrackedEnvelope(v) ? (v[1] as VaultChangeEvent) : (v as VaultChangeEvent));

  it("opens with a resync, then names what a committed mutation changed, and nothing of another vault", async () => {
    const ac = new AbortController();
    const api = await callerOf(operator, ac.signal);
    const jobA = enqueue(A);
    const stream = (await api.changes.onVault({ vaultId: A })) as AsyncIterable<unknown>;
    const it = stream[Symbol.asyncIterator]();
    expect(unwrap((await it.next()).value).kind).toBe("resync");
    // Another vault's change, then a cancel in this vault through its router mutation.
    touch(db, itemB, { replicationHealth: "critical" });
    publishChanges(db);
    await api.jobs.cancel({ vaultId: A, jobId: jobA });
    const event = unwrap((await it.next()).value);
    expect(event).toMatchObject({ kind: "job", ids: [jobA], counts: true });
    expect(event.version).toBeGreaterThan(0);
    ac.abort();
    await it.return?.();
  });

  it("refuses a caller without a role in the vault, and ends the stream of a member who is removed", async () => {
    expect(await errorCodeOf((async () => (await callerOf(outsider)).changes.onVault({ vaultId: A }))())).toBe("NOT_FOUND");
    const stream = (await (await callerOf(operator)).changes.onVault({ vaultId: A })) as AsyncIterable<unknown>;
    const it = stream[Symbol.asyncIterator]();
    expect(unwrap((await it.next()).value).kind).toBe("resync");
    db.delete(s.vaultMembers).where(eq(s.vaultMembers.userId, operator.id)).run();
    touch(db, itemA);
    publishChanges(db);
    expect(await errorCodeOf(it.next())).toBe("NOT_FOUND");
  });
});
