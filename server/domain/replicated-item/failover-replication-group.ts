/**
 * Failover of a whole replication group (multi-VM consistency), to Azure or back to on-premises:
 * every member fails over to one common multi-VM consistent point in time, each with its own job,
 * all or nothing. Failing back, every member's prerequisite checks run first.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { vaultTarget } from "../validation";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { assertAllowed, itemWorld, startItemJob } from "./common";
import { commonGroupPoint } from "./recovery-points";
import { FAILOVER_MODES, failoverJob, type FailoverJobInput } from "../steps";
import { assertChecks, proposalFromItem } from "../checks";

export const failoverReplicationGroupInput = vaultTarget.extend({
  replicationGroup: z.string().max(ID_MAX).min(1),
  direction: z.enum(s.REPLICATION_DIRECTIONS).default("to-azure"),
  /** To Azure only: a failback is always an unplanned failover. */
  mode: z.enum(FAILOVER_MODES).default("unplanned"),
  recoveryPoint: z.enum(["latest-multi-vm-processed", "latest-multi-vm-app-consistent"]),
});
export type FailoverReplicationGroupInput = z.input<typeof failoverReplicationGroupInput>;

export function failoverReplicationGroup(db: DbOrTx, raw: FailoverReplicationGroupInput, env?: VerbEnv) {
  return vaultVerb(db, failoverReplicationGroupInput, raw, env, ({ tx, input, now, fabric: fabricOf }) => {
    const fabric = fabricOf();
    const members = tx
      .select()
      .from(s.replicatedItems)
      .where(and(eq(s.replicatedItems.vaultId, input.vaultId), eq(s.replicatedItems.replicationGroup, input.replicationGroup)))
      .all();
    if (!members.length)
      throw new DomainError("NotFound", {
        code: CODES.notFound,
        message: `Replication group '${input.replicationGroup}' was not found.`,
        recommendedAction: "Refresh the list of replicated items.",
      });
    const back = input.direction === "to-on-premises";
    const op = back ? "unplanned-failover-to-on-premises" : "failover-to-azure";
    for (const m of members) assertAllowed(op, m, itemWorld(tx, fabric, m));
    const worlds = back
      ? members.map((m) => assertChecks(tx, fabric, m, { ...proposalFromItem(m), purpose: "failback-failover" }, "failover-to-on-premises"))
      : [];
    // The newest time at which every member has a multi-VM consistent point of the requested kind.
    const points = members.map((m) => commonGroupPoint(tx, m, input.direction, input.recoveryPoint));
    const common = points[0]?.at.getTime();
    if (common === undefined || points.some((p) => p?.at.getTime() !== common))
      throw new DomainError("NotAllowed", {
        code: CODES.noRecoveryPoint,
        message: `The members of ${input.replicationGroup} have no common multi-VM consistent recovery point.`,
        possibleCauses: "Multi-VM consistency is off in the policy, or replication has not produced a common point yet.",
        recommendedAction: "Wait for the next multi-VM consistent point, or fail the items over one by one.",
      });
    const warnings = [
      ...(input.recoveryPoint === "latest-multi-vm-app-consistent"
        ? ["An app-consistent point is older than the latest data: some data may be lost."]
        : []),
      ...(back ? ["The Azure VMs are shut down before the on-premises VMs start."] : []),
    ];
    const jobs = members.map((m, i) => {
      const jobInput: FailoverJobInput = {
        direction: input.direction,
        mode: back ? "unplanned" : input.mode,
        recoveryPointId: points[i]!.id,
        recoveryPointChoice: input.recoveryPoint,
        pendingMb: 0,
      };
      const job = back ? failoverJob(jobInput, { originalNics: worlds[i]!.machine.nics }) : failoverJob(jobInput);
      const jobId = startItemJob(tx, m, op, now, { ...job, userId: env?.userId }, back ? {} : { azureVmId: m.azureVmId });
      return { itemId: m.id, jobId };
    });
    return { recoveryPointAt: new Date(common), items: jobs, warnings };
  });
}
