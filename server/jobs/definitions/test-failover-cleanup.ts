/** Job "Test failover cleanup": deletes the test VM, the item is Protected again. */
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { itemHooks, itemStep } from "./item-hooks";

export const testFailoverCleanupDefinition: JobDefinition = {
  type: JOB_TYPES.testFailoverCleanup,
  steps: {
    "delete-test-vm": itemStep(({ item, fabric }) => {
      if (item.testAzureVmId) fabric().deleteAzureVm(item.testAzureVmId);
    }),
    finalize: itemStep(({ tx, job, now }) => finishItemJob(tx, job, now, { state: "protected", testAzureVmId: null })),
  },
  ...itemHooks,
};
