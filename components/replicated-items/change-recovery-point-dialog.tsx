"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { changeRecoveryPointInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";
import { ItemRecoveryPointPicker, RECOVERY_POINT_DEFAULTS, recoveryPointOf } from "./recovery-point-picker";

/** Change recovery point of a completed (not committed) failover. */
export function ChangeRecoveryPointDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { dialog } = useFormOperation("item", props, {
    schema: changeRecoveryPointInput.pick({ recoveryPoint: true, recoveryPointId: true }),
    defaultValues: RECOVERY_POINT_DEFAULTS,
    label: "Change recovery point",
    options: (onSuccess) => trpc.items.changeRecoveryPoint.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, ...recoveryPointOf(v) }),
  });
  return (
    <OperationDialog
      {...dialog}
      title="Change recovery point"
      description={`Re-create ${data.item.name} from another recovery point. Possible until the failover is committed.`}
    >
      <ItemRecoveryPointPicker data={data} />
    </OperationDialog>
  );
}
