/** Unplanned failover to on-premises (failback, stage 4 → 5). The job shuts the Azure VM down first (split-brain guard). */
import type { DbOrTx } from "@/db/client";
import { assertChecks, proposalFromItem } from "../checks";
import type { VerbEnv } from "../env";
import { failoverJob, type FailoverJobInput } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { unplannedFailoverToOnPremisesInput, type UnplannedFailoverToOnPremisesInput } from "./inputs";

export { unplannedFailoverToOnPremisesInput, type UnplannedFailoverToOnPremisesInput };

export function unplannedFailoverToOnPremises(db: DbOrTx, raw: UnplannedFailoverToOnPremisesInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(
    db,
    unplannedFailoverToOnPremisesInput,
    raw,
    env,
    "unplanned-failover-to-on-premises",
    ({ tx, input, item, fabric, startJob }) => {
      const w = assertChecks(tx, fabric, item, { ...proposalFromItem(item), purpose: "failback-failover" }, "failover-to-on-premises");
      const picked = pickRecoveryPoint(tx, item, "to-on-premises", input.recoveryPoint, input.recoveryPointId);
      const jobInput: FailoverJobInput = {
        direction: "to-on-premises",
        mode: "unplanned",
        recoveryPointId: picked.point.id,
        recoveryPointChoice: input.recoveryPoint,
        pendingMb: picked.pendingMb,
      };
      const warnings = [...picked.warnings, `The Azure VM ${w.azureVm?.name ?? item.name} is shut down before the on-premises VM starts.`];
      const jobId = startJob(failoverJob(jobInput, { originalNics: w.machine.nics }));
      return { jobId, itemId: item.id, warnings };
    },
  );
}
