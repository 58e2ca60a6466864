/** Test failover to a chosen Azure network (replication continues). */
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { loadItem } from "../checks/world";
import { parseInput } from "../validation";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import { assertAllowed, envFabric, envNow, itemWorld, startItemJob, type VerbEnv } from "./common";
import { pickRecoveryPoint, RECOVERY_POINT_CHOICES } from "./recovery-points";
import { TEST_FAILOVER, testFailoverSteps } from "@/server/jobs/definitions/test-failover";
import type { ItemOperationResult } from "./failover";

export const testFailoverInput = z.object({
  vaultId: z.string().min(1),
  itemId: z.string().min(1),
  networkId: z.string().min(1),
  subnetId: z.string().min(1).optional(),
  recoveryPoint: z.enum(RECOVERY_POINT_CHOICES).default("latest-processed"),
  recoveryPointId: z.string().min(1).optional(),
});
export type TestFailoverInput = z.input<typeof testFailoverInput>;

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
