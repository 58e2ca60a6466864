/** Job "Test failover": a test VM in the chosen network, replication continues. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob, jobFabric, lockedItem, relockItem, restoreItem } from "@/server/domain/replicated-item/common";

export const testFailoverDefinition: JobDefinition = {
  type: JOB_TYPES.testFailover,
  steps: {
    prerequisites: () => {},
    "create-test-environment": () => {},
    "start-test-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item || item.testAzureVmId) return;
      const f = jobFabric(tx, job, now);
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
    },
    finalize: ({ tx, job, now }) => {
      if (lockedItem(tx, job)) finishItemJob(tx, job, now, { state: "test-failover-completed" });
    },
  },
  onFailed: ({ tx, job, now }) => {
    const item = lockedItem(tx, job);
    if (item?.testAzureVmId) {
      jobFabric(tx, job, now).deleteAzureVm(item.testAzureVmId);
      tx.update(s.replicatedItems).set({ testAzureVmId: null }).where(eq(s.replicatedItems.id, item.id)).run();
    }
    restoreItem(tx, job, now);
  },
  onCancelled: ({ tx, job, now }) => {
    const item = lockedItem(tx, job);
    if (item?.testAzureVmId) {
      jobFabric(tx, job, now).deleteAzureVm(item.testAzureVmId);
      tx.update(s.replicatedItems).set({ testAzureVmId: null }).where(eq(s.replicatedItems.id, item.id)).run();
    }
    restoreItem(tx, job, now);
  },
  onRestart: ({ tx, job, now }) => relockItem(tx, job, now),
};
