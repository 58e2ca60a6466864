/**
 * Job "Failover" / "Unplanned failover": to Azure (stages 1 → 2) or back to on-premises
 * (stages 4 → 5). Failing back first shuts the Azure VM down (split-brain guard).
 */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition, JobRow } from "../types";
import { JOB_TYPES, type FailoverJobInput } from "@/server/domain/steps";
import type { Tx } from "@/db/client";
import { finishItemJob, jobFabric, lockedItem, restoreItem, relockItem } from "@/server/domain/replicated-item/common";
import { buildCheckWorld, proposalFromItem } from "@/server/domain/checks/world";
import { CHECKS_FOR, firstRefusal } from "@/server/domain/checks";
import { decideFailbackLocation, isLocationError } from "@/server/domain/failback/location";
import { failbackNotes } from "@/server/domain/checks/check-12-after-failback";
import { processServerHealth } from "@/server/domain/checks/check-01-process-server";

const jobInput = (job: JobRow) => job.input as unknown as FailoverJobInput;

function currentAzureVm(tx: Tx, itemId: string) {
  return tx
    .select()
    .from(s.azureVms)
    .where(eq(s.azureVms.replicatedItemId, itemId))
    .all()
    .find((v) => !v.deleted && !v.isTest);
}

export const failoverDefinition: JobDefinition = {
  type: JOB_TYPES.failover,
  steps: {
    prerequisites: ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      const f = jobFabric(tx, job, now);
      if (jobInput(job).direction === "to-on-premises") {
        const input = { ...proposalFromItem(item), purpose: "failback-failover" as const };
        const w = buildCheckWorld(tx, f, item, input);
        const e = firstRefusal(w, input, CHECKS_FOR["failover-to-on-premises"]);
        if (e) throw e;
      } else if (jobInput(job).recoveryPointChoice === "latest" && item.processServerId) {
        // Latest processes the pending data first: that needs the process server.
        const ps = f.processServer(item.processServerId);
        const cs = f.configurationServer(item.configurationServerId);
        const e = ps && cs ? processServerHealth(ps, cs) : null;
        if (e) throw e;
      }
    },
    "shutdown-source": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (item) jobFabric(tx, job, now).powerOffOnPremisesVm(item.machineId);
    },
    "shutdown-azure-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (item?.azureVmId) jobFabric(tx, job, now).stopAzureVm(item.azureVmId);
    },
    sync: () => {},
    "start-azure-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      if (currentAzureVm(tx, item.id)) return; // idempotent after a crash
      const f = jobFabric(tx, job, now);
      const m = f.machine(item.machineId);
      const vmId = f.createAzureVm({
        replicatedItemId: item.id,
        name: m?.name ?? item.name,
        cores: m?.cores ?? 2,
        memoryMb: m?.memoryMb ?? 4096,
        networkId: item.targetNetworkId,
        subnetId: item.targetSubnetId,
        isTest: false,
      });
      tx.update(s.replicatedItems).set({ azureVmId: vmId }).where(eq(s.replicatedItems.id, item.id)).run();
    },
    "start-on-premises-vm": ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      const f = jobFabric(tx, job, now);
      const input = proposalFromItem(item);
      const w = buildCheckWorld(tx, f, item, input);
      const d = decideFailbackLocation(w, input);
      if (isLocationError(d)) throw d;
      const settings = item.failbackSettings;
      if (d.newVm && d.hostId && d.datastoreId)
        f.createOnPremisesVm(item.machineId, {
          hostId: d.hostId,
          datastoreId: d.datastoreId,
          displayName: settings?.displayName,
          cores: settings?.cores,
          memoryMb: settings?.memoryMb,
          folderName: settings?.folderName,
        });
      if (settings?.nicIps?.length) f.applyNicSettings(item.machineId, settings.nicIps);
      f.powerOnOnPremisesVm(item.machineId);
    },
    finalize: ({ tx, job, now }) => {
      const item = lockedItem(tx, job);
      if (!item) return;
      const inp = jobInput(job);
      const point = tx.select().from(s.recoveryPoints).where(eq(s.recoveryPoints.id, inp.recoveryPointId)).get();
      if (inp.direction === "to-on-premises") {
        const f = jobFabric(tx, job, now);
        const m = f.machine(item.machineId);
        // The machine row already carries the failback IPs (applied above), so notes are computed from the original NICs in the job input.
        const notes = m
          ? failbackNotes({ ...m, nics: (job.input.originalNics as s.Nic[] | undefined) ?? m.nics }, item.failbackSettings)
          : [];
        finishItemJob(tx, job, now, {
          state: "failover-completed",
          activeLocation: "on-premises",
          replicationDirection: "to-on-premises",
          replicationHealth: "not-applicable",
          failoverRecoveryPointId: inp.recoveryPointId,
          lastRecoveryPointAt: point?.at ?? item.lastRecoveryPointAt,
          notes,
        });
      } else {
        finishItemJob(tx, job, now, {
          state: "failover-completed",
          activeLocation: "azure",
          replicationDirection: "to-azure",
          replicationHealth: "not-applicable",
          failoverRecoveryPointId: inp.recoveryPointId,
          lastRecoveryPointAt: point?.at ?? item.lastRecoveryPointAt,
          notes: [],
        });
      }
    },
  },
  onFailed: ({ tx, job, now }) => undo(tx, job, now),
  onCancelled: ({ tx, job, now }) => undo(tx, job, now),
  onRestart: ({ tx, job, now }) => relockItem(tx, job, now),
};

/** Back to the previous stage: a VM this job created goes away, one it shut down runs again. */
function undo(tx: Tx, job: JobRow, now: Date) {
  const item = lockedItem(tx, job);
  if (item) {
    const f = jobFabric(tx, job, now);
    if (jobInput(job).direction === "to-azure") {
      const vm = currentAzureVm(tx, item.id);
      const prev = (job.input.previous as { fields?: { azureVmId?: string | null } } | undefined)?.fields;
      if (vm && vm.id !== prev?.azureVmId) f.deleteAzureVm(vm.id);
      f.powerOnOnPremisesVm(item.machineId);
      tx.update(s.replicatedItems)
        .set({ azureVmId: prev?.azureVmId ?? item.azureVmId })
        .where(eq(s.replicatedItems.id, item.id))
        .run();
    } else if (item.azureVmId) {
      f.startAzureVm(item.azureVmId);
    }
  }
  restoreItem(tx, job, now);
}
