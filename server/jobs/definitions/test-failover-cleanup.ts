/** Job "Test failover cleanup": deletes the test VM, the item is Protected again. */
import type { JobDefinition, StepSpec } from "../types";
import { finishItemJob, jobFabric, lockedItem } from "@/server/domain/replicated-item/common";
import { itemHooks } from "./item-hooks";

export const TEST_FAILOVER_CLEANUP = "test-failover-cleanup";

export const testFailoverCleanupSteps = (): StepSpec[] => [
  { key: "delete-test-vm", name: "Delete the test virtual machine", durationSeconds: 60 },
  { key: "finalize", name: "Update the replication state", durationSeconds: 10 },
];

export const testFailoverCleanupDefinition: JobDefinition = {
  type: TEST_FAILOVER_CLEANUP,
  steps: {
    "delete-test-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (item?.testAzureVmId) jobFabric(tx, job, now).deleteAzureVm(item.testAzureVmId);
    },
    finalize: ({ tx, job, now }) => {
      if (lockedItem(tx, job)) finishItemJob(tx, job, now, { state: "protected", testAzureVmId: null });
    },
  },
  ...itemHooks,
};
