/** Re-protect, direction On-premises to Azure (stage 6 → 7), through an on-premises process server. */
import type { DbOrTx } from "@/db/client";
import { processServerHealth } from "../checks/check-01-process-server";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { policyIdFor } from "../policy/paired";
import { JOB_TYPES, reprotectSteps } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { reprotectToAzureInput, type ReprotectToAzureInput } from "./inputs";

export { reprotectToAzureInput, type ReprotectToAzureInput };

export function reprotectToAzure(db: DbOrTx, raw: ReprotectToAzureInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, reprotectToAzureInput, raw, env, "reprotect-to-azure", ({ tx, input, item, fabric, startJob }) => {
    const ps = fabric.processServer(input.processServerId);
    const cs = fabric.configurationServer(item.configurationServerId)!;
    if (!ps || ps.configurationServerId !== cs.id)
      throw new DomainError("NotFound", {
        code: CODES.notFound,
        message: `Process server '${input.processServerId}' is not registered with ${cs.name}.`,
        fieldErrors: { processServerId: ["Choose a process server of the configuration server."] },
      });
    if (ps.location !== "on-premises")
      throw new DomainError("NotAllowed", {
        code: CODES.psInAzureForReprotectToAzure,
        message: `The process server ${ps.name} is in Azure; replication to Azure goes through an on-premises process server.`,
        recommendedAction: `Choose an on-premises process server of ${cs.name}.`,
        fieldErrors: { processServerId: ["Choose an on-premises process server."] },
      });
    const e = processServerHealth(ps, cs);
    if (e) throw e;
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
