/** The failure, cancellation and restart hooks every replicated-item job shares. */
import type { JobDefinition } from "../types";
import { relockItem, restoreItem } from "@/server/domain/replicated-item/common";

export const itemHooks: Pick<JobDefinition, "onFailed" | "onCancelled" | "onRestart"> = {
  onFailed: ({ tx, job, now }) => restoreItem(tx, job, now),
  onCancelled: ({ tx, job, now }) => restoreItem(tx, job, now),
  onRestart: ({ tx, job, now }) => relockItem(tx, job, now),
};
