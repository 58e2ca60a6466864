/** Re-protect, direction On-premises to Azure (stage 6 → 7), through an on-premises process server. */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { loadItem } from "../checks/world";
import { processServerHealth } from "../checks/check-01-process-server";
import { parseInput } from "../validation";
import { DomainError } from "../errors";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { REPROTECT, reprotectSteps } from "@/server/jobs/definitions/reprotect";
import type { ItemOperationResult } from "./failover";
import { reprotectToAzureInput, type ReprotectToAzureInput } from "./inputs";

export { reprotectToAzureInput, type ReprotectToAzureInput };

export function reprotectToAzure(db: DbOrTx, raw: ReprotectToAzureInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(reprotectToAzureInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = envFabric(tx, input.vaultId, now, env);
    assertAllowed("reprotect-to-azure", item, itemWorld(tx, fabric, item));
    const ps = fabric.processServer(input.processServerId);
    const cs = fabric.configurationServer(item.configurationServerId)!;
    if (!ps || ps.configurationServerId !== cs.id)
      throw new DomainError("NotFound", {
        code: "NotFound",
        message: `Process server '${input.processServerId}' is not registered with ${cs.name}.`,
        fieldErrors: { processServerId: ["Choose a process server of the configuration server."] },
      });
    if (ps.location !== "on-premises")
      throw new DomainError("NotAllowed", {
        code: "FB-0107",
        message: `The process server ${ps.name} is in Azure; replication to Azure goes through an on-premises process server.`,
        recommendedAction: `Choose an on-premises process server of ${cs.name}.`,
        fieldErrors: { processServerId: ["Choose an on-premises process server."] },
      });
    const e = processServerHealth(ps, cs);
    if (e) throw e;
    const policy = item.policyId
      ? tx.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, item.policyId)).get()
      : undefined;
    const forwardPolicyId = policy?.direction === "to-azure" ? policy.id : (policy?.pairedPolicyId ?? item.policyId);
    const jobId = startItemJob(
      tx,
      item,
      "reprotect-to-azure",
      now,
      {
        type: REPROTECT,
        name: "Reprotect",
        steps: reprotectSteps("to-azure"),
        input: { direction: "to-azure", processServerId: ps.id },
        userId: env?.userId,
      },
      { replicationDirection: "to-azure", processServerId: ps.id, policyId: forwardPolicyId, initialReplicationPercent: 0 },
    );
    return { jobId, itemId: item.id, warnings: [] };
  });
}
