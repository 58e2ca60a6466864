/** What every replicated-item job shares: steps that run only while the job holds the item, and the failure, cancellation and restart hooks. */
import type { FabricPort } from "@/server/fabric/port";
import type { ItemRow } from "@/server/domain/replicated-item/load";
import { jobFabric, lockedItem, relockItem, restoreItem } from "@/server/domain/replicated-item/common";
import type { JobDefinition, StepContext, StepOutcome } from "../types";

export type ItemStepContext = StepContext & { item: ItemRow; fabric: () => FabricPort };

/** A step on the job's item; a no-op once the job no longer holds the item's lock (a re-run after a crash). */
export function itemStep(run: (c: ItemStepContext) => StepOutcome): (c: StepContext) => StepOutcome {
  return (c) => {
    const item = lockedItem(c.tx, c.job);
    if (!item) return;
    return run({ ...c, item, fabric: () => jobFabric(c.tx, c.job, c.now) });
  };
}

export const itemHooks: Pick<JobDefinition, "onFailed" | "onCancelled" | "onRestart"> = {
  onFailed: ({ tx, job, now }) => restoreItem(tx, job, now),
  onCancelled: ({ tx, job, now }) => restoreItem(tx, job, now),
  onRestart: ({ tx, job, now }) => relockItem(tx, job, now),
};
