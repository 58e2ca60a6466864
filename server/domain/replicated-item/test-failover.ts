/** Test failover to a chosen Azure network (replication continues). */
import type { DbOrTx } from "@/db/client";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { JOB_TYPES, testFailoverSteps } from "../steps";
import { itemVerb, type ItemOperationResult } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { testFailoverInput, type TestFailoverInput } from "./inputs";

export { testFailoverInput, type TestFailoverInput };

export function testFailover(db: DbOrTx, raw: TestFailoverInput, env?: VerbEnv): ItemOperationResult {
  return itemVerb(db, testFailoverInput, raw, env, "test-failover", ({ tx, input, item, fabric, startJob }) => {
    const net = fabric.network(input.networkId);
    if (!net)
      throw new DomainError("NotFound", {
        code: CODES.notFound,
        message: `Azure network '${input.networkId}' was not found.`,
        fieldErrors: { networkId: ["Choose an Azure network."] },
      });
    if (input.subnetId && !net.subnets.some((x) => x.id === input.subnetId))
      throw new DomainError("Invalid", {
        code: CODES.invalidInput,
        message: `The subnet '${input.subnetId}' is not in ${net.name}.`,
        fieldErrors: { subnetId: [`Choose a subnet of ${net.name}.`] },
      });
    const picked = pickRecoveryPoint(tx, item, "to-azure", input.recoveryPoint, input.recoveryPointId);
    const warnings = [...picked.warnings];
    if (net.connectivity !== "none")
      warnings.push(`${net.name} is connected to on-premises; a test network without connectivity avoids IP conflicts with production.`);
    const jobId = startJob({
      type: JOB_TYPES.testFailover,
      name: "Test failover",
      steps: testFailoverSteps(),
      input: {
        networkId: net.id,
        subnetId: input.subnetId ?? net.subnets[0]?.id ?? null,
        recoveryPointId: picked.point.id,
        recoveryPointAt: picked.point.at.getTime(),
      },
    });
    return { jobId, itemId: item.id, warnings };
  });
}
