"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation } from "@/lib/use-operation-done";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

/** Commit or Cleanup test failover of the plan: the preview and OK. */
export function PlanConfirmDialog({ command, ...props }: PlanDialogProps & { command: "commit" | "cleanup-test-failover" }) {
  const { vaultId, plan } = props;
  const trpc = useTRPC();
  const commit = command === "commit";
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
          ? `Recovery plan ${plan.name}: fixes the recovery point of every item. After a failback it deletes the Azure virtual machines.`
          : `Recovery plan ${plan.name}: deletes the test virtual machines.`
      }
      onSubmit={() => mutation.mutate({ vaultId, planId: plan.id })}
      operation={command}
      direction="to-azure"
    />
  );
}
