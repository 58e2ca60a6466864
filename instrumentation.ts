/**
 * Next.js calls register() once per server process. In the Node.js runtime (not the edge, not
 * during `next build`) it starts the one job engine of the process, which also drives the
 * simulated fabric (heartbeats, replication). JOB_ENGINE=off disables it (e.g. a second replica).
 * While no user exists it prints the one-time setup link (server/auth/setup-token.ts).
 * Everything is imported dynamically so the edge bundle never pulls in better-sqlite3.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Every server process marks its database as in use (db:restore refuses while it runs).
  const [{ databasePath }, { holdServerLock }, { logger: log }] = await Promise.all([
    import("@/db/client"),
    import("@/server/ops/server-lock"),
    import("@/server/lib/logger"),
  ]);
  holdServerLock(databasePath(), log);
  await announceFirstRun(log);
  if (process.env.JOB_ENGINE === "off") return;

  const state = globalThis as unknown as { __portalJobEngine?: { stop(): void } };
  if (state.__portalJobEngine) return;

  const [{ getDb }, { JobEngine, PORTAL_JOB_BUDGET_MS }, { dbClock }, { slicedReplication }, { refreshHeartbeats }, { logger }] =
    await Promise.all([
      import("@/db/client"),
      import("@/server/jobs/engine"),
      import("@/server/jobs/clock"),
      import("@/server/domain/replication"),
      import("@/server/fabric/simulator/heartbeat"),
      import("@/server/lib/logger"),
    ]);
  await import("@/server/jobs/definitions");
  if (state.__portalJobEngine) return;

  const db = getDb();
  const engine = new JobEngine({
    db,
    clock: dbClock(db),
    // Heartbeats first, so replication and job steps see the servers' state of this tick.
    // Replication in slices: the engine runs it again after pending I/O while due items are left.
    hooks: [refreshHeartbeats, slicedReplication()],
    // A tick leaves what it cannot do in this time to the next one, so requests are not held.
    jobBudgetMs: PORTAL_JOB_BUDGET_MS,
  });
  engine.start(500);
  state.__portalJobEngine = engine;
  logger.info("job engine started (tick 500 ms)");
}

/** No user yet: print this start's one-time link to "Create the first administrator" (stdout and the server log). */
async function announceFirstRun(log: { warn(obj: object, msg: string): void }): Promise<void> {
  const [{ getDb }, { needsFirstAdministrator }, { setupAnnouncement, setupLink }] = await Promise.all([
    import("@/db/client"),
    import("@/server/auth/users"),
    import("@/server/auth/setup-token"),
  ]);
  if (!needsFirstAdministrator(getDb())) return;
  console.log(["", ...setupAnnouncement()].join("\n"));
  log.warn({ setupLink: setupLink() }, "no user exists yet: open the setup link to create the first administrator");
}
