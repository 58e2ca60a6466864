/** Job "Test failover": a test VM in the chosen network, replication continues. */
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { JobDefinition, JobRow } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob, jobFabric, lockedItem, relockItem, restoreItem } from "@/server/domain/replicated-item/common";
import { itemStep } from "./item-hooks";

export const testFailoverDefinition: JobDefinition = {
  type: JOB_TYPES.testFailover,
  steps: {
    prerequisites: () => {},
    "create-test-environment": () => {},
    "start-test-vm": itemStep(({ tx, job, item, fabric }) => {
      if (item.testAzureVmId) return;
      const f = fabric();
      const m = f.machine(item.machineId);
      const id = f.createAzureVm({
        replicatedItemId: item.id,
        name: `${m?.name ?? item.name}-test`,
        cores: m?.cores ?? 2,
        memoryMb: m?.memoryMb ?? 4096,
        networkId: String(job.input.networkId),
        subnetId: (job.input.subnetId as string | null) ?? null,
        isTest: true,
      });
      tx.update(s.replicatedItems).set({ testAzureVmId: id }).where(eq(s.replicatedItems.id, item.id)).run();
    }),
    finalize: itemStep(({ tx, job, now }) => finishItemJob(tx, job, now, { state: "test-failover-completed" })),
  },
  onFailed: ({ tx, job, now }) => undo(tx, job, now),
  onCancelled: ({ tx, job, now }) => undo(tx, job, now),
  onRestart: ({ tx, job, now }) => relockItem(tx, job, now),
};

/** Back to Protected: the test VM this job created goes away. */
function undo(tx: Tx, job: JobRow, now: Date) {
  const item = lockedItem(tx, job);
  if (item?.testAzureVmId) {
    jobFabric(tx, job, now).deleteAzureVm(item.testAzureVmId);
    tx.update(s.replicatedItems).set({ testAzureVmId: null }).where(eq(s.replicatedItems.id, item.id)).run();
  }
  restoreItem(tx, job, now);
}
