import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { memoryDb, migrateDb, openDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { jobs, jobSteps, replicatedItems } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { ManualClock } from "./clock";
import { JobEngine, enqueueJob } from "./engine";
import { registerJobDefinition, unregisterJobDefinition } from "./registry";
import type { JobDefinition, JobSpec } from "./types";

const SEC = 1000;
const MIN = 60 * SEC;
const vaultId = DEMO_VAULT_ID;

/** The three-step job most tests run: a (60 s), b (30 s), c (10 s). */
const THREE_STEPS: [string, number][] = [
  ["a", 60],
  ["b", 30],
  ["c", 10],
];

function spec(type: string, steps: [string, number][], extra: Partial<JobSpec> = {}): JobSpec {
  return {
    vaultId,
    type,
    name: `Test ${type}`,
    targetType: "replicated-item",
    targetId: "web-01",
    targetName: "web-01",
    steps: steps.map(([key, durationSeconds]) => ({ key, name: `Step ${key}`, durationSeconds })),
    now: new Date(clock.now()),
    ...extra,
  };
}

function enqueue(db: DB, s: JobSpec): string {
  return db.transaction((tx) => enqueueJob(tx, s));
}

const job = (db: DB, id: string) => db.select().from(jobs).where(eq(jobs.id, id)).get()!;
const steps = (db: DB, id: string) => db.select().from(jobSteps).where(eq(jobSteps.jobId, id)).orderBy(jobSteps.ordinal).all();

let db: DB;
let clock: ManualClock;
let engine: JobEngine;
let calls: string[];
const registered: string[] = [];

function define(def: Omit<JobDefinition, "steps"> & { steps: JobDefinition["steps"] }) {
  registerJobDefinition(def);
  registered.push(def.type);
}

/** A job type whose one step, a, throws `err`. */
function defineThrowing(type: string, err: unknown) {
  define({
    type,
    steps: {
      a: () => {
        throw err;
      },
    },
  });
}

beforeEach(() => {
  clock = new ManualClock();
  db = memoryDb();
  seedDemoVault(db, clock.now());
  engine = new JobEngine({ db, clock });
  calls = [];
  define({
    type: "t-three",
    steps: {
      a: ({ step, now }) => void calls.push(`a@${now.getTime() - clock.now()}:${step.ordinal}`),
      b: () => void calls.push("b"),
      c: () => void calls.push("c"),
    },
  });
});

afterEach(() => {
  while (registered.length) unregisterJobDefinition(registered.pop()!);
});

describe("enqueueJob", () => {
  it("inserts a not-started job and its steps in the caller's transaction", () => {
    const id = enqueue(db, spec("t-three", THREE_STEPS));
    expect(job(db, id)).toMatchObject({ status: "not-started", startedAt: null, type: "t-three" });
    expect(job(db, id).createdAt.getTime()).toBe(clock.now());
    expect(steps(db, id).map((s) => [s.ordinal, s.key, s.status])).toEqual([
      [1, "a", "not-started"],
      [2, "b", "not-started"],
      [3, "c", "not-started"],
    ]);
  });

  it("is rolled back with the caller's transaction", () => {
    expect(() =>
      db.transaction((tx) => {
        enqueueJob(tx, spec("t-three", [["a", 1]], { id: "job-rolled-back" }));
        throw new Error("verb refused");
      }),
    ).toThrow("verb refused");
    expect(db.select().from(jobs).where(eq(jobs.id, "job-rolled-back")).get()).toBeUndefined();
  });
});

describe("JobEngine job budget", () => {
  it("leaves the jobs a tick has no time for to the next tick, which starts with them", () => {
    const ids = Array.from({ length: 5 }, () => enqueue(db, spec("t-three", THREE_STEPS)));
    const status = () => ids.map((id) => job(db, id).status);
    // Each reading of the work clock is 10 ms later: the budget of 25 ms is spent after the third job.
    let t = 0;
    let hookRuns = 0;
    const budgeted = new JobEngine({ db, clock, jobBudgetMs: 25, workClock: () => (t += 10), hooks: [() => void hookRuns++] });
    expect(budgeted.tick()).toBe(true);
    expect(hookRuns).toBe(1);
    expect(status().filter((s) => s === "in-progress")).toHaveLength(3);
    expect(status().filter((s) => s === "not-started")).toHaveLength(2);
    // The continuation takes the two it did not reach, without the hooks, and has nothing left. It
    // keeps the cut tick's simulated time (no time passes without the hooks), though the clock moved on.
    const cutAt = clock.now();
    clock.advance(61 * SEC);
    expect(budgeted.continueJobs()).toBe(false);
    expect(hookRuns).toBe(1);
    expect(status().every((s) => s === "in-progress")).toBe(true);
    expect(budgeted.continueJobs()).toBe(false);
    // Each job is stamped with the simulated time of its tick, not delayed in simulated time.
    expect(ids.every((id) => job(db, id).startedAt!.getTime() === cutAt)).toBe(true);
    // Their first step (60 s) is due by the clock, not at the cut tick's time: still running.
    expect(ids.every((id) => steps(db, id)[0]!.status === "in-progress")).toBe(true);
  });

  it("has no budget unless given one", () => {
    const ids = Array.from({ length: 5 }, () => enqueue(db, spec("t-three", THREE_STEPS)));
    expect(engine.tick()).toBe(false);
    expect(ids.every((id) => job(db, id).status === "in-progress")).toBe(true);
  });
});

describe("JobEngine sequencing", () => {
  it("starts a job, then completes each step when its simulated duration has elapsed", () => {
    const id = enqueue(db, spec("t-three", THREE_STEPS));
    const t0 = clock.now();
    engine.tick();
    expect(job(db, id)).toMatchObject({ status: "in-progress", stepDueAt: t0 + 60 * SEC });
    expect(job(db, id).startedAt!.getTime()).toBe(t0);
    expect(steps(db, id).map((s) => s.status)).toEqual(["in-progress", "not-started", "not-started"]);
    expect(calls).toEqual([]);

    clock.advance(59 * SEC);
    engine.tick();
    expect(calls).toEqual([]);

    clock.advance(1 * SEC);
    engine.tick();
    expect(calls).toEqual(["a@0:1"]);
    const [a, b] = steps(db, id);
    expect(a).toMatchObject({ status: "succeeded", progress: 100 });
    expect(a!.endedAt!.getTime()).toBe(t0 + 60 * SEC);
    expect(b).toMatchObject({ status: "in-progress" });
    expect(b!.startedAt!.getTime()).toBe(t0 + 60 * SEC);
    expect(job(db, id).stepDueAt).toBe(t0 + 90 * SEC);

    clock.advance(40 * SEC);
    engine.tick();
    expect(calls).toEqual(["a@0:1", "b", "c"]);
    expect(job(db, id)).toMatchObject({ status: "succeeded", stepDueAt: null, error: null });
    expect(job(db, id).endedAt!.getTime()).toBe(t0 + 100 * SEC);
  });

  it("completes several steps in one tick when the clock jumped, stamping each at its own due time", () => {
    const id = enqueue(db, spec("t-three", THREE_STEPS));
    const t0 = clock.now();
    engine.tick();
    clock.advance(10 * MIN);
    engine.tick();
    expect(job(db, id).status).toBe("succeeded");
    expect(steps(db, id).map((s) => s.endedAt!.getTime() - t0)).toEqual([60 * SEC, 90 * SEC, 100 * SEC]);
    expect(calls).toEqual([`a@${t0 + 60 * SEC - clock.now()}:1`, "b", "c"]);
  });

  it("runs a zero-length job to the end in the tick that starts it", () => {
    const id = enqueue(
      db,
      spec("t-three", [
        ["a", 0],
        ["b", 0],
      ]),
    );
    engine.tick();
    expect(job(db, id).status).toBe("succeeded");
  });

  it("succeeds a job without steps", () => {
    const id = enqueue(db, spec("t-three", []));
    engine.tick();
    expect(job(db, id).status).toBe("succeeded");
  });

  it("leaves finished jobs alone and ignores jobs of other statuses", () => {
    const before = db.select().from(jobs).where(eq(jobs.id, "job-reprotect-erp-app-01")).get();
    engine.tick();
    expect(db.select().from(jobs).where(eq(jobs.id, "job-reprotect-erp-app-01")).get()).toEqual(before);
  });
});

describe("JobEngine failures", () => {
  const refusal = new DomainError("NotAllowed", {
    code: "78052",
    message: "The on-premises virtual machine has snapshots.",
    possibleCauses: "It has 2 snapshots.",
    recommendedAction: "Delete the snapshots, then retry the job.",
  });

  it("records a DomainError on the step and the job, runs onFailed in the same transaction, and leaves later steps untouched", () => {
    const onFailed = vi.fn(({ tx, job: j }) => {
      tx.update(replicatedItems).set({ currentJobId: null }).where(eq(replicatedItems.id, j.targetId)).run();
    });
    define({
      type: "t-fail",
      steps: {
        a: () => {},
        b: ({ tx }) => {
          // Written, then rolled back with the failing step.
          tx.update(replicatedItems).set({ name: "should-not-stick" }).where(eq(replicatedItems.id, "web-01")).run();
          throw refusal;
        },
        c: () => void calls.push("c"),
      },
      onFailed,
    });
    const id = enqueue(
      db,
      spec("t-fail", [
        ["a", 10],
        ["b", 10],
        ["c", 10],
      ]),
    );
    db.update(replicatedItems).set({ currentJobId: id }).where(eq(replicatedItems.id, "web-01")).run();
    const t0 = clock.now();
    engine.tick();
    clock.advance(1 * MIN);
    engine.tick();

    const expected = {
      code: "78052",
      message: refusal.message,
      possibleCauses: "It has 2 snapshots.",
      recommendedAction: "Delete the snapshots, then retry the job.",
    };
    expect(job(db, id)).toMatchObject({ status: "failed", error: expected, stepDueAt: null });
    expect(job(db, id).endedAt!.getTime()).toBe(t0 + 20 * SEC);
    expect(steps(db, id).map((s) => [s.status, s.error])).toEqual([
      ["succeeded", null],
      ["failed", expected],
      ["not-started", null],
    ]);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(onFailed.mock.calls[0]![0].error).toEqual(expected);
    expect(onFailed.mock.calls[0]![0].job.status).toBe("failed");
    const item = db.select().from(replicatedItems).where(eq(replicatedItems.id, "web-01")).get()!;
    expect(item.name).toBe("web-01");
    expect(item.currentJobId).toBeNull();
    expect(calls).toEqual([]);

    // A failed job stays failed on later ticks.
    clock.advance(1 * MIN);
    engine.tick();
    expect(job(db, id).status).toBe("failed");
  });

  it("records any other throw as a generic InternalError without leaking the message", () => {
    defineThrowing("t-crash", new TypeError("cannot read properties of undefined (secret path /etc/x)"));
    const id = enqueue(db, spec("t-crash", [["a", 5]]));
    engine.tick();
    clock.advance(5 * SEC);
    engine.tick();
    const j = job(db, id);
    expect(j.status).toBe("failed");
    expect(j.error?.code).toBe("InternalError");
    expect(JSON.stringify(j.error)).not.toContain("secret path");
    expect(steps(db, id)[0]!.error?.code).toBe("InternalError");
  });

  it("still records the failure when onFailed throws", () => {
    define({
      type: "t-bad-hook",
      steps: {
        a: () => {
          throw refusal;
        },
      },
      onFailed: () => {
        throw new Error("hook bug");
      },
    });
    const id = enqueue(db, spec("t-bad-hook", [["a", 1]]));
    engine.tick();
    clock.advance(1 * SEC);
    engine.tick();
    expect(job(db, id)).toMatchObject({ status: "failed", error: { code: "78052" } });
  });

  it("fails a job of an unknown type with a clear error", () => {
    const id = enqueue(db, spec("t-no-such-type", [["a", 1]]));
    engine.tick();
    const j = job(db, id);
    expect(j.status).toBe("failed");
    expect(j.error?.code).toBe("JobTypeUnknown");
    expect(j.error?.message).toContain("t-no-such-type");
    expect(steps(db, id)[0]!.status).toBe("failed");
  });

  it("fails a step whose key the definition does not know", () => {
    const id = enqueue(
      db,
      spec("t-three", [
        ["a", 1],
        ["zzz", 1],
      ]),
    );
    engine.tick();
    clock.advance(2 * SEC);
    engine.tick();
    expect(job(db, id)).toMatchObject({ status: "failed", error: { code: "JobStepUnknown" } });
  });

  it("keeps running other jobs when one throws", () => {
    defineThrowing("t-crash2", new Error("boom"));
    const bad = enqueue(db, spec("t-crash2", [["a", 1]]));
    const good = enqueue(
      db,
      spec("t-three", [
        ["a", 1],
        ["b", 1],
        ["c", 1],
      ]),
    );
    engine.tick();
    clock.advance(5 * SEC);
    engine.tick();
    expect(job(db, bad).status).toBe("failed");
    expect(job(db, good).status).toBe("succeeded");
  });

  it("keeps running jobs when a tick hook throws", () => {
    const eng = new JobEngine({
      db,
      clock,
      hooks: [
        () => {
          throw new Error("sim bug");
        },
      ],
    });
    const id = enqueue(
      db,
      spec("t-three", [
        ["a", 0],
        ["b", 0],
        ["c", 0],
      ]),
    );
    eng.tick();
    expect(job(db, id).status).toBe("succeeded");
  });
});

describe("JobEngine hooks with more to do", () => {
  it("runs a hook that answers 'more' again in the continuation, at the tick's simulated time, and only that hook", () => {
    const seen: string[] = [];
    let left = 3;
    const eng = new JobEngine({
      db,
      clock,
      hooks: [
        (_d, vaultId, now) => void (vaultId === DEMO_VAULT_ID && seen.push(`once@${now.getTime()}`)),
        (_d, vaultId, now) => {
          if (vaultId !== DEMO_VAULT_ID) return false;
          seen.push(`slice@${now.getTime()}`);
          return --left > 0;
        },
      ],
    });
    const t = clock.now();
    expect(eng.tick()).toBe(true);
    clock.advance(60_000); // the continuation keeps the tick's time
    expect(eng.continueJobs()).toBe(true);
    expect(eng.continueJobs()).toBe(false);
    expect(seen).toEqual([`once@${t}`, `slice@${t}`, `slice@${t}`, `slice@${t}`]);
    // Nothing left: a continuation does nothing, and the next tick runs every hook at the new time.
    expect(eng.continueJobs()).toBe(false);
    left = 1;
    expect(eng.tick()).toBe(false);
    expect(seen.slice(4)).toEqual([`once@${t + 60_000}`, `slice@${t + 60_000}`]);
  });
});

describe("JobEngine waiting for input", () => {
  it("pauses the job at a step that asks for input, with its message", () => {
    define({
      type: "t-manual",
      steps: {
        a: () => {},
        manual: () => ({ waitForInput: true, message: "Confirm the load balancer points at Azure" }),
        c: () => void calls.push("c"),
      },
    });
    const id = enqueue(
      db,
      spec("t-manual", [
        ["a", 1],
        ["manual", 1],
        ["c", 1],
      ]),
    );
    engine.tick();
    clock.advance(1 * MIN);
    engine.tick();
    expect(job(db, id)).toMatchObject({ status: "waiting-for-input", stepDueAt: null });
    expect(steps(db, id).map((s) => s.status)).toEqual(["succeeded", "waiting-for-input", "not-started"]);
    expect(steps(db, id)[1]!.message).toBe("Confirm the load balancer points at Azure");
    clock.advance(1 * MIN);
    engine.tick();
    expect(calls).toEqual([]);
  });
});

describe("crash and resume", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-engine-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a new engine on the same database file finishes the job from the last completed step", () => {
    const file = path.join(dir, "portal.db");
    const runs: Record<string, number> = { a: 0, b: 0, c: 0 };
    define({
      type: "t-resume",
      steps: {
        a: () => void runs.a!++,
        b: () => void runs.b!++,
        c: () => void runs.c!++,
      },
    });
    const dbA = openDb(file);
    migrateDb(dbA);
    seedDemoVault(dbA, clock.now());
    const id = enqueue(
      dbA,
      spec("t-resume", [
        ["a", 60],
        ["b", 60],
        ["c", 60],
      ]),
    );
    const engineA = new JobEngine({ db: dbA, clock });
    engineA.tick();
    clock.advance(90 * SEC);
    engineA.tick();
    expect(runs).toEqual({ a: 1, b: 0, c: 0 });
    engineA.stop();
    dbA.$client.close();

    const dbB = openDb(file);
    migrateDb(dbB);
    expect(job(dbB, id).status).toBe("in-progress");
    expect(steps(dbB, id).map((s) => s.status)).toEqual(["succeeded", "in-progress", "not-started"]);
    const engineB = new JobEngine({ db: dbB, clock });
    clock.advance(2 * MIN);
    engineB.tick();
    expect(job(dbB, id).status).toBe("succeeded");
    expect(runs).toEqual({ a: 1, b: 1, c: 1 });
    dbB.$client.close();
  });
});

describe("start/stop", () => {
  it("ticks on an interval until stopped", async () => {
    vi.useFakeTimers();
    try {
      const id = enqueue(
        db,
        spec("t-three", [
          ["a", 0],
          ["b", 0],
          ["c", 0],
        ]),
      );
      engine.start(500);
      expect(engine.running).toBe(true);
      await vi.advanceTimersByTimeAsync(600);
      expect(job(db, id).status).toBe("succeeded");
      engine.stop();
      expect(engine.running).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts a tick's continuations within its interval: the next tick is due an interval after the tick began", async () => {
    vi.useFakeTimers();
    try {
      // Each job's one step takes 200 ms of the real clock; the budget lets a tick or continuation run one job.
      define({ type: "t-slow", steps: { a: () => void vi.setSystemTime(Date.now() + 200) } });
      for (let i = 0; i < 3; i++) enqueue(db, spec("t-slow", [["a", 0]]));
      const ticks: number[] = [];
      const budgeted = new JobEngine({
        db,
        clock,
        jobBudgetMs: 1,
        workClock: () => Date.now(),
        hooks: [() => void ticks.push(Date.now())],
      });
      const t0 = Date.now();
      budgeted.start(500);
      // 500: the tick runs the first job (until 700), its continuations the others (until 1100); the
      // next tick was due at 1000, so it follows at once (not at 1600, 500 ms after the last continuation).
      await vi.advanceTimersByTimeAsync(700);
      budgeted.stop();
      expect(ticks).toHaveLength(2);
      expect(ticks[0]! - t0).toBe(500);
      expect(ticks[1]! - t0).toBeGreaterThanOrEqual(1100);
      expect(ticks[1]! - t0).toBeLessThan(1200); // the timers' own milliseconds
    } finally {
      vi.useRealTimers();
    }
  });
});
