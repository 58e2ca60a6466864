/** Job "Change recovery point": re-creates the failed-over VM from another point (before commit). */
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { itemHooks, itemStep } from "./item-hooks";

export const changeRecoveryPointDefinition: JobDefinition = {
  type: JOB_TYPES.changeRecoveryPoint,
  steps: {
    prerequisites: () => {},
    apply: () => {},
    finalize: itemStep(({ tx, job, now }) =>
      finishItemJob(tx, job, now, { state: "failover-completed", failoverRecoveryPointId: String(job.input.recoveryPointId) }),
    ),
  },
  ...itemHooks,
};
