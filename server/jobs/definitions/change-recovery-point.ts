/** Job "Change recovery point": re-creates the failed-over VM from another point (before commit). */
import type { JobDefinition, StepSpec } from "../types";
import { finishItemJob, lockedItem } from "@/server/domain/replicated-item/common";
import { itemHooks } from "./item-hooks";

export const CHANGE_RECOVERY_POINT = "change-recovery-point";

export const changeRecoveryPointSteps = (): StepSpec[] => [
  { key: "prerequisites", name: "Prerequisites check", durationSeconds: 10 },
  { key: "apply", name: "Recreate the virtual machine from the recovery point", durationSeconds: 120 },
  { key: "finalize", name: "Update the replication state", durationSeconds: 10 },
];

export const changeRecoveryPointDefinition: JobDefinition = {
  type: CHANGE_RECOVERY_POINT,
  steps: {
    prerequisites: () => {},
    apply: () => {},
    finalize: ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      finishItemJob(tx, job, now, { state: "failover-completed", failoverRecoveryPointId: String(job.input.recoveryPointId) });
    },
  },
  ...itemHooks,
};
