import * as s from "../schema";
import { DAY, HOUR, MIN, type SeedContext } from "./context";
import { ITEMS } from "./items";

/** Job history: each item's enable-replication job, a succeeded failover and a failed re-protect with its error. */
export function seedJobs({ tx, vaultId, id, at }: SeedContext): void {
  const job = (
    key: string,
    name: string,
    type: string,
    itemKey: string,
    status: s.JobStatus,
    startedAgo: number,
    steps: [string, s.JobStatus][],
    error?: s.JobError,
  ) => {
    const jobId = id(key);
    tx.insert(s.jobs)
      .values({
        id: jobId,
        vaultId,
        type,
        name,
        targetType: "replicated-item",
        targetId: id(itemKey),
        targetName: itemKey,
        status,
        createdAt: at(startedAgo),
        startedAt: at(startedAgo),
        endedAt: at(startedAgo - 20 * MIN),
        error: error ?? null,
        createdBy: "seed",
      })
      .run();
    tx.insert(s.jobSteps)
      .values(
        steps.map(([stepName, st], i) => ({
          jobId,
          ordinal: i + 1,
          key: stepName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
          name: stepName,
          status: st,
          durationSeconds: 60,
          progress: st === "succeeded" ? 100 : 0,
          startedAt: st === "not-started" ? null : at(startedAgo - i * 2 * MIN),
          endedAt: st === "not-started" ? null : at(startedAgo - (i + 1) * 2 * MIN),
          error: st === "failed" ? (error ?? null) : null,
        })),
      )
      .run();
  };
  const ok = (...names: string[]) => names.map((n) => [n, "succeeded"] as [string, s.JobStatus]);
  for (const it of ITEMS.filter((i) => i.state !== "enabling-protection")) {
    job(
      `job-enable-${it.key}`,
      "Enable replication",
      "enable-replication",
      it.key,
      "succeeded",
      20 * DAY,
      ok(
        "Prerequisites check",
        "Identifying replication target",
        "Enable replication",
        "Starting initial replication",
        "Finalize protection on the protected item",
      ),
    );
  }
  job(
    "job-failover-app-02",
    "Unplanned failover",
    "failover",
    "app-02",
    "succeeded",
    5 * HOUR,
    ok(
      "Prerequisites check",
      "Shut down the source virtual machine",
      "Synchronizing data",
      "Starting the replica virtual machine",
      "Update the replication state",
    ),
  );
  job(
    "job-reprotect-erp-app-01",
    "Reprotect",
    "reprotect",
    "erp-app-01",
    "failed",
    2 * HOUR,
    [
      ["Prerequisites check", "failed"],
      ["Prepare the master target", "not-started"],
      ["Start replication to on-premises", "not-started"],
    ],
    {
      code: "78052",
      message: "Protection couldn't be completed for the virtual machine erp-app-01: the on-premises virtual machine has snapshots.",
      possibleCauses: "The on-premises virtual machine has 2 snapshots. Reprotect can't write to disks that have snapshots.",
      recommendedAction:
        "Delete the snapshots of erp-app-01 in vCenter (or delete its disks to fail back to an alternate location), then retry the job.",
    },
  );
}
