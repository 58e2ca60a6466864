/** Job "Test failover cleanup": deletes the test VM, the item is Protected again. */
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob, jobFabric, lockedItem } from "@/server/domain/replicated-item/common";
import { itemHooks } from "./item-hooks";

export const testFailoverCleanupDefinition: JobDefinition = {
  type: JOB_TYPES.testFailoverCleanup,
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
