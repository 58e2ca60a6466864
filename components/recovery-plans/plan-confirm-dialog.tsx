"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation } from "@/lib/use-operation-done";
import { planCommitDirection } from "@/server/domain/recovery-plan/inputs";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

/** Commit or Cleanup test failover of the plan: the preview and OK. */
export function PlanConfirmDialog({ command, ...props }: PlanDialogProps & { command: "commit" | "cleanup-test-failover" }) {
  const { vaultId, plan } = props;
  const trpc = useTRPC();
  const commit = command === "commit";
  const direction = planCommitDirection(plan.items);
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
