"use client";

import * as React from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Checkbox, Field, Textarea } from "@/components/ui/field";
import { OperationDialog, useItemOperation, type ItemDialogProps } from "./operation-dialog";

/** Commit: fixes the recovery point; after a failback it deletes the Azure VM. */
export function CommitDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { mutation: m, dialog } = useItemOperation(props, "Commit", (onSuccess) => trpc.items.commit.mutationOptions({ onSuccess }));
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

/** Cleanup test failover: deletes the test VM, with optional notes on the test. */
export function CleanupTestFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const [notes, setNotes] = React.useState("");
  const [complete, setComplete] = React.useState(false);
  const { mutation: m, dialog } = useItemOperation(props, "Test failover cleanup", (onSuccess) =>
    trpc.items.cleanupTestFailover.mutationOptions({ onSuccess }),
  );
  return (
    <OperationDialog
      {...dialog}
      title="Test failover cleanup"
      submitDisabled={!complete}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...(notes.trim() ? { notes: notes.trim() } : {}) })}
    >
      <Field label="Notes" htmlFor="cleanup-notes" description="Record what the test showed (optional).">
        <Textarea id="cleanup-notes" value={notes} maxLength={1000} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <Checkbox
        id="cleanup-complete"
        label="Testing is complete. Delete test failover virtual machine(s)."
        checked={complete}
        onChange={(e) => setComplete(e.target.checked)}
      />
    </OperationDialog>
  );
}

/** Disable replication: the machine stops being protected. */
export function DisableReplicationDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { mutation: m, dialog } = useItemOperation(props, "Disable replication", (onSuccess) =>
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
