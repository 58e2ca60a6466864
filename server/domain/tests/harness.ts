/** Test harness: a seeded in-memory vault, the real job engine on a manual clock, table snapshots. */
import { eq } from "drizzle-orm";
import { refreshHeartbeats } from "@/server/fabric/simulator/heartbeat";
import { simulateReplication } from "@/server/domain/replication";
import { memoryDb, type DB, type Tx } from "@/db/client";
import { seedDemoVault, DEMO_VAULT_ID } from "@/db/seed";
import * as s from "@/db/schema";
import { ManualClock } from "@/server/jobs/clock";
import { JobEngine, loadSteps } from "@/server/jobs/engine";
import { registerAllJobDefinitions } from "@/server/jobs/definitions";
import { setFault } from "../lab/faults";
import type { FaultKey, JobStatus } from "@/db/schema";
import { DomainError } from "../errors";
import type { EnableReplicationInput } from "../replicated-item/inputs";
import { createReplicationPolicy } from "../policy/create-replication-policy";

export const vaultId = DEMO_VAULT_ID;
export const MIN = 60_000;

/** A valid failback of the seeded Windows VMs: Azure process server, Windows master target and its retention volume. */
export const failback = {
  processServerId: "ps-azure-prod",
  masterTargetId: "mt-cs-01",
  accountId: "acct-vcenter-admin",
  datastoreId: "ds-prod-01",
  retentionVolumeId: "rv-cs-01-r",
};

/** Enable replication of seeded VMware machines of cs-01 (vcenter-01, ps-cs-01, vnet-prod, policy-24h); `extra` overrides. */
export function replicationInput(machineIds: string[], extra: Partial<EnableReplicationInput> = {}): EnableReplicationInput {
  return {
    vaultId,
    configurationServerId: "cs-01",
    machineType: "vmware",
    vcenterId: "vcenter-01",
    processServerId: "ps-cs-01",
    networkId: "vnet-prod",
    policyId: "policy-24h",
    machineIds,
    ...extra,
  };
}

/** The DomainError `fn` throws; any other outcome fails the test. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a DomainError");
}

class RolledBack extends Error {}

/** Runs `verb` in a transaction that is then rolled back: the DomainError it refuses with, or null when it would have gone ahead. */
export function refusalRolledBack(db: DB, verb: (tx: Tx) => unknown): DomainError | null {
  let refused: DomainError | null = null;
  try {
    db.transaction((tx) => {
      try {
        verb(tx);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        refused = err;
      }
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  return refused;
}

const FINAL: JobStatus[] = ["succeeded", "failed", "cancelled"];

/** The running portal's tick hooks: heartbeats (servers without a fault stay alive), then the replication simulation. */
const heartbeats = (db: DB, vaultId: string, now: Date) => refreshHeartbeats(db, vaultId, now);
const replication = (db: DB, vaultId: string, now: Date) => void simulateReplication(db, vaultId, now);

export function harness() {
  registerAllJobDefinitions();
  const clock = new ManualClock();
  const db = memoryDb();
  seedDemoVault(db, clock.now());
  const engine = new JobEngine({ db, clock, hooks: [heartbeats, replication] });
  const env = () => ({ now: new Date(clock.now()) });
  const job = (id: string) => db.select().from(s.jobs).where(eq(s.jobs.id, id)).get()!;
  const item = (id: string) => db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, id)).get()!;
  const azureVm = (id: string) => db.select().from(s.azureVms).where(eq(s.azureVms.id, id)).get()!;
  const steps = (jobId: string) => loadSteps(db, jobId);
  /** Ticks and advances simulated time until the job reaches one of the statuses. */
  const until = (jobId: string, statuses: readonly JobStatus[]) => {
    for (let i = 0; i < 500; i++) {
      engine.tick();
      const j = job(jobId);
      if (statuses.includes(j.status)) return j;
      clock.advance(5 * MIN);
    }
    throw new Error(`job ${jobId} did not reach ${statuses.join("/")}`);
  };
  /** Ticks and advances simulated time until the job ends. */
  const run = (jobId: string) => until(jobId, FINAL);
  const fault = (f: FaultKey, targetId = "*") => setFault(db, { vaultId, fault: f, targetId }, env());
  const touch = () => heartbeats(db, vaultId, new Date(clock.now()));
  /** Lets replication produce points for a while (the engine's hooks run at each tick). */
  const replicate = (minutes: number) => {
    for (let i = 0; i < minutes / 5; i++) {
      clock.advance(5 * MIN);
      engine.tick();
    }
    touch();
  };
  return { db, clock, engine, env, job, item, azureVm, steps, until, run, fault, touch, replicate };
}

/** A replication policy of cs-01 (30 min RPO, 24 h, hourly app-consistent) with its failback twin: "group-policy", multi-VM consistent, or "single-vm-policy" with multiVmConsistency false. */
export function multiVmPolicy(h: ReturnType<typeof harness>, multiVmConsistency = true) {
  return createReplicationPolicy(
    h.db,
    {
      vaultId,
      configurationServerId: "cs-01",
      name: multiVmConsistency ? "group-policy" : "single-vm-policy",
      rpoThresholdMinutes: 30,
      retentionHours: 24,
      appConsistentFrequencyMinutes: 60,
      multiVmConsistency,
    },
    h.env(),
  );
}

/** Every table's rows, for "nothing changed" assertions (data tables: a full-text index's own storage is derived from them). */
export function snapshot(db: DB): Record<string, unknown[]> {
  const tables = db.$client
    .prepare(
      "select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.$client.prepare(`select * from "${t.name}" order by rowid`).all()]));
}
