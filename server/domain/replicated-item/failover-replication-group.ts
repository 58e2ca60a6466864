/**
 * Failover to Azure of a whole replication group (multi-VM consistency): every member fails over
 * to one common multi-VM consistent point in time, each with its own job, all or nothing.
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
import { listRecoveryPoints } from "./recovery-points";
import { FAILOVER_MODES, failoverJob, type FailoverJobInput } from "../steps";

export const failoverReplicationGroupInput = vaultTarget.extend({
  replicationGroup: z.string().max(ID_MAX).min(1),
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
    for (const m of members) assertAllowed("failover-to-azure", m, itemWorld(tx, fabric, m));
    // The newest time at which every member has a multi-VM consistent point of the requested kind.
    const want = (p: typeof s.recoveryPoints.$inferSelect) =>
      p.multiVm && (input.recoveryPoint === "latest-multi-vm-processed" ? p.pendingMb === 0 : p.type === "app-consistent");
    const perMember = members.map((m) => listRecoveryPoints(tx, m.id, "to-azure").filter(want));
    const common = [...new Set(perMember[0]!.map((p) => p.at.getTime()))]
      .filter((t) => perMember.every((ps) => ps.some((p) => p.at.getTime() === t)))
      .sort((a, b) => b - a)[0];
    if (common === undefined)
      throw new DomainError("NotAllowed", {
        code: CODES.noRecoveryPoint,
        message: `The members of ${input.replicationGroup} have no common multi-VM consistent recovery point.`,
        possibleCauses: "Multi-VM consistency is off in the policy, or replication has not produced a common point yet.",
        recommendedAction: "Wait for the next multi-VM consistent point, or fail the items over one by one.",
      });
    const warnings =
      input.recoveryPoint === "latest-multi-vm-app-consistent"
        ? ["An app-consistent point is older than the latest data: some data may be lost."]
        : [];
    const jobs = members.map((m, i) => {
      const point = perMember[i]!.find((p) => p.at.getTime() === common)!;
      const jobInput: FailoverJobInput = {
        direction: "to-azure",
        mode: input.mode,
        recoveryPointId: point.id,
        recoveryPointChoice: input.recoveryPoint,
        pendingMb: 0,
      };
      const jobId = startItemJob(
        tx,
        m,
        "failover-to-azure",
        now,
        { ...failoverJob(jobInput), userId: env?.userId },
        { azureVmId: m.azureVmId },
      );
      return { itemId: m.id, jobId };
    });
    return { recoveryPointAt: new Date(common), items: jobs, warnings };
  });
}
