/** Check 11: replication-group members are reprotected only through a recovery plan, all with the same master target. */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import type { DomainError } from "../errors";

export function check11ReplicationGroup(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  const group = w.item.replicationGroup;
  if (!group) return null;
  if (!input.viaRecoveryPlan)
    return refuse(
      CODES.groupOutsidePlan,
      `${w.item.name} belongs to the replication group ${group}; its members can be re-protected only together, through a recovery plan.`,
      "Items of one replication group share multi-VM consistent points; they must fail back with one common point in time.",
      `Re-protect the recovery plan that contains ${[w.item.name, ...w.groupMembers.map((m) => m.name)].join(", ")}.`,
    );
  const mt = input.planMasterTargetId ?? input.masterTargetId;
  const other = w.groupMembers.find((m) => m.masterTargetId && m.masterTargetId !== mt);
  if ((input.planMasterTargetId && input.planMasterTargetId !== input.masterTargetId) || other)
    return refuse(
      CODES.groupDifferentMasterTargets,
      `The members of the replication group ${group} would use different master targets.`,
      "Without the same master target no common point in time exists for the group.",
      "Choose one master target for every machine of the recovery plan.",
    );
  return null;
}
