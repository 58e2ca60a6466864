/** Unplanned failover to on-premises (failback, stage 4 → 5). The job shuts the Azure VM down first (split-brain guard). */
import type { DbOrTx } from "@/db/client";
import { buildCheckWorld, loadItem, proposalFromItem } from "../checks/world";
import { CHECKS_FOR, firstRefusal } from "../checks";
import { parseInput } from "../validation";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { FAILOVER, failoverSteps, type FailoverJobInput } from "@/server/jobs/definitions/failover";
import type { ItemOperationResult } from "./failover";
import { unplannedFailoverToOnPremisesInput, type UnplannedFailoverToOnPremisesInput } from "./inputs";

export { unplannedFailoverToOnPremisesInput, type UnplannedFailoverToOnPremisesInput };

export function unplannedFailoverToOnPremises(db: DbOrTx, raw: UnplannedFailoverToOnPremisesInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(unplannedFailoverToOnPremisesInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = envFabric(tx, input.vaultId, now, env);
    assertAllowed("unplanned-failover-to-on-premises", item, itemWorld(tx, fabric, item));
    const proposal = { ...proposalFromItem(item), purpose: "failback-failover" as const };
    const w = buildCheckWorld(tx, fabric, item, proposal);
    const refusal = firstRefusal(w, proposal, CHECKS_FOR["failover-to-on-premises"]);
    if (refusal) throw refusal;
    const picked = pickRecoveryPoint(tx, item, "to-on-premises", input.recoveryPoint, input.recoveryPointId);
    const jobInput: FailoverJobInput = {
      direction: "to-on-premises",
      mode: "unplanned",
      recoveryPointId: picked.point.id,
      recoveryPointChoice: input.recoveryPoint,
      pendingMb: picked.pendingMb,
    };
    const warnings = [...picked.warnings, `The Azure VM ${w.azureVm?.name ?? item.name} is shut down before the on-premises VM starts.`];
    const jobId = startItemJob(tx, item, "unplanned-failover-to-on-premises", now, {
      type: FAILOVER,
      name: "Unplanned failover",
      steps: failoverSteps(jobInput),
      input: { ...jobInput, originalNics: w.machine.nics },
      userId: env?.userId,
    });
    return { jobId, itemId: item.id, warnings };
  });
}
