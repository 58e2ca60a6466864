import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { insertUser } from "@/server/domain/users/members";
import { createCaller } from "@/server/api/root";
import { createContext, type SessionUser } from "@/server/api/trpc";
import { JobEngine, enqueueJob } from "@/server/jobs/engine";
import { dbClock } from "@/server/jobs/clock";
import { registerJobDefinition, unregisterJobDefinition } from "@/server/jobs/registry";
import type { JobDetails } from "@/server/jobs/progress";
import { errorCodeOf } from "./test-support";

const vaultId = DEMO_VAULT_ID;
let db: DB;
let operator: SessionUser;
let reader: SessionUser;

beforeAll(() => {
  registerJobDefinition({ type: "t-router", steps: { a: () => {}, manual: () => ({ waitForInput: true }) } });
});

beforeEach(() => {
  db = memoryDb();
  seedDemoVault(db);
  for (const role of ["reader", "operator"] as const) {
    const email = `${role}@contoso.test`;
    const id = insertUser(db, { name: role, email, passwordHash: "x" });
    db.insert(s.vaultMembers).values({ vaultId, userId: id, role, createdAt: new Date() }).run();
    if (role === "reader") reader = { id, email, name: role };
    else operator = { id, email, name: role };
  }
});
afterAll(() => unregisterJobDefinition("t-router"));

const caller = async (user: SessionUser, signal?: AbortSignal) =>
  createCaller(await createContext({ db, headers: new Headers(), user }), { signal });
const enqueue = (steps: string[]) =>
  db.transaction((tx) =>
    enqueueJob(tx, {
      vaultId,
      type: "t-router",
      name: "Router test",
      targetType: "replicated-item",
      targetId: "web-01",
      targetName: "web-01",
      steps: steps.map((key) => ({ key, name: key, durationSeconds: 0 })),
    }),
  );

const code = errorCodeOf;

describe("jobs router", () => {
  it("lists and gets jobs for a reader", async () => {
    const id = enqueue(["a"]);
    const api = await caller(reader);
    const list = await api.jobs.list({ vaultId, type: "t-router" });
    expect(list.items.map((j) => j.id)).toEqual([id]);
    const details = await api.jobs.get({ vaultId, jobId: id });
    expect(details.job.id).toBe(id);
    expect(await code(api.jobs.get({ vaultId, jobId: "missing" }))).toBe("NOT_FOUND");
    expect(await code(api.jobs.list({ vaultId, limit: 0 }))).toBe("BAD_REQUEST");
  });

  it("cancels, refuses and writes the activity log through runMutation", async () => {
    const id = enqueue(["a"]);
    const api = await caller(operator);
    expect(await api.jobs.cancel({ vaultId, jobId: id })).toEqual({ jobId: id, status: "cancelled" });
    expect(await code(api.jobs.cancel({ vaultId, jobId: id }))).toBe("PRECONDITION_FAILED");
    expect(await code(api.jobs.restart({ vaultId, jobId: id }))).toBe("PRECONDITION_FAILED");
    expect(await code(api.jobs.resume({ vaultId, jobId: "missing" }))).toBe("NOT_FOUND");
    expect(await code((await caller(reader)).jobs.cancel({ vaultId, jobId: id }))).toBe("FORBIDDEN");
    const audit = db.select().from(s.auditEntries).where(eq(s.auditEntries.operation, "jobs.cancel")).all();
    expect(audit.map((a) => a.outcome).sort()).toEqual(["accepted", "refused", "refused"]); // the domain's refusal and the reader's
  });

  it("resumes a waiting job", async () => {
    const id = enqueue(["manual", "a"]);
    new JobEngine({ db, clock: dbClock(db) }).tick();
    const api = await caller(operator);
    expect((await api.jobs.get({ vaultId, jobId: id })).allowed.resume).toBe(true);
    expect((await api.jobs.resume({ vaultId, jobId: id })).status).toBe("in-progress");
  });

  it("streams the job until it reaches a final status", async () => {
    const id = enqueue(["a", "a"]);
    const api = await caller(reader);
    const stream = await api.jobs.onUpdate({ vaultId, jobId: id });
    const seen: JobDetails[] = [];
    const engine = new JobEngine({ db, clock: dbClock(db) });
    for await (const update of stream as AsyncIterable<JobDetails>) {
      seen.push(update);
      engine.tick();
    }
    expect(seen[0]!.job.status).toBe("not-started");
    expect(seen.at(-1)!.job.status).toBe("succeeded");
  });

  it("pushes a waiting job's changes from the vault's change feed and reads nothing while it waits", async () => {
    const id = enqueue(["manual", "a"]);
    new JobEngine({ db, clock: dbClock(db) }).tick();
    const stream = (await (await caller(reader)).jobs.onUpdate({ vaultId, jobId: id })) as AsyncIterable<JobDetails>;
    const it = stream[Symbol.asyncIterator]();
    expect(((await it.next()).value as JobDetails).job.status).toBe("waiting-for-input");
    // Waiting for input: nothing in the view moves, so the stream does not touch the database.
    const prepare = db.$client.prepare.bind(db.$client);
    let statements = 0;
    db.$client.prepare = ((source: string) => {
      statements++;
      return prepare(source);
    }) as typeof db.$client.prepare;
    const next = it.next();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(statements).toBe(0);
    db.$client.prepare = prepare;
    // Resume commits, the feed names the job, the stream reads it once and sends it.
    await (await caller(operator)).jobs.resume({ vaultId, jobId: id });
    const resumed = (await next).value as JobDetails;
    expect(resumed.job.status).toBe("in-progress");
    expect(resumed.steps.map((st) => st.status)).toEqual(["succeeded", "in-progress"]);
    await it.return?.();
  });

  it("stops streaming when aborted and maps unknown ids to NOT_FOUND", async () => {
    const id = enqueue(["manual"]);
    new JobEngine({ db, clock: dbClock(db) }).tick();
    const ac = new AbortController();
    const api = await caller(reader, ac.signal);
    const stream = await api.jobs.onUpdate({ vaultId, jobId: id });
    const seen: string[] = [];
    for await (const update of stream as AsyncIterable<JobDetails>) {
      seen.push(update.job.status);
      ac.abort();
    }
    expect(seen).toEqual(["waiting-for-input"]);
    const missing = await (await caller(reader)).jobs.onUpdate({ vaultId, jobId: "missing" });
    expect(
      await code(
        (async () => {
          for await (const _ of missing as AsyncIterable<unknown>) {
            /* none */
          }
        })(),
      ),
    ).toBe("NOT_FOUND");
  });
});
