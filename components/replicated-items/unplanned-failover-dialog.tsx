"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { unplannedFailoverToOnPremisesInput } from "@/server/domain/replicated-item/inputs";
import { FailoverRoute } from "./failover-dialog";
import type { ItemDialogProps } from "./item-dialog";
import { ItemRecoveryPointPicker, RECOVERY_POINT_DEFAULTS, recoveryPointOf } from "./recovery-point-picker";

/** Unplanned failover to on-premises (the failback): "Confirm failover", Azure → On-premises, the split-brain note. */
export function UnplannedFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { dialog } = useFormOperation("item", props, {
    schema: unplannedFailoverToOnPremisesInput.pick({ recoveryPoint: true, recoveryPointId: true }),
    defaultValues: RECOVERY_POINT_DEFAULTS,
    label: "Unplanned failover",
    options: (onSuccess) => trpc.items.unplannedFailover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, ...recoveryPointOf(v) }),
  });
  const vmName = data.azureVm && !data.azureVm.deleted ? data.azureVm.name : `the Azure virtual machine of ${data.item.name}`;
  return (
    <OperationDialog {...dialog} title="Confirm failover" description={`Fail ${data.item.name} back to on-premises.`}>
      <FailoverRoute
        idPrefix="unplanned"
        direction="Azure → On-premises"
        from="Microsoft Azure"
        to={`On-premises${data.masterTarget ? ` (through master target ${data.masterTarget.name})` : ""}`}
      />
      <p role="note" className="border-l-4 border-info bg-bg-subtle p-2">
        {vmName} is shut down first, before the on-premises virtual machine starts, so that the machine never runs in both places
        (split-brain).
      </p>
      <ItemRecoveryPointPicker data={data} />
    </OperationDialog>
  );
}
