/** Job "Disable replication": stops replication and removes its data; the machine is unprotected. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition, StepSpec } from "../types";
import { finishItemJob, lockedItem } from "@/server/domain/replicated-item/common";
import { itemHooks } from "./item-hooks";

export const DISABLE_REPLICATION = "disable-replication";

export const disableReplicationSteps = (): StepSpec[] => [
  { key: "disable", name: "Disable replication", durationSeconds: 30 },
  { key: "cleanup", name: "Remove the replication data", durationSeconds: 30 },
];

export const disableReplicationDefinition: JobDefinition = {
  type: DISABLE_REPLICATION,
  steps: {
    disable: () => {},
    cleanup: ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      tx.delete(s.recoveryPoints).where(eq(s.recoveryPoints.replicatedItemId, item.id)).run();
      finishItemJob(tx, job, now, {
        state: "replication-disabled",
        replicationHealth: "not-applicable",
        rpoSeconds: null,
        healthErrors: [],
        initialReplicationPercent: 0,
      });
    },
  },
  ...itemHooks,
};
