/** Job "Disable replication": stops replication and removes its data; the machine is unprotected. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { itemHooks, itemStep } from "./item-hooks";

export const disableReplicationDefinition: JobDefinition = {
  type: JOB_TYPES.disableReplication,
  steps: {
    disable: () => {},
    cleanup: itemStep(({ tx, job, now, item }) => {
      tx.delete(s.recoveryPoints).where(eq(s.recoveryPoints.replicatedItemId, item.id)).run();
      finishItemJob(tx, job, now, {
        state: "replication-disabled",
        replicationHealth: "not-applicable",
        rpoSeconds: null,
        healthErrors: [],
        initialReplicationPercent: 0,
      });
    }),
  },
  ...itemHooks,
};
