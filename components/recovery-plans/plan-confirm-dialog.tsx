"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation } from "@/lib/use-operation-done";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

/** The failover a plan commit completes: the failback when its items failed back to on-premises, the failover to Azure otherwise. */
function commitDirection(plan: PlanDialogProps["plan"]): "to-azure" | "to-on-premises" {
  return plan.items.some((i) => i.state === "failover-completed" && i.replicationDirection === "to-on-premises")
    ? "to-on-premises"
    : "to-azure";
}

/** Commit or Cleanup test failover of the plan: the preview and OK. */
export function PlanConfirmDialog({ command, ...props }: PlanDialogProps & { command: "commit" | "cleanup-test-failover" }) {
  const { vaultId, plan } = props;
  const trpc = useTRPC();
  const commit = command === "commit";
  const direction = commitDirection(plan);
  const { mutation, dialog } = useOperation(
    "plan",
    props,
    commit ? "Recovery plan commit" : "Recovery plan test failover cleanup",
    (onSuccess) =>
      commit ? trpc.plans.commit.mutationOptions({ onSuccess }) : trpc.plans.cleanupTestFailover.mutationOptions({ onSuccess }),
  );
  return (
    <PlanDialog
      {...dialog}
      vaultId={vaultId}
      plan={plan}
      title={commit ? "Commit" : "Cleanup test failover"}
      description={
        commit
          ? direction === "to-on-premises"
            ? `Recovery plan ${plan.name}: completes the failback to on-premises of every item and deletes their Azure virtual machines.`
            : `Recovery plan ${plan.name}: fixes the recovery point of every item failed over to Azure.`
          : `Recovery plan ${plan.name}: deletes the test virtual machines.`
      }
      // The direction is the commit's (cleanup ignores it).
      onSubmit={() => mutation.mutate({ vaultId, planId: plan.id, direction })}
      operation={command}
      direction={direction}
    />
  );
}
