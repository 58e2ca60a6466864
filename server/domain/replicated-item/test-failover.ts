/** Test failover to a chosen Azure network (replication continues). */
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { DomainError } from "../errors";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint } from "./recovery-points";
import { TEST_FAILOVER, testFailoverSteps } from "@/server/jobs/definitions/test-failover";
import type { ItemOperationResult } from "./failover";
import { testFailoverInput, type TestFailoverInput } from "./inputs";

export { testFailoverInput, type TestFailoverInput };

export function testFailover(db: DbOrTx, raw: TestFailoverInput, env?: VerbEnv): ItemOperationResult {
  const input = parseInput(testFailoverInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const item = loadItem(tx, input.vaultId, input.itemId);
    const fabric = envFabric(tx, input.vaultId, now, env);
    assertAllowed("test-failover", item, itemWorld(tx, fabric, item));
    const net = fabric.network(input.networkId);
    if (!net)
      throw new DomainError("NotFound", {
        code: "NotFound",
        message: `Azure network '${input.networkId}' was not found.`,
        fieldErrors: { networkId: ["Choose an Azure network."] },
      });
    if (input.subnetId && !net.subnets.some((x) => x.id === input.subnetId))
      throw new DomainError("Invalid", {
        code: "InvalidInput",
        message: `The subnet '${input.subnetId}' is not in ${net.name}.`,
        fieldErrors: { subnetId: [`Choose a subnet of ${net.name}.`] },
      });
    const picked = pickRecoveryPoint(tx, item, "to-azure", input.recoveryPoint, input.recoveryPointId);
    const warnings = [...picked.warnings];
    if (net.connectivity !== "none")
      warnings.push(`${net.name} is connected to on-premises; a test network without connectivity avoids IP conflicts with production.`);
    const jobId = startItemJob(tx, item, "test-failover", now, {
      type: TEST_FAILOVER,
      name: "Test failover",
      steps: testFailoverSteps(),
      input: { networkId: net.id, subnetId: input.subnetId ?? net.subnets[0]?.id ?? null, recoveryPointId: picked.point.id },
      userId: env?.userId,
    });
    return { jobId, itemId: item.id, warnings };
  });
}
