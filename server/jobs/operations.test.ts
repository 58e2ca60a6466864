import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { memoryDb, migrateDb, openDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { jobs, jobSteps, vaults } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { ManualClock } from "./clock";
import { JobEngine, enqueueJob } from "./engine";
import { cancelJob, restartJob, resumeJob } from "./operations";
import { getJob, listJobs } from "./progress";
import { registerJobDefinition, unregisterJobDefinition } from "./registry";
import type { JobDefinition, JobSpec } from "./types";

const SEC = 1000;
const vaultId = DEMO_VAULT_ID;

let db: DB;
let clock: ManualClock;
let engine: JobEngine;
let failB: boolean;
let calls: string[];
const onCancelled = vi.fn();
const onRestart = vi.fn();

const def: JobDefinition = {
  type: "t-ops",
  steps: {
    a: () => void calls.push("a"),
    b: () => {
      calls.push("b");
      if (failB)
        throw new DomainError("NotAllowed", {
          code: "8061",
          message: "The master target has no heartbeat.",
          recommendedAction: "Start it.",
        });
    },
    manual: () => ({ waitForInput: true, message: "Do the manual action" }),
    c: () => void calls.push("c"),
  },
  onCancelled: (ctx) => onCancelled(ctx),
  onRestart: (ctx) => onRestart(ctx),
};

const spec = (keys: string[], extra: Partial<JobSpec> = {}): JobSpec => ({
  vaultId,
  type: "t-ops",
  name: "Reprotect",
  targetType: "replicated-item",
  targetId: "app-02",
  targetName: "app-02",
  steps: keys.map((key) => ({ key, name: key, durationSeconds: 10 })),
  now: new Date(clock.now()),
  ...extra,
});
const enqueue = (s: JobSpec, on: DB = db) => on.transaction((tx) => enqueueJob(tx, s));
const job = (id: string, on: DB = db) => on.select().from(jobs).where(eq(jobs.id, id)).get()!;
const steps = (id: string, on: DB = db) => on.select().from(jobSteps).where(eq(jobSteps.jobId, id)).orderBy(jobSteps.ordinal).all();
const snapshot = (id: string) => ({ job: job(id), steps: steps(id) });
const input = (jobId: string) => ({ vaultId, jobId, now: new Date(clock.now()) });

function expectDomainError(fn: () => unknown, kind: DomainError["kind"], code?: string): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe(kind);
    if (code) expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error("expected a DomainError");
}

beforeEach(() => {
  clock = new ManualClock();
  db = memoryDb();
  seedDemoVault(db, clock.now());
  engine = new JobEngine({ db, clock });
  failB = false;
  calls = [];
  onCancelled.mockReset();
  onRestart.mockReset();
  registerJobDefinition(def);
});
afterEach(() => unregisterJobDefinition("t-ops"));

describe("cancelJob", () => {
  it.each(["not-started", "in-progress", "waiting-for-input"] as const)(
    "cancels a %s job and its unfinished steps, then calls onCancelled",
    (status) => {
      const id = enqueue(spec(["a", "manual", "c"]));
      if (status !== "not-started") engine.tick();
      if (status === "waiting-for-input") {
        clock.advance(20 * SEC);
        engine.tick();
      } else if (status === "in-progress") {
        clock.advance(5 * SEC);
      }
      expect(job(id).status).toBe(status);
      const res = cancelJob(db, input(id));
      expect(res).toEqual({ jobId: id, status: "cancelled" });
      const j = job(id);
      expect(j).toMatchObject({ status: "cancelled", stepDueAt: null, cancelRequested: true });
      expect(j.endedAt!.getTime()).toBe(clock.now());
      const st = steps(id);
      if (status === "waiting-for-input") expect(st.map((s) => s.status)).toEqual(["succeeded", "cancelled", "cancelled"]);
      else expect(st.map((s) => s.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
      if (status === "in-progress") expect(st[0]!.progress).toBe(50);
      expect(onCancelled).toHaveBeenCalledTimes(1);
      expect(onCancelled.mock.calls[0]![0].job.status).toBe("cancelled");
      // The engine leaves a cancelled job alone.
      clock.advance(60 * SEC);
      engine.tick();
      expect(job(id).status).toBe("cancelled");
      expect(calls).toEqual(status === "waiting-for-input" ? ["a"] : []);
    },
  );

  it.each(["succeeded", "failed", "cancelled"] as const)(
    "refuses a %s job with NotAllowed naming the status, and changes nothing",
    (status) => {
      const id = enqueue(spec(["a", "b"]));
      failB = status === "failed";
      engine.tick();
      if (status === "cancelled") cancelJob(db, input(id));
      clock.advance(60 * SEC);
      engine.tick();
      expect(job(id).status).toBe(status);
      const before = snapshot(id);
      onCancelled.mockReset();
      const err = expectDomainError(() => cancelJob(db, input(id)), "NotAllowed", "JobNotCancellable");
      expect(err.message).toMatch(/Succeeded|Failed|Cancelled/);
      expect(snapshot(id)).toEqual(before);
      expect(onCancelled).not.toHaveBeenCalled();
    },
  );

  it("rolls back when onCancelled refuses", () => {
    onCancelled.mockImplementation(() => {
      throw new DomainError("NotAllowed", { code: "CannotCancelNow", message: "Not now." });
    });
    const id = enqueue(spec(["a", "b"]));
    engine.tick();
    const before = snapshot(id);
    expectDomainError(() => cancelJob(db, input(id)), "NotAllowed", "CannotCancelNow");
    expect(snapshot(id)).toEqual(before);
  });
});

describe("restartJob", () => {
  it("restarts a failed job from the failed step; earlier steps are not re-run", () => {
    failB = true;
    const id = enqueue(spec(["a", "b", "c"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    expect(job(id).status).toBe("failed");
    expect(calls).toEqual(["a", "b"]);

    failB = false;
    const res = restartJob(db, input(id));
    expect(res).toEqual({ jobId: id, status: "in-progress" });
    expect(onRestart).toHaveBeenCalledTimes(1);
    const j = job(id);
    expect(j).toMatchObject({ status: "in-progress", error: null, endedAt: null, stepDueAt: clock.now() + 10 * SEC });
    const [a, b, c] = steps(id);
    expect(a!.status).toBe("succeeded");
    expect(b).toMatchObject({ status: "in-progress", error: null, endedAt: null });
    expect(b!.startedAt!.getTime()).toBe(clock.now());
    expect(c!.status).toBe("not-started");

    clock.advance(60 * SEC);
    engine.tick();
    expect(job(id).status).toBe("succeeded");
    expect(calls).toEqual(["a", "b", "b", "c"]);
  });

  it("lets the definition refuse a restart, changing nothing", () => {
    failB = true;
    const id = enqueue(spec(["a", "b"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    onRestart.mockImplementation(() => {
      throw new DomainError("NotAllowed", { code: "78093", message: "The item changed since the job failed." });
    });
    const before = snapshot(id);
    expectDomainError(() => restartJob(db, input(id)), "NotAllowed", "78093");
    expect(snapshot(id)).toEqual(before);
  });

  it.each(["not-started", "in-progress", "succeeded"] as const)("refuses a %s job", (status) => {
    const id = enqueue(spec(["a"]));
    if (status !== "not-started") engine.tick();
    if (status === "succeeded") {
      clock.advance(60 * SEC);
      engine.tick();
    }
    expect(job(id).status).toBe(status);
    const before = snapshot(id);
    expectDomainError(() => restartJob(db, input(id)), "NotAllowed", "JobNotRestartable");
    expect(snapshot(id)).toEqual(before);
  });
});

describe("resumeJob", () => {
  it("completes the waiting step and continues the job", () => {
    const id = enqueue(spec(["a", "manual", "c"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    expect(job(id).status).toBe("waiting-for-input");
    const res = resumeJob(db, input(id));
    expect(res).toEqual({ jobId: id, status: "in-progress" });
    const [, manual, c] = steps(id);
    expect(manual).toMatchObject({ status: "succeeded", progress: 100 });
    expect(manual!.endedAt!.getTime()).toBe(clock.now());
    expect(c).toMatchObject({ status: "in-progress" });
    expect(job(id).stepDueAt).toBe(clock.now() + 10 * SEC);
    clock.advance(10 * SEC);
    engine.tick();
    expect(job(id).status).toBe("succeeded");
    expect(calls).toEqual(["a", "c"]);
  });

  it("succeeds the job when the waiting step was the last one", () => {
    const id = enqueue(spec(["a", "manual"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    expect(resumeJob(db, input(id)).status).toBe("succeeded");
    expect(job(id).status).toBe("succeeded");
  });

  it("refuses a job that is not waiting", () => {
    const id = enqueue(spec(["a"]));
    engine.tick();
    const before = snapshot(id);
    const err = expectDomainError(() => resumeJob(db, input(id)), "NotAllowed", "JobNotResumable");
    expect(err.message).toContain("In progress");
    expect(snapshot(id)).toEqual(before);
  });
});

describe("ids and vaults", () => {
  it("answers NotFound for an unknown job and for a job of another vault", () => {
    db.insert(vaults)
      .values({
        id: "other",
        name: "other",
        subscriptionName: "s",
        subscriptionId: "s",
        resourceGroup: "rg",
        region: "r",
        createdAt: new Date(),
      })
      .run();
    const id = enqueue(spec(["a"]));
    for (const op of [cancelJob, restartJob, resumeJob]) {
      expectDomainError(() => op(db, { vaultId, jobId: "nope", now: new Date(clock.now()) }), "NotFound");
      expectDomainError(() => op(db, { vaultId: "other", jobId: id, now: new Date(clock.now()) }), "NotFound");
    }
    expectDomainError(() => getJob(db, { vaultId: "other", jobId: id }), "NotFound");
    expect(job(id).status).toBe("not-started");
  });

  it("works inside a caller's transaction (as runMutation does)", () => {
    const id = enqueue(spec(["a"]));
    db.transaction((tx) => cancelJob(tx, input(id)));
    expect(job(id).status).toBe("cancelled");
  });
});

describe("concurrency", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-ops-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("two operations on one job from two connections: exactly one is accepted", async () => {
    const file = path.join(dir, "portal.db");
    const one = openDb(file);
    migrateDb(one);
    seedDemoVault(one, clock.now());
    const two = openDb(file);
    const id = enqueue(spec(["a", "manual", "c"]), one);
    const eng = new JobEngine({ db: one, clock });
    eng.tick();
    clock.advance(60 * SEC);
    eng.tick();
    expect(job(id, one).status).toBe("waiting-for-input");

    const results = await Promise.allSettled([
      Promise.resolve().then(() => cancelJob(one, input(id))),
      Promise.resolve().then(() => resumeJob(two, input(id))),
      Promise.resolve().then(() => cancelJob(two, input(id))),
    ]);
    const accepted = results.filter((r) => r.status === "fulfilled");
    expect(accepted).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(DomainError);
        expect(["NotAllowed", "Conflict"]).toContain((r.reason as DomainError).kind);
      }
    }
    expect(job(id, two).status).toBe("cancelled");
    one.$client.close();
    two.$client.close();
  });

  it("a second operation on the same job in the same process sees the first one's result", () => {
    const id = enqueue(spec(["a", "manual"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    expect(resumeJob(db, input(id)).status).toBe("succeeded");
    expectDomainError(() => resumeJob(db, input(id)), "NotAllowed");
    expectDomainError(() => cancelJob(db, input(id)), "NotAllowed");
  });
});

describe("progress read model", () => {
  it("computes step and job progress from simulated time and the allowed actions", () => {
    const id = enqueue(spec(["a", "b", "c"]));
    let d = getJob(db, input(id));
    expect(d.progressPercent).toBe(0);
    expect(d.allowed).toEqual({ cancel: true, restart: false, resume: false });
    engine.tick();
    clock.advance(15 * SEC);
    engine.tick(); // a done at +10 s, b running since then
    d = getJob(db, input(id));
    expect(d.steps.map((s) => s.progressPercent)).toEqual([100, 50, 0]);
    expect(d.progressPercent).toBe(50);
    expect(d.job.durationMs).toBe(15 * SEC);
    clock.advance(60 * SEC);
    engine.tick();
    d = getJob(db, input(id));
    expect(d.progressPercent).toBe(100);
    expect(d.allowed).toEqual({ cancel: false, restart: false, resume: false });
    expect(d.job.durationMs).toBe(30 * SEC);
  });

  it("offers restart for a failed job and resume for a waiting one", () => {
    failB = true;
    const failed = enqueue(spec(["a", "b"]));
    const waiting = enqueue(spec(["manual"]));
    engine.tick();
    clock.advance(60 * SEC);
    engine.tick();
    expect(getJob(db, input(failed)).allowed).toEqual({ cancel: false, restart: true, resume: false });
    expect(getJob(db, input(waiting)).allowed).toEqual({ cancel: true, restart: false, resume: true });
  });

  it("lists jobs newest first with filters, search and a cursor", () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(enqueue(spec(["a"], { targetId: i % 2 ? "odd-item" : "even-item", targetName: `item-${i}`, now: new Date(clock.now()) })));
      clock.advance(SEC);
    }
    const now = new Date(clock.now());
    const seeded = listJobs(db, { vaultId, now, limit: 200 }).items.length;
    expect(seeded).toBeGreaterThan(5);

    const first = listJobs(db, { vaultId, now, type: "t-ops", limit: 2 });
    expect(first.items.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toBeTruthy();
    const second = listJobs(db, { vaultId, now, type: "t-ops", limit: 2, cursor: first.nextCursor });
    expect(second.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const third = listJobs(db, { vaultId, now, type: "t-ops", limit: 2, cursor: second.nextCursor });
    expect(third.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();

    expect(listJobs(db, { vaultId, now, targetId: "odd-item" }).items.map((j) => j.id)).toEqual([ids[3], ids[1]]);
    expect(listJobs(db, { vaultId, now, search: "ITEM-4" }).items.map((j) => j.id)).toEqual([ids[4]]);
    expect(listJobs(db, { vaultId, now, search: "%" }).items).toEqual([]);
    expect(listJobs(db, { vaultId, now, status: "failed" }).items.map((j) => j.id)).toEqual(["job-reprotect-erp-app-01"]);
    const item = listJobs(db, { vaultId, now, type: "t-ops", limit: 1 }).items[0]!;
    expect(item).toMatchObject({ status: "not-started", progressPercent: 0, durationMs: null, targetName: "item-4" });
    expect(listJobs(db, { vaultId: "other", now }).items).toEqual([]);
    expectDomainError(() => listJobs(db, { vaultId, now, cursor: "garbage" }), "Invalid");
  });
});
