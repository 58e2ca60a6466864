/** Job "Enable replication": initial replication of a machine to Azure, ending Protected (stage 1). */
import { and, eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { itemStep } from "./item-hooks";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { itemPointsAreMultiVm } from "@/server/domain/replication/multi-vm";

export const enableReplicationDefinition: JobDefinition = {
  type: JOB_TYPES.enableReplication,
  steps: {
    prerequisites: itemStep(({ item, fabric }) => {
      const ps = item.processServerId ? fabric().processServer(item.processServerId) : null;
      if (ps && !ps.heartbeatOk)
        throw new DomainError("NotAllowed", {
          code: CODES.psHeartbeatLost,
          message: `The process server ${ps.name} has not sent a heartbeat; replication of ${item.name} cannot start.`,
          possibleCauses: "The process server is stopped or lost its connection to the configuration server.",
          recommendedAction: "Start the process server and check port 443 to the configuration server, then restart the job.",
        });
    }),
    "identify-target": () => {},
    enable: () => {},
    "initial-replication": ({ tx, job }) => {
      tx.update(s.replicatedItems)
        .set({ initialReplicationPercent: 50 })
        .where(and(eq(s.replicatedItems.id, job.targetId), eq(s.replicatedItems.currentJobId, job.id)))
        .run();
    },
    finalize: itemStep(({ tx, job, now, item }) => {
      // Initial replication ends with the first points (crash- and app-consistent).
      const multiVm = itemPointsAreMultiVm(tx, item);
      tx.insert(s.recoveryPoints)
        .values([
          { replicatedItemId: item.id, at: now, type: "app-consistent", multiVm, direction: "to-azure" },
          { replicatedItemId: item.id, at: now, type: "crash-consistent", multiVm, direction: "to-azure" },
        ])
        .run();
      finishItemJob(tx, job, now, {
        state: "protected",
        activeLocation: "on-premises",
        replicationDirection: "to-azure",
        replicationHealth: "healthy",
        initialReplicationPercent: 100,
        rpoSeconds: 0,
        lastRecoveryPointAt: now,
        healthErrors: [],
      });
    }),
  },
  onFailed: ({ tx, job, now, error }) => {
    // A machine whose first replication failed is left unprotected (it can be replicated again).
    finishItemJob(tx, job, now, {
      state: "replication-disabled",
      replicationHealth: "not-applicable",
      healthErrors: [{ ...error, severity: "critical", at: now.getTime() }],
    });
  },
  onCancelled: ({ tx, job, now }) => finishItemJob(tx, job, now, { state: "replication-disabled", replicationHealth: "not-applicable" }),
  onRestart: ({ tx, job, now }) => {
    const res = tx
      .update(s.replicatedItems)
      .set({ state: "enabling-protection", currentJobId: job.id, updatedAt: now })
      .where(and(eq(s.replicatedItems.id, job.targetId), eq(s.replicatedItems.state, "replication-disabled")))
      .run();
    if (res.changes !== 1)
      throw new DomainError("Conflict", {
        code: CODES.operationInProgress,
        message: `The item ${job.targetName} changed since the job failed.`,
        recommendedAction: "Enable replication again from Replicate.",
      });
  },
};
