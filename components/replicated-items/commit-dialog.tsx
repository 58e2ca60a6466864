"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation } from "@/lib/use-operation-done";
import { OperationDialog } from "@/components/ui/dialog";
import type { ItemDialogProps } from "./item-dialog";

/** Commit: fixes the recovery point; after a failback it deletes the Azure VM. */
export function CommitDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { mutation: m, dialog } = useOperation("item", props, "Commit", (onSuccess) => trpc.items.commit.mutationOptions({ onSuccess }));
  const failback = data.item.replicationDirection === "to-on-premises";
  return (
    <OperationDialog {...dialog} title="Commit" onSubmit={() => m.mutate({ vaultId, itemId: data.item.id })}>
      <p>
        Commit the failover of <strong>{data.item.name}</strong>? The recovery point it used becomes final and other recovery points can no
        longer be chosen.
      </p>
      {failback ? (
        <p role="note" className="border-l-4 border-warning bg-bg-subtle p-2">
          The Azure virtual machine{data.azureVm && !data.azureVm.deleted ? ` ${data.azureVm.name}` : ""} is deleted. {data.item.name} is
          not protected until you re-protect it to Azure.
        </p>
      ) : null}
    </OperationDialog>
  );
}
