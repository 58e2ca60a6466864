/** Re-protect, direction On-premises to Azure (stage 6 → 7), through an on-premises process server. */
import type { DbOrTx } from "@/db/client";
import type { FabricPort } from "@/server/fabric/port";
import { processServerHealth, processServerOptionReason } from "../checks/check-01-process-server";
import type { ItemRow } from "./load";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { policyIdFor } from "../policy/paired";
import { JOB_TYPES, reprotectSteps } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { reprotectToAzureInput, type ReprotectToAzureInput } from "./inputs";

export { reprotectToAzureInput, type ReprotectToAzureInput };

type Cs = { id: string; name: string; ip: string };

/** The direction a Re-protect to Azure shows. */
export const REPROTECT_TO_AZURE_DIRECTION = "On-premises to Azure" as const;

/**
 * Why an item of configuration server `cs` cannot re-protect to Azure through the process server
 * `processServerId` (null: it can): it must be one of the configuration server's, on-premises,
 * registered, reaching the configuration server and sending heartbeats.
 */
export function reprotectToAzureRefusal(fabric: FabricPort, cs: Cs, processServerId: string): DomainError | null {
  const ps = fabric.processServer(processServerId);
  if (!ps || ps.configurationServerId !== cs.id)
    return new DomainError("NotFound", {
      code: CODES.notFound,
      message: `Process server '${processServerId}' is not registered with ${cs.name}.`,
      fieldErrors: { processServerId: ["Choose a process server of the configuration server."] },
    });
  if (ps.location !== "on-premises")
    return new DomainError("NotAllowed", {
      code: CODES.psInAzureForReprotectToAzure,
      message: `The process server ${ps.name} is in Azure; replication to Azure goes through an on-premises process server.`,
      recommendedAction: `Choose an on-premises process server of ${cs.name}.`,
      fieldErrors: { processServerId: ["Choose an on-premises process server."] },
    });
  return processServerHealth(ps, cs);
}

/** Re-protect to Azure's choices of configuration server `cs`: its on-premises process servers. */
export function reprotectToAzureProcessServers(fabric: FabricPort, cs: Pick<Cs, "id">) {
  return fabric.processServers(cs.id).filter((p) => p.location === "on-premises");
}

/** The process server Re-protect to Azure proposes: the first of the choices that can be taken ("" when none can). */
export function defaultProcessServerId(processServers: { id: string; disabledReason?: string }[]): string {
  return processServers.find((p) => !p.disabledReason)?.id ?? "";
}

/** Re-protect to Azure's choices for an item: its configuration server's on-premises process servers, each usable or saying why not. */
export function reprotectToAzureOptions(fabric: FabricPort, item: Pick<ItemRow, "configurationServerId">) {
  const cs = fabric.configurationServer(item.configurationServerId)!;
  const processServers = reprotectToAzureProcessServers(fabric, cs).map((p) => {
    const reason = processServerOptionReason(p, cs);
    return { id: p.id, name: p.name, heartbeatOk: p.heartbeatOk, ...(reason ? { disabledReason: reason } : {}) };
  });
  return {
    direction: REPROTECT_TO_AZURE_DIRECTION,
    processServers,
    defaults: { processServerId: defaultProcessServerId(processServers) },
  };
}

export function reprotectToAzure(db: DbOrTx, raw: ReprotectToAzureInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, reprotectToAzureInput, raw, env, "reprotect-to-azure", ({ tx, input, item, fabric, startJob }) => {
    const cs = fabric.configurationServer(item.configurationServerId)!;
    const e = reprotectToAzureRefusal(fabric, cs, input.processServerId);
    if (e) throw e;
    const ps = fabric.processServer(input.processServerId)!;
    const jobId = startJob(
      {
        type: JOB_TYPES.reprotect,
        name: "Reprotect",
        steps: reprotectSteps("to-azure"),
        input: { direction: "to-azure", processServerId: ps.id },
      },
      {
        replicationDirection: "to-azure",
        processServerId: ps.id,
        policyId: policyIdFor(tx, item.policyId, "to-azure") ?? item.policyId,
        initialReplicationPercent: 0,
      },
    );
    return { jobId, itemId: item.id, warnings: [] };
  });
}
