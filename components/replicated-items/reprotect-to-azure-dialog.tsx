"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { reprotectToAzureInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";
import { ReprotectToAzureFields } from "./reprotect-fields";

/** Re-protect, direction On-premises to Azure: only the (on-premises) process server. */
export function ReprotectToAzureDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.items.reprotectToAzureOptions.queryOptions({ vaultId, itemId: data.item.id }), enabled: open });
  const { dialog } = useFormOperation("item", props, {
    schema: reprotectToAzureInput.pick({ processServerId: true }),
    values: { processServerId: options.data?.defaults.processServerId ?? "" },
    label: "Reprotect",
    options: (onSuccess) => trpc.items.reprotectToAzure.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, ...v }),
  });
  return (
    <OperationDialog
      {...dialog}
      title="Re-protect"
      description={`${data.item.name}: replicate from on-premises to Microsoft Azure again.`}
      // OK waits for the process servers: an OK before them would send no choice.
      submitDisabled={!options.data}
    >
      <ReprotectToAzureFields options={options.data} />
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
    </OperationDialog>
  );
}
