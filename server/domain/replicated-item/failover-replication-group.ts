/**
 * Failover of a whole replication group (multi-VM consistency), to Azure or back to on-premises:
 * every member fails over to one common multi-VM consistent point in time, each with its own job,
 * all or nothing. Failing back, every member's prerequisite checks run first.
 * `replicationGroupFailover` says the same before anyone asks: the item page offers the command
 * with its members, the choices that have a common point, and why not when the verb would refuse.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ReplicationDirection } from "@/db/schema";
import type { FabricPort } from "@/server/fabric/port";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { assertAllowed, itemWorld, startItemJob } from "./common";
import { commonGroupPoint, type RecoveryPointRow } from "./recovery-points";
import { failoverJob, type FailoverJobInput } from "../steps";
import { assertChecks, proposalFromItem } from "../checks";
import type { ItemRow } from "./load";
import { allowedOperations, STATE_LABEL } from "./state";
import { failoverReplicationGroupInput, GROUP_RECOVERY_POINTS, type FailoverReplicationGroupInput } from "./inputs";

export { failoverReplicationGroupInput, GROUP_RECOVERY_POINTS, type FailoverReplicationGroupInput };
type GroupChoice = (typeof GROUP_RECOVERY_POINTS)[number];

const operationFor = (direction: ReplicationDirection) =>
  direction === "to-on-premises" ? ("unplanned-failover-to-on-premises" as const) : ("failover-to-azure" as const);

function groupMembers(db: DbOrTx, vaultId: string, group: string): ItemRow[] {
  return db
    .select()
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.vaultId, vaultId), eq(s.replicatedItems.replicationGroup, group)))
    .all();
}

/** Each member's point at the group's common time for `choice`, or null when the members have none in common. */
function commonPoints(db: DbOrTx, members: ItemRow[], direction: ReplicationDirection, choice: GroupChoice): RecoveryPointRow[] | null {
  const points = members.map((m) => commonGroupPoint(db, m, direction, choice));
  const at = points[0]?.at.getTime();
  if (at === undefined || points.some((p) => p?.at.getTime() !== at)) return null;
  return points as RecoveryPointRow[];
}

const NO_COMMON_CAUSE = "Multi-VM consistency is off in the policy, or replication has not produced a common point yet.";

export function failoverReplicationGroup(db: DbOrTx, raw: FailoverReplicationGroupInput, env?: VerbEnv) {
  return vaultVerb(db, failoverReplicationGroupInput, raw, env, ({ tx, input, now, fabric: fabricOf }) => {
    const fabric = fabricOf();
    const members = groupMembers(tx, input.vaultId, input.replicationGroup);
    if (!members.length)
      throw new DomainError("NotFound", {
        code: CODES.notFound,
        message: `Replication group '${input.replicationGroup}' was not found.`,
        recommendedAction: "Refresh the list of replicated items.",
      });
    const back = input.direction === "to-on-premises";
    const op = operationFor(input.direction);
    for (const m of members) assertAllowed(op, m, itemWorld(tx, fabric, m));
    const worlds = back
      ? members.map((m) => assertChecks(tx, fabric, m, { ...proposalFromItem(m), purpose: "failback-failover" }, "failover-to-on-premises"))
      : [];
    // The newest time at which every member has a multi-VM consistent point of the requested kind.
    const points = commonPoints(tx, members, input.direction, input.recoveryPoint);
    if (!points)
      throw new DomainError("NotAllowed", {
        code: CODES.noRecoveryPoint,
        message: `The members of ${input.replicationGroup} have no common multi-VM consistent recovery point.`,
        possibleCauses: NO_COMMON_CAUSE,
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
    const recoveryPointAt = points[0]!.at;
    return {
      recoveryPointAt,
      items: jobs,
      message: `${members.map((m) => m.name).join(", ")} fail over together to ${recoveryPointAt.toISOString()} (one job each).`,
      warnings,
    };
  });
}

/**
 * The group failover the item page offers for an item in a replication group, in the item's
 * replication direction: the members (each allowed or not, with why: its state, and failing back
 * its prerequisite checks), the multi-VM choices with a common point or why not, and whether the
 * verb would accept it. Null for an item outside a group.
 */
export function replicationGroupFailover(db: DbOrTx, fabric: FabricPort, item: ItemRow) {
  if (!item.replicationGroup) return null;
  const direction = item.replicationDirection;
  const op = operationFor(direction);
  const rows = groupMembers(db, item.vaultId, item.replicationGroup);
  const members = rows.map((m) => {
    // Failing back, the state machine's verdict includes the member's prerequisite checks (itemWorld's failbackRefusal).
    const world = itemWorld(db, fabric, m);
    const verdict = allowedOperations(m, world)[op];
    const checkRefusal = world.failbackRefusal && verdict.code === world.failbackRefusal.code ? world.failbackRefusal : null;
    const reason = verdict.allowed ? undefined : checkRefusal ? `${checkRefusal.message} (${checkRefusal.code})` : verdict.reason;
    return { id: m.id, name: m.name, stateLabel: STATE_LABEL[m.state], allowed: !reason, reason };
  });
  const choices = GROUP_RECOVERY_POINTS.map((choice) => {
    const points = commonPoints(db, rows, direction, choice);
    return points ? { choice, available: true, at: points[0]!.at } : { choice, available: false, reason: NO_COMMON_CAUSE };
  });
  const blocked = members.filter((m) => !m.allowed);
  const reason = blocked.length
    ? `Every member must be able to fail over: ${blocked.map((m) => `${m.name}: ${m.reason}`).join(" ")}`
    : choices.every((c) => !c.available)
      ? `The members of ${item.replicationGroup} have no common multi-VM consistent recovery point. ${NO_COMMON_CAUSE}`
      : undefined;
  return { name: item.replicationGroup, direction, members, choices, allowed: !reason, reason };
}
