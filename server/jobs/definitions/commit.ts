/** Job "Commit": fixes the recovery point (stage 2 → 3); after failback (5 → 6) it also deletes the Azure VM. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition, StepSpec } from "../types";
import { finishItemJob, jobFabric, lockedItem } from "@/server/domain/replicated-item/common";
import { itemHooks } from "./item-hooks";

export const COMMIT = "commit";

export const commitSteps = (direction: "to-azure" | "to-on-premises"): StepSpec[] => [
  { key: "prerequisites", name: "Prerequisites check", durationSeconds: 10 },
  ...(direction === "to-on-premises" ? [{ key: "delete-azure-vm", name: "Delete the Azure virtual machine", durationSeconds: 120 }] : []),
  { key: "commit", name: "Commit", durationSeconds: 30 },
];

export const commitDefinition: JobDefinition = {
  type: COMMIT,
  steps: {
    prerequisites: () => {},
    "delete-azure-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (item?.azureVmId) jobFabric(tx, job, now).deleteAzureVm(item.azureVmId);
    },
    commit: ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
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
    },
  },
  ...itemHooks,
};
