import { beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, gt, gte, inArray } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import { seedProtectedItems } from "@/db/seed/bulk";
import { configurationServers, faultSwitches, masterTargets, processServers, recoveryPoints, replicatedItems } from "@/db/schema";
import { JobEngine } from "@/server/jobs/engine";
import { ManualClock } from "@/server/jobs/clock";
import { heartbeatHealth, refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import {
  HEALTH_CODE_HEARTBEAT,
  HEALTH_CODE_RPO,
  advanceInitialReplication,
  dueRecoveryPoints,
  processingLagSeconds,
  replicationHealth,
  simulateReplication,
} from "./index";
import { MAX_ITEMS_PER_TICK, MAX_POINTS_PER_TICK, slicedReplication } from "./simulate";
import { toGridRow } from "../replicated-item/queries";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0); // on the hour
const V = DEMO_VAULT_ID;

let db: DB;
let now: number;

function tick(at = now) {
  now = at;
  refreshHeartbeats(db, V, new Date(now));
  return simulateReplication(db, V, new Date(now));
}
/** Ticks every `step` ms for `duration` ms. */
function run(duration: number, step = MIN) {
  const end = now + duration;
  while (now < end) tick(Math.min(end, now + step));
}
const item = (id: string) => db.select().from(replicatedItems).where(eq(replicatedItems.id, id)).get()!;
const points = (id: string, from = 0) =>
  db
    .select()
    .from(recoveryPoints)
    .where(and(eq(recoveryPoints.replicatedItemId, id), gte(recoveryPoints.at, new Date(from))))
    .orderBy(asc(recoveryPoints.at))
    .all();

beforeEach(() => {
  db = memoryDb();
  seedDemoVault(db, T0);
  now = T0;
});

describe("pure rules", () => {
  it("schedules crash-consistent points every 5 minutes and app-consistent ones at the policy frequency", () => {
    const due = dueRecoveryPoints(T0, T0 + HOUR, 60);
    expect(due).toHaveLength(12);
    expect(due[0]!.at).toBe(T0 + 5 * MIN);
    expect(due.filter((p) => p.type === "app-consistent").map((p) => p.at)).toEqual([T0 + HOUR]);
    expect(dueRecoveryPoints(T0, T0 + HOUR, 0).every((p) => p.type === "crash-consistent")).toBe(true);
    const odd = dueRecoveryPoints(T0, T0 + 30 * MIN, 7);
    expect(odd.filter((p) => p.type === "app-consistent")).toHaveLength(4);
    expect(odd).toHaveLength(6 + 4);
    expect(dueRecoveryPoints(T0, T0, 60)).toEqual([]);
  });

  it("models processing lag and initial replication throughput from the process server's load", () => {
    expect(processingLagSeconds(20)).toBe(30);
    expect(processingLagSeconds(50)).toBe(120);
    expect(processingLagSeconds(90)).toBeGreaterThan(15 * 60);
    expect(processingLagSeconds(250)).toBe(processingLagSeconds(95));
    // 100 GB at 200 MB/s (idle) takes 512 s.
    expect(advanceInitialReplication(0, 100, 0, 256_000)).toBeCloseTo(50, 5);
    expect(advanceInitialReplication(90, 100, 0, 10 * HOUR)).toBe(100);
    expect(advanceInitialReplication(10, 100, 0, 0)).toBe(10);
  });

  it("derives health: heartbeat lost is critical 806, RPO over threshold is a warning, others' errors are kept", () => {
    const other = { code: "78052", message: "x", possibleCauses: "", recommendedAction: "", severity: "warning" as const, at: 1 };
    const ok = replicationHealth({
      now: T0,
      processServerName: "ps",
      processServerHeartbeatAt: T0 - MIN,
      rpoSeconds: 60,
      rpoThresholdMinutes: 15,
      previous: [],
    });
    expect(ok).toEqual({ health: "healthy", errors: [] });
    const lost = replicationHealth({
      now: T0,
      processServerName: "ps-1",
      processServerHeartbeatAt: T0 - 20 * MIN,
      rpoSeconds: 60,
      rpoThresholdMinutes: 15,
      previous: [other],
    });
    expect(lost.health).toBe("critical");
    expect(lost.errors.map((e) => e.code)).toEqual(["78052", "806"]);
    expect(lost.errors[1]!.message).toBe("The process server ps-1 has not sent a heartbeat for 20 minutes.");
    const slow = replicationHealth({
      now: T0,
      processServerName: "ps",
      processServerHeartbeatAt: T0,
      rpoSeconds: 16 * 60,
      rpoThresholdMinutes: 15,
      previous: [],
    });
    expect(slow.health).toBe("warning");
    expect(slow.errors[0]!.code).toBe(HEALTH_CODE_RPO);
    // The first detection time is kept while the condition lasts.
    const later = replicationHealth({
      now: T0 + MIN,
      processServerName: "ps",
      processServerHeartbeatAt: T0,
      rpoSeconds: 17 * 60,
      rpoThresholdMinutes: 15,
      previous: slow.errors,
    });
    expect(later.errors[0]!.at).toBe(T0);
  });
});

describe("recovery points", () => {
  it("creates points per the policy while replicating, with direction and multi-VM flags", () => {
    // Multi-VM consistency (policy-24h has it on) needs a group with others: web-01 shares rg-web
    // with phys-lnx-01; hr-01 is alone in rg-solo.
    db.update(replicatedItems)
      .set({ replicationGroup: "rg-web" })
      .where(inArray(replicatedItems.id, ["web-01", "phys-lnx-01"]))
      .run();
    db.update(replicatedItems).set({ replicationGroup: "rg-solo" }).where(eq(replicatedItems.id, "hr-01")).run();
    tick(T0);
    run(HOUR);
    // ps-cs-01 at 35 % load lags 65 s behind: points up to T0+55 min are processed.
    const web = points("web-01", T0);
    expect(web.map((p) => (p.at.getTime() - T0) / MIN)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(web.filter((p) => p.type === "app-consistent").map((p) => p.at.getTime())).toEqual([T0]);
    expect(web.every((p) => p.multiVm && p.direction === "to-azure")).toBe(true);
    expect(web.filter((p) => p.pendingMb > 0)).toHaveLength(1);
    expect(web.at(-1)!.pendingMb).toBeGreaterThan(0);
    const w = item("web-01");
    expect(w.lastRecoveryPointAt!.getTime()).toBe(T0 + 55 * MIN);
    // The RPO shown is the age of the latest point now (the tick stores it only when it wakes the item).
    expect(toGridRow(w, now).rpoSeconds).toBe(5 * 60);
    expect(w.replicationHealth).toBe("healthy");

    expect(points("phys-lnx-01", T0).every((p) => p.multiVm)).toBe(true);
    expect(points("hr-01", T0).length).toBeGreaterThan(5);
    expect(points("hr-01", T0).every((p) => !p.multiVm)).toBe(true);
    // Reverse direction (failback policy, Azure process server).
    const crm = points("crm-01", T0);
    expect(crm.length).toBeGreaterThan(10);
    expect(crm.every((p) => p.direction === "to-on-premises")).toBe(true);
    // Items not replicating get none.
    expect(points("app-02", T0)).toEqual([]);
  });

  it("gives each point its own time-ordered id (UUID version 7 layout from the point's time)", () => {
    tick(T0);
    run(HOUR);
    const all = db
      .select()
      .from(recoveryPoints)
      .where(gte(recoveryPoints.at, new Date(T0)))
      .all();
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    for (const p of all) {
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(p.id.slice(0, 8) + p.id.slice(9, 13), 16), p.id).toBe(p.at.getTime());
    }
    // Ordered by id, the points are ordered by time.
    const byId = [...all].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => p.at.getTime());
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
  });

  it("gives the same schedule for one big clock jump as for many small ticks", () => {
    tick(T0);
    tick(T0 + HOUR);
    expect(points("web-01", T0)).toHaveLength(12);
  });

  it("prunes points older than the policy's retention and bounds the catch-up to it", () => {
    tick(T0);
    expect(points("web-01").length).toBe(24); // the seed's two hours
    tick(T0 + 25 * HOUR);
    const all = points("web-01");
    const oldest = all[0]!.at.getTime();
    expect(oldest).toBeGreaterThanOrEqual(now - 24 * HOUR);
    expect(all.length).toBeLessThanOrEqual(24 * 12 + 1);
    expect(all.length).toBeGreaterThan(24 * 12 - 2);
    expect(item("web-01").lastRecoveryPointAt!.getTime()).toBe(all.at(-1)!.at.getTime());
  });

  it("reaches a warning with the RPO code when the process server is overloaded", () => {
    db.update(processServers).set({ loadPercent: 95 }).where(eq(processServers.id, "ps-cs-01")).run();
    tick(T0);
    run(HOUR);
    const w = item("web-01");
    expect(w.rpoSeconds!).toBeGreaterThan(15 * 60);
    expect(w.replicationHealth).toBe("warning");
    expect(w.healthErrors.map((e) => e.code)).toEqual([HEALTH_CODE_RPO]);
    // Back to normal load: healthy again, the warning is gone.
    db.update(processServers).set({ loadPercent: 20 }).where(eq(processServers.id, "ps-cs-01")).run();
    run(HOUR);
    expect(item("web-01").replicationHealth).toBe("healthy");
    expect(item("web-01").healthErrors).toEqual([]);
  });
});

describe("process server heartbeat lost", () => {
  it("stops new points, then turns critical with 806 after 15 minutes; recovers without backfilling", () => {
    tick(T0);
    run(10 * MIN);
    const before = points("web-01").length;
    db.insert(faultSwitches)
      .values({ vaultId: V, fault: "process-server-heartbeat-lost", targetId: "*", enabledAt: new Date(now) })
      .run();
    const lostAt = now;
    run(10 * MIN);
    expect(points("web-01").filter((p) => p.at.getTime() > lostAt)).toEqual([]);
    expect(item("web-01").replicationHealth).toBe("healthy");
    run(10 * MIN);
    const w = item("web-01");
    expect(w.replicationHealth).toBe("critical");
    expect(w.healthErrors).toHaveLength(1);
    const err = w.healthErrors[0]!;
    expect(err.code).toBe(HEALTH_CODE_HEARTBEAT);
    expect(err.severity).toBe("critical");
    // The message is refreshed whenever the tick wakes the item: at most MAX_SLEEP_MS (5 simulated minutes) old.
    expect(err.message).toMatch(/^The process server cs-01 has not sent a heartbeat for (1[5-9]|20) minutes\.$/);
    expect(err.possibleCauses).toBeTruthy();
    expect(err.recommendedAction).toBeTruthy();
    expect(db.select().from(processServers).where(eq(processServers.id, "ps-cs-01")).get()!.health).toBe("critical");
    expect(points("web-01").length).toBeLessThanOrEqual(before + 2);

    db.delete(faultSwitches).where(eq(faultSwitches.targetId, "*")).run();
    const backAt = now;
    run(10 * MIN);
    const after = item("web-01");
    expect(after.replicationHealth).toBe("healthy");
    expect(after.healthErrors).toEqual([]);
    const fresh = points("web-01").filter((p) => p.at.getTime() > lostAt);
    expect(fresh.length).toBeGreaterThan(0);
    // No points for the outage: everything new is after the heartbeat came back (less the lag).
    expect(fresh.every((p) => p.at.getTime() >= backAt - 2 * MIN)).toBe(true);
  });

  it("keeps the demo's silenced process server (ps-branch-01) critical with 806 for its item", () => {
    tick(T0);
    const lost = item("ps-lost-01");
    expect(lost.replicationHealth).toBe("critical");
    expect(lost.healthErrors.map((e) => e.code)).toEqual(["806"]);
    expect(lost.healthErrors[0]!.message).toContain("ps-branch-01");
    expect(lost.healthErrors[0]!.message).toContain("47 minutes");
  });
});

describe("initial replication", () => {
  it("progresses by disk size and throughput and becomes protected at 100 %, not while a job holds the item", () => {
    db.update(replicatedItems).set({ currentJobId: "job-enable-web-02" }).where(eq(replicatedItems.id, "web-02")).run();
    tick(T0);
    run(5 * MIN);
    const p1 = item("web-02").initialReplicationPercent;
    expect(p1).toBeGreaterThan(46);
    expect(p1).toBeLessThan(100);
    run(2 * HOUR);
    expect(item("web-02")).toMatchObject({ state: "enabling-protection", initialReplicationPercent: 100 });

    db.update(replicatedItems).set({ currentJobId: null }).where(eq(replicatedItems.id, "web-02")).run();
    const version = item("web-02").version;
    const summary = tick(now + MIN);
    expect(summary.becameProtected).toEqual(["web-02"]);
    expect(item("web-02")).toMatchObject({
      state: "protected",
      initialReplicationPercent: 100,
      replicationHealth: "healthy",
      version: version + 1,
    });
    run(30 * MIN);
    expect(points("web-02").length).toBeGreaterThan(3);
    expect(item("web-02").lastRecoveryPointAt).not.toBeNull();
  });

  it("does not progress while the process server is silent", () => {
    db.insert(faultSwitches)
      .values({ vaultId: V, fault: "process-server-heartbeat-lost", targetId: "ps-cs-01", enabledAt: new Date(T0) })
      .run();
    tick(T0);
    run(30 * MIN);
    expect(item("web-02").initialReplicationPercent).toBeLessThan(47);
  });
});

describe("not replicating", () => {
  it("marks items outside the replicating states not-applicable and drops the replication errors", () => {
    db.update(replicatedItems)
      .set({
        replicationHealth: "critical",
        healthErrors: [{ code: "806", message: "x", possibleCauses: "", recommendedAction: "", severity: "critical", at: T0 }],
      })
      .where(eq(replicatedItems.id, "app-02"))
      .run();
    tick(T0);
    expect(item("app-02")).toMatchObject({ replicationHealth: "not-applicable", healthErrors: [] });
  });
});

describe("heartbeats", () => {
  it("refreshes configuration, process and master target servers unless the fault silences them", () => {
    refreshHeartbeats(db, V, new Date(T0 + MIN));
    const cs = db.select().from(configurationServers).where(eq(configurationServers.id, "cs-01")).get()!;
    expect(cs.lastHeartbeatAt!.getTime()).toBe(T0 + MIN);
    expect(db.select().from(processServers).where(eq(processServers.id, "ps-azure-prod")).get()!.lastHeartbeatAt!.getTime()).toBe(T0 + MIN);
    expect(db.select().from(masterTargets).where(eq(masterTargets.id, "mt-lnx-01")).get()!.lastHeartbeatAt!.getTime()).toBe(T0 + MIN);
    const branch = db.select().from(processServers).where(eq(processServers.id, "ps-branch-01")).get()!;
    expect(branch.lastHeartbeatAt!.getTime()).toBe(T0 - 47 * MIN);
    expect(branch.health).toBe("critical");

    db.insert(faultSwitches)
      .values({ vaultId: V, fault: "process-server-heartbeat-lost", targetId: "*", enabledAt: new Date(T0) })
      .run();
    refreshHeartbeats(db, V, new Date(T0 + 8 * MIN));
    expect(db.select().from(processServers).where(eq(processServers.id, "ps-azure-prod")).get()).toMatchObject({ health: "warning" });
    expect(db.select().from(configurationServers).where(eq(configurationServers.id, "cs-01")).get()!.lastHeartbeatAt!.getTime()).toBe(
      T0 + 8 * MIN,
    );
    expect(heartbeatHealth(null, T0)).toBe("critical");
    expect(heartbeatHealth(T0, T0 + 16 * MIN)).toBe("critical");
  });
});

describe("through the job engine", () => {
  it("runs heartbeats and replication as tick hooks on the engine's clock", () => {
    const clock = new ManualClock(T0);
    const engine = new JobEngine({
      db,
      clock,
      hooks: [refreshHeartbeats, (d, vaultId, at) => void simulateReplication(d, vaultId, at)],
    });
    engine.tick();
    clock.advance(HOUR);
    engine.tick();
    expect(points("web-01", T0)).toHaveLength(12);
  });
});

describe("many items", () => {
  it("takes at most MAX_ITEMS_PER_TICK due items a tick, writes their points set-wise with their own ids and times", () => {
    const ids = seedProtectedItems(db, { vaultId: V, count: MAX_ITEMS_PER_TICK + 500, now: T0, pointAgeMs: MIN });
    tick(T0); // anchors the simulation: every bulk item is due (simulate_at 0)
    const simulated = () =>
      db.select({ id: replicatedItems.id }).from(replicatedItems).where(gt(replicatedItems.simulateAt, now)).all().length;
    const first = simulated();
    expect(first).toBeLessThanOrEqual(MAX_ITEMS_PER_TICK);
    expect(ids.filter((id) => item(id).simulateAt <= now).length).toBeGreaterThanOrEqual(500); // left for the next ticks
    tick(T0 + 1000);
    tick(T0 + 2000);
    // Every bulk item has been taken within a few ticks, and sleeps until its next wake.
    expect(ids.every((id) => item(id).simulateAt > now)).toBe(true);

    run(20 * MIN, 5 * MIN);
    // Points every 5 minutes for each item (after the process server's lag), each with its own id.
    const a = points(ids[0]!, T0);
    const b = points(ids.at(-1)!, T0);
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(b.map((p) => p.at.getTime())).toEqual(a.map((p) => p.at.getTime()));
    expect(a.every((p) => p.at.getTime() % (5 * MIN) === 0)).toBe(true);
    const all = db.select({ id: recoveryPoints.id }).from(recoveryPoints).all();
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(a[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Only the latest point of an item has data pending; the item shows its latest point.
    expect(a.slice(0, -1).every((p) => p.pendingMb === 0)).toBe(true);
    expect(item(ids[0]!).lastRecoveryPointAt!.getTime()).toBe(a.at(-1)!.at.getTime());
  });

  it("in slices (maxItems), says when items are still due; slices at one time make the same points as one call", () => {
    const sliced = (fresh: DB, maxItems?: number) => {
      db = fresh;
      seedDemoVault(db, T0);
      const ids = seedProtectedItems(db, { vaultId: V, count: 1_200, now: T0, pointAgeMs: MIN });
      tick(T0);
      run(10 * MIN, 5 * MIN);
      const calls: boolean[] = [];
      now = T0 + 12 * MIN;
      refreshHeartbeats(db, V, new Date(now));
      for (let more = true; more;) calls.push((more = simulateReplication(db, V, new Date(now), { maxItems }).more));
      const pointTimes = db
        .select({ item: recoveryPoints.replicatedItemId, at: recoveryPoints.at })
        .from(recoveryPoints)
        .where(inArray(recoveryPoints.replicatedItemId, ids))
        .all()
        .map((p) => `${p.item}@${p.at.getTime()}`)
        .sort();
      return { calls, pointTimes, due: ids.filter((id) => item(id).simulateAt <= now).length };
    };
    const whole = sliced(memoryDb());
    const slices = sliced(memoryDb(), 500);
    expect(whole.calls).toEqual([false]);
    expect(slices.calls.length).toBeGreaterThanOrEqual(3); // 1,200 due items in slices of 500
    expect(slices.calls.at(-1)).toBe(false);
    expect(slices.calls.slice(0, -1).every(Boolean)).toBe(true);
    expect(slices.due).toBe(0);
    expect(whole.due).toBe(0);
    expect(slices.pointTimes).toEqual(whole.pointTimes);
  });

  it("the portal's hook: slices at one time up to MAX_ITEMS_PER_TICK items, the rest at the next time", () => {
    const ids = seedProtectedItems(db, { vaultId: V, count: MAX_ITEMS_PER_TICK + 700, now: T0, pointAgeMs: MIN });
    tick(T0);
    run(10 * MIN, 5 * MIN);
    const hook = slicedReplication(500);
    const due = () => ids.filter((id) => item(id).simulateAt <= now).length;
    now = T0 + 12 * MIN;
    refreshHeartbeats(db, V, new Date(now));
    const answers: boolean[] = [];
    for (let more = true; more;) answers.push((more = hook(db, V, new Date(now))));
    expect(answers).toEqual([true, true, true, false]); // 4 × 500 = MAX_ITEMS_PER_TICK
    expect(due()).toBeGreaterThanOrEqual(700);
    now += 1000;
    for (let more = true; more;) more = hook(db, V, new Date(now));
    expect(due()).toBe(0);
  });

  it("stops taking items once a tick has made MAX_POINTS_PER_TICK points; the others catch up later with every point", () => {
    const ids = seedProtectedItems(db, { vaultId: V, count: 1_000, now: T0, pointAgeMs: MIN });
    tick(T0); // anchors the simulation
    // Three simulated hours later (three real seconds at the fastest speed): 36 points per item due.
    const later = T0 + 3 * HOUR;
    const first = tick(later);
    expect(first.pointsCreated).toBeGreaterThanOrEqual(MAX_POINTS_PER_TICK);
    expect(first.pointsCreated).toBeLessThan(MAX_POINTS_PER_TICK + 40); // the last item taken finishes its points
    const due = () => ids.filter((id) => item(id).simulateAt <= later).length;
    expect(due()).toBeGreaterThan(0);
    let ticks = 1;
    while (due() > 0 && ticks < 10) {
      tick(later);
      ticks++;
    }
    expect(due()).toBe(0);
    // No point lost: each item has the same points, whichever tick took it.
    const times = (id: string) => points(id, T0).map((p) => p.at.getTime());
    expect(times(ids[0]!).length).toBeGreaterThanOrEqual(30);
    expect(times(ids.at(-1)!)).toEqual(times(ids[0]!));
  });
});
