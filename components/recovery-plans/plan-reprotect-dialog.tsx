"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { ReprotectFields, reprotectChoiceDefaults } from "@/components/replicated-items/reprotect-fields";
import { planReprotectToOnPremisesInput } from "@/server/domain/recovery-plan/inputs";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";
import { PlanReprotectToAzureDialog } from "./plan-reprotect-to-azure-dialog";

/**
 * Re-protect of the plan, in the direction the domain gives it (the one its machines allow: back to
 * on-premises when they run in Azure): the values are asked once and applied to every machine.
 */
export function PlanReprotectDialog(props: PlanDialogProps) {
  const toOnPremises = props.plan.items.length > 0 && props.plan.commands.reprotect.direction === "to-on-premises";
  return toOnPremises ? <PlanReprotectToOnPremisesDialog {...props} /> : <PlanReprotectToAzureDialog {...props} />;
}

/**
 * Re-protect from Azure to on-premises, with the plan's options: those every machine's Re-protect
 * takes (one a machine would refuse is listed, cannot be chosen, and names that machine).
 */
function PlanReprotectToOnPremisesDialog(props: PlanDialogProps) {
  const { vaultId, plan, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.plans.reprotectOptions.queryOptions({ vaultId, planId: plan.id }), enabled: open });
  const o = options.data;
  const { dialog } = useFormOperation("plan", props, {
    schema: planReprotectToOnPremisesInput.omit({ vaultId: true, planId: true, direction: true }),
    values: o ? reprotectChoiceDefaults(o) : undefined,
    label: "Recovery plan reprotect",
    options: (onSuccess) => trpc.plans.reprotect.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, planId: plan.id, direction: "to-on-premises" as const, ...v }),
  });
  return (
    <PlanDialog
      {...dialog}
      vaultId={vaultId}
      plan={plan}
      title="Re-protect"
      description={`Recovery plan ${plan.name}: replicate every machine from Microsoft Azure back to on-premises, with the same values.`}
      submitDisabled={!o}
      operation="reprotect"
      direction="to-on-premises"
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      {o ? (
        <ReprotectFields
          options={o}
          masterTargetDescription="One master target for every machine of the plan (replication groups need it)."
        />
      ) : options.error ? null : (
        <p className="text-fg-muted">Loading the options…</p>
      )}
    </PlanDialog>
  );
}
