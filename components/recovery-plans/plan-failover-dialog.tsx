"use client";

import * as React from "react";
import { useWatch } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { Field, Select, SelectOptions } from "@/components/ui/field";
import { RecoveryPointPicker } from "@/components/replicated-items/recovery-point-picker";
import { PLAN_RECOVERY_POINTS, PLAN_TEST_FAILOVER_POINTS, runPlanFailoverInput } from "@/server/domain/recovery-plan/inputs";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

const DIRECTIONS = [
  { id: "to-azure", name: "From on-premises to Microsoft Azure" },
  { id: "to-on-premises", name: "From Microsoft Azure to on-premises" },
] as const;

/** Failover of the plan: Direction, Recovery point, the preview per group, OK. */
export function PlanFailoverDialog(props: PlanDialogProps) {
  const { vaultId, plan } = props;
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("plan", props, {
    schema: runPlanFailoverInput.pick({ direction: true, recoveryPoint: true }),
    // The direction the plan's items allow (the domain's: failback when they replicate to on-premises).
    defaultValues: { direction: plan.commands.failover.direction, recoveryPoint: "latest-processed" },
    label: "Recovery plan failover",
    options: (onSuccess) => trpc.plans.failover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, planId: plan.id, ...v }),
  });
  const direction = useWatch({ control: form.control, name: "direction" });
  // Latest tag is a failback choice: back to Latest processed when the direction turns to Azure.
  const { getValues, setValue } = form;
  React.useEffect(() => {
    if (direction === "to-azure" && getValues("recoveryPoint") === "latest-tag") setValue("recoveryPoint", "latest-processed");
  }, [direction, getValues, setValue]);
  return (
    <PlanDialog
      {...dialog}
      vaultId={vaultId}
      plan={plan}
      title={direction === "to-on-premises" ? "Confirm failover" : "Failover"}
      description={`Recovery plan ${plan.name}: the items fail over group by group.`}
      operation="failover"
      direction={direction}
    >
      <Field label="Direction" error={form.formState.errors.direction}>
        <Select {...form.register("direction")}>
          <SelectOptions items={DIRECTIONS} />
        </Select>
      </Field>
      <RecoveryPointPicker choices={direction === "to-on-premises" ? PLAN_RECOVERY_POINTS : PLAN_TEST_FAILOVER_POINTS} />
      {direction === "to-on-premises" ? (
        <p className="text-xs text-fg-muted">The Azure virtual machines are shut down before the on-premises machines start.</p>
      ) : null}
    </PlanDialog>
  );
}
