/** Job "Commit": fixes the recovery point (stage 2 → 3); after failback (5 → 6) it also deletes the Azure VM. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { itemHooks, itemStep } from "./item-hooks";

export const commitDefinition: JobDefinition = {
  type: JOB_TYPES.commit,
  steps: {
    prerequisites: () => {},
    "delete-azure-vm": itemStep(({ item, fabric }) => {
      if (item.azureVmId) fabric().deleteAzureVm(item.azureVmId);
    }),
    commit: itemStep(({ tx, job, now, item }) => {
      if (item.replicationDirection === "to-on-premises") {
        // Data is on-premises but not protected until the reprotect to Azure (seed 004).
        tx.delete(s.recoveryPoints).where(eq(s.recoveryPoints.replicatedItemId, item.id)).run();
        finishItemJob(tx, job, now, {
          state: "failover-committed",
          activeLocation: "on-premises",
          replicationHealth: "not-applicable",
          azureVmId: null,
          rpoSeconds: null,
        });
      } else {
        finishItemJob(tx, job, now, { state: "failover-committed" });
      }
    }),
  },
  ...itemHooks,
};
