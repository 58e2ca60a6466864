"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { OperationDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import type { EditablePlan } from "./edit-plan-dialog";

/** Delete of a recovery plan's page (loaded when it first opens; see plan-edit-commands.tsx). */
export function DeletePlanDialog({
  vaultId,
  plan,
  open,
  onOpenChange,
}: {
  vaultId: string;
  plan: EditablePlan;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const m = useMutation(
    trpc.plans.delete.mutationOptions({
      onSuccess: () => {
        toast.success(`Recovery plan ${plan.name} deleted`);
        onOpenChange(false);
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        router.push(`/vaults/${vaultId}/recovery-plans`);
      },
    }),
  );
  return (
    <OperationDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Delete recovery plan"
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, planId: plan.id })}
    >
      <p>
        Delete the recovery plan <strong>{plan.name}</strong>? Its items stay replicated; only the plan and its groups and actions go.
      </p>
    </OperationDialog>
  );
}
