/**
 * Job "Failover" / "Unplanned failover": to Azure (stages 1 → 2) or back to on-premises
 * (stages 4 → 5). Failing back first shuts the Azure VM down (split-brain guard), so every check
 * that could stop the on-premises VM from starting runs in Prerequisites, which also decides the
 * failback location once (job input `location`); the start step uses that decision.
 */
import { eq, sql } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition, JobRow } from "../types";
import { JOB_TYPES, type FailoverJobInput } from "@/server/domain/steps";
import { preparedQuery, type Tx } from "@/db/client";
import { finishItemJob, jobFabric, lockedItem, restoreItem, relockItem } from "@/server/domain/replicated-item/common";
import { itemStep } from "./item-hooks";
import { assertChecks, buildCheckWorld, proposalFromItem } from "@/server/domain/checks";
import { newVmSpec, requireFailbackLocation, type LocationDecision } from "@/server/domain/failback/location";
import { failbackNotes } from "@/server/domain/checks/check-12-after-failback";
import { processServerHealth } from "@/server/domain/checks/check-01-process-server";

const jobInput = (job: JobRow) => job.input as unknown as FailoverJobInput & { location?: LocationDecision };

const azureVmsOfItem = preparedQuery((db) =>
  db
    .select()
    .from(s.azureVms)
    .where(eq(s.azureVms.replicatedItemId, sql.placeholder("itemId")))
    .prepare(),
);

function currentAzureVm(tx: Tx, itemId: string) {
  return azureVmsOfItem(tx)
    .all({ itemId })
    .find((v) => !v.deleted && !v.isTest);
}

export const failoverDefinition: JobDefinition = {
  type: JOB_TYPES.failover,
  steps: {
    prerequisites: itemStep(({ tx, job, item, fabric }) => {
      if (jobInput(job).direction === "to-on-premises") {
        const proposal = proposalFromItem(item);
        const w = assertChecks(tx, fabric(), item, { ...proposal, purpose: "failback-failover" }, "failover-to-on-premises");
        const location = requireFailbackLocation(w, proposal);
        tx.update(s.jobs)
          .set({ input: { ...job.input, location } })
          .where(eq(s.jobs.id, job.id))
          .run();
      } else if (jobInput(job).recoveryPointChoice === "latest" && item.processServerId) {
        // Latest processes the pending data first: that needs the process server.
        const f = fabric();
        const ps = f.processServer(item.processServerId);
        const cs = f.configurationServer(item.configurationServerId);
        const e = ps && cs ? processServerHealth(ps, cs) : null;
        if (e) throw e;
      }
    }),
    "shutdown-source": itemStep(({ item, fabric }) => fabric().powerOffOnPremisesVm(item.machineId)),
    "shutdown-azure-vm": itemStep(({ item, fabric }) => {
      if (item.azureVmId) fabric().stopAzureVm(item.azureVmId);
    }),
    sync: () => {},
    "start-azure-vm": itemStep(({ tx, job, item, fabric }) => {
      // Idempotent for a VM this job created; a VM left from before (e.g. replication disabled and
      // enabled again after an earlier failover) is never reused: every failover creates a fresh one.
      const previousVmId = (job.input.previous as { fields?: { azureVmId?: string | null } } | undefined)?.fields?.azureVmId ?? null;
      const existing = currentAzureVm(tx, item.id);
      if (existing && existing.id === item.azureVmId && existing.id !== previousVmId) return;
      const f = fabric();
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
    }),
    "start-on-premises-vm": itemStep(({ tx, job, item, fabric }) => {
      const f = fabric();
      // Decided in Prerequisites, before the Azure VM was shut down: never decided (or refused) again here.
      // (A job persisted by an earlier version, without it, decides now as it used to.)
      const decision =
        jobInput(job).location ?? requireFailbackLocation(buildCheckWorld(tx, f, item, proposalFromItem(item)), proposalFromItem(item));
      const settings = item.failbackSettings;
      const vm = newVmSpec(decision, settings);
      if (vm) f.createOnPremisesVm(item.machineId, vm);
      if (settings?.nicIps?.length) f.applyNicSettings(item.machineId, settings.nicIps);
      f.powerOnOnPremisesVm(item.machineId);
    }),
    finalize: itemStep(({ tx, job, now, item, fabric }) => {
      const inp = jobInput(job);
      const point = tx.select().from(s.recoveryPoints).where(eq(s.recoveryPoints.id, inp.recoveryPointId)).get();
      const toOnPremises = inp.direction === "to-on-premises";
      const m = toOnPremises ? fabric().machine(item.machineId) : null;
      // The machine row already carries the failback IPs (applied above), so notes are computed from the original NICs in the job input.
      const notes = m
        ? failbackNotes({ ...m, nics: (job.input.originalNics as s.Nic[] | undefined) ?? m.nics }, item.failbackSettings)
        : [];
      finishItemJob(tx, job, now, {
        // A physical server came back as a VMware VM: the item is one from now on (location rules, next round trip).
        ...(m && m.kind !== item.kind ? { kind: m.kind } : {}),
        state: "failover-completed",
        activeLocation: toOnPremises ? "on-premises" : "azure",
        replicationDirection: inp.direction,
        replicationHealth: "not-applicable",
        failoverRecoveryPointId: inp.recoveryPointId,
        lastRecoveryPointAt: point?.at ?? item.lastRecoveryPointAt,
        notes,
      });
    }),
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
      const prev = (job.input.previous as { fields?: { azureVmId?: string | null } } | undefined)?.fields;
      // Only the VM this job created (a VM left from an earlier protection stays).
      if (item.azureVmId && item.azureVmId !== prev?.azureVmId) f.deleteAzureVm(item.azureVmId);
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
