/**
 * Enable replication (Replicate wizard): configuration server, machine type, vCenter, process
 * server, Azure network (+ subnet), policy and machines ⇒ one item per machine in
 * "Enabling protection", each with its own job. All or nothing.
 */
import { loadPolicy } from "../policy/paired";
import { isAssociated } from "../policy/associations";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { DomainError, conflictInProgress, invalid, notFound } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { canPerform } from "./state";
import { enqueueJob } from "@/server/jobs/engine";
import { enableReplicationSteps, JOB_TYPES } from "../steps";
import { enableReplicationInput, missingVCenter, type EnableReplicationInput } from "./inputs";

export { enableReplicationInput, type EnableReplicationInput };

export function enableReplication(db: DbOrTx, raw: EnableReplicationInput, env?: VerbEnv): { items: { itemId: string; jobId: string }[] } {
  return vaultVerb(db, enableReplicationInput, raw, env, ({ tx, input, now, fabric: fabricOf }) => {
    const fabric = fabricOf();
    const cs = fabric.configurationServer(input.configurationServerId);
    if (!cs) throw notFound("Configuration server", input.configurationServerId);
    const noVCenter = missingVCenter(input);
    if (noVCenter) throw invalid("vcenterId", noVCenter);
    if (input.machineType === "vmware" && input.vcenterId) {
      const vc = fabric.vcenter(input.vcenterId);
      if (!vc || vc.configurationServerId !== cs.id) throw notFound("vCenter server", input.vcenterId);
    }
    const ps = fabric.processServer(input.processServerId);
    if (!ps || ps.configurationServerId !== cs.id) throw notFound("Process server", input.processServerId);
    if (ps.location !== "on-premises")
      throw invalid("processServerId", `${ps.name} is in Azure; replication to Azure uses an on-premises process server.`);
    if (ps.status !== "registered") throw invalid("processServerId", `${ps.name} is not registered yet.`);
    const net = fabric.network(input.networkId);
    if (!net) throw notFound("Azure network", input.networkId);
    const subnetId = input.subnetId ?? net.subnets[0]?.id ?? null;
    if (input.subnetId && !net.subnets.some((x) => x.id === input.subnetId)) throw invalid("subnetId", `The subnet is not in ${net.name}.`);
    const policy = loadPolicy(tx, input.vaultId, input.policyId);
    if (policy.direction !== "to-azure")
      throw invalid("policyId", `${policy.name} is a failback policy; choose a replication policy to Azure.`);
    if (!isAssociated(tx, policy.id, cs.id))
      throw invalid(
        "policyId",
        `${policy.name} is not associated with ${cs.name}.`,
        `Associate it with ${cs.name} on Replication policies, or choose a policy associated with it.`,
      );
    if (new Set(input.machineIds).size !== input.machineIds.length) throw invalid("machineIds", "A machine is listed twice.");

    const existing = tx.select().from(s.replicatedItems).where(inArray(s.replicatedItems.machineId, input.machineIds)).all();
    const out: { itemId: string; jobId: string }[] = [];
    for (const machineId of input.machineIds) {
      const m = fabric.machine(machineId);
      if (!m || m.configurationServerId !== cs.id) throw notFound("Machine", machineId);
      if (m.kind !== input.machineType)
        throw invalid(
          "machineIds",
          `${m.name} is ${m.kind === "physical" ? "a physical machine" : "a virtual machine"}; the wizard is set to ${input.machineType === "physical" ? "Physical machines" : "Virtual machines"}.`,
        );
      if (input.machineType === "vmware" && m.vcenterId !== input.vcenterId)
        throw invalid("machineIds", `${m.name} is not in the chosen vCenter server.`);
      if (!m.exists) throw invalid("machineIds", `${m.name} no longer exists on-premises.`);
      const jobId = crypto.randomUUID();
      const prior = existing.find((i) => i.machineId === machineId);
      const fields = {
        state: "enabling-protection" as const,
        activeLocation: "on-premises" as const,
        replicationDirection: "to-azure" as const,
        replicationHealth: "not-applicable" as const,
        policyId: policy.id,
        processServerId: ps.id,
        masterTargetId: null,
        accountId: null,
        failbackDatastoreId: null,
        retentionVolumeId: null,
        failbackSettings: null,
        targetNetworkId: net.id,
        targetSubnetId: subnetId,
        azureVmId: null,
        testAzureVmId: null,
        replicationGroup: input.replicationGroup ?? null,
        rpoSeconds: null,
        initialReplicationPercent: 0,
        lastRecoveryPointAt: null,
        failoverRecoveryPointId: null,
        healthErrors: [],
        notes: [],
        currentJobId: jobId,
        updatedAt: now,
      };
      let itemId: string;
      if (prior) {
        const v = canPerform("enable-replication", prior);
        if (!v.allowed) {
          if (v.code === CODES.operationInProgress) throw conflictInProgress(prior.name);
          throw new DomainError("NotAllowed", {
            code: CODES.alreadyProtected,
            message: v.reason ?? `${m.name} is already replicated.`,
            recommendedAction: v.recommendedAction,
          });
        }
        const res = tx
          .update(s.replicatedItems)
          .set({ ...fields, version: prior.version + 1 })
          .where(
            and(
              eq(s.replicatedItems.id, prior.id),
              eq(s.replicatedItems.state, "replication-disabled"),
              eq(s.replicatedItems.version, prior.version),
            ),
          )
          .run();
        if (res.changes !== 1) throw conflictInProgress(prior.name);
        itemId = prior.id;
      } else {
        itemId = crypto.randomUUID();
        tx.insert(s.replicatedItems)
          .values({
            id: itemId,
            vaultId: input.vaultId,
            machineId: m.id,
            configurationServerId: cs.id,
            name: m.name,
            kind: m.kind,
            osType: m.osType,
            createdAt: now,
            ...fields,
          })
          .run();
      }
      enqueueJob(tx, {
        id: jobId,
        now,
        vaultId: input.vaultId,
        type: JOB_TYPES.enableReplication,
        name: "Enable replication",
        targetType: "replicated-item",
        targetId: itemId,
        targetName: m.name,
        input: { operation: "enable-replication" },
        steps: enableReplicationSteps(),
        createdBy: env?.userId ?? null,
      });
      out.push({ itemId, jobId });
    }
    return { items: out };
  });
}
