/**
 * Job "Reprotect": Azure → on-premises (stage 3 → 4: initial sync back through the Azure process
 * server and the master target, failback policy) or on-premises → Azure (stage 6 → 7).
 * Its first step re-runs the prerequisite checks, so a fault that appears after the request
 * fails the job there.
 */
import * as s from "@/db/schema";
import type { ReplicationDirection } from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { finishItemJob } from "@/server/domain/replicated-item/common";
import { assertChecks, buildCheckWorld, type ReprotectProposal } from "@/server/domain/checks";
import { newVmSpec, requireFailbackLocation } from "@/server/domain/failback/location";
import { processServerHealth } from "@/server/domain/checks/check-01-process-server";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";
import { itemHooks, itemStep } from "./item-hooks";
import { itemPointsAreMultiVm } from "@/server/domain/replication/multi-vm";

export const reprotectDefinition: JobDefinition = {
  type: JOB_TYPES.reprotect,
  steps: {
    prerequisites: itemStep(({ tx, job, item, fabric }) => {
      const f = fabric();
      if (job.input.direction === "to-on-premises") {
        assertChecks(tx, f, item, job.input.proposal as ReprotectProposal, "reprotect-to-on-premises");
      } else {
        const ps = f.processServer(String(job.input.processServerId));
        const cs = f.configurationServer(item.configurationServerId);
        if (!ps || !cs)
          throw new DomainError("NotAllowed", {
            code: CODES.psUnknown,
            message: "The process server for the reprotect no longer exists.",
            recommendedAction: "Re-protect again with a registered process server.",
          });
        const e = processServerHealth(ps, cs);
        if (e) throw e;
      }
    }),
    "prepare-master-target": itemStep(({ tx, job, item, fabric }) => {
      const f = fabric();
      const proposal = job.input.proposal as ReprotectProposal;
      const w = buildCheckWorld(tx, f, item, proposal);
      const vm = newVmSpec(requireFailbackLocation(w, proposal), item.failbackSettings);
      // Alternate location / physical server: new disks are created on the chosen datastore now.
      if (vm && !w.machine.exists) {
        f.createOnPremisesVm(item.machineId, vm);
        f.powerOffOnPremisesVm(item.machineId);
      }
    }),
    "install-mobility-service": () => {},
    "initial-sync": () => {},
    finalize: itemStep(({ tx, job, now, item }) => {
      const direction = job.input.direction as ReplicationDirection;
      const multiVm = itemPointsAreMultiVm(tx, item);
      tx.insert(s.recoveryPoints)
        .values([
          { replicatedItemId: item.id, at: now, type: "app-consistent", multiVm, direction },
          { replicatedItemId: item.id, at: now, type: "crash-consistent", multiVm, direction },
        ])
        .run();
      finishItemJob(tx, job, now, {
        state: "protected",
        activeLocation: direction === "to-on-premises" ? "azure" : "on-premises",
        replicationDirection: direction,
        replicationHealth: "healthy",
        initialReplicationPercent: 100,
        rpoSeconds: 0,
        lastRecoveryPointAt: now,
        healthErrors: [],
      });
    }),
  },
  ...itemHooks,
};
