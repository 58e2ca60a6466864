"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { ReprotectToAzureFields } from "@/components/replicated-items/reprotect-fields";
import { planReprotectToAzureInput } from "@/server/domain/recovery-plan/inputs";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

/** Re-protect from on-premises to Azure: one process server for every machine of the plan. */
export function PlanReprotectToAzureDialog(props: PlanDialogProps) {
  const { vaultId, plan, open } = props;
  const trpc = useTRPC();
  // Over every machine of the plan: a process server any machine's Re-protect refuses is disabled, naming it.
  const options = useQuery({ ...trpc.plans.reprotectToAzureOptions.queryOptions({ vaultId, planId: plan.id }), enabled: open });
  const { dialog } = useFormOperation("plan", props, {
    schema: planReprotectToAzureInput.pick({ processServerId: true }),
    values: { processServerId: options.data?.defaults.processServerId ?? "" },
    label: "Recovery plan reprotect",
    options: (onSuccess) => trpc.plans.reprotect.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, planId: plan.id, direction: "to-azure" as const, ...v }),
  });
  return (
    <PlanDialog
      {...dialog}
      vaultId={vaultId}
      plan={plan}
      title="Re-protect"
      description={`Recovery plan ${plan.name}: protect every machine to Microsoft Azure again.`}
      submitDisabled={!options.data}
      operation="reprotect"
      direction="to-azure"
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      <ReprotectToAzureFields options={options.data} />
    </PlanDialog>
  );
}
