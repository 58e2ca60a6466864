"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation } from "@/lib/use-operation-done";
import { OperationDialog } from "@/components/ui/dialog";
import type { ItemDialogProps } from "./item-dialog";

/** Disable replication: the machine stops being protected. */
export function DisableReplicationDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { mutation: m, dialog } = useOperation("item", props, "Disable replication", (onSuccess) =>
    trpc.items.disableReplication.mutationOptions({ onSuccess }),
  );
  return (
    <OperationDialog {...dialog} title="Disable replication" onSubmit={() => m.mutate({ vaultId, itemId: data.item.id })}>
      <p>
        Disable replication of <strong>{data.item.name}</strong>? Its recovery points are deleted and the machine is no longer protected.
      </p>
      {data.item.activeLocation === "azure" ? (
        <p role="note" className="border-l-4 border-warning bg-bg-subtle p-2">
          {data.item.name} runs in Azure; after disabling replication it can no longer fail back through Site Recovery.
        </p>
      ) : null}
    </OperationDialog>
  );
}
