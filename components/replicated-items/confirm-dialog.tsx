"use client";

import * as React from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Checkbox, Field, Textarea } from "@/components/ui/field";
import { OperationDialog, useOperationDone } from "./operation-dialog";
import type { ItemData } from "./failover-dialog";

type DialogProps = { vaultId: string; data: ItemData; open: boolean; onOpenChange: (open: boolean) => void };

/** Commit: fixes the recovery point; after a failback it deletes the Azure VM. */
export function CommitDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.commit.mutationOptions({ onSuccess: (r) => done("Commit", r) }));
  const failback = data.item.replicationDirection === "to-on-premises";
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Commit"
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id })}
    >
      <p>
        Commit the failover of <strong>{data.item.name}</strong>? The recovery point it used becomes final and other recovery points can no longer be chosen.
      </p>
      {failback ? (
        <p role="note" className="border-l-4 border-warning bg-bg-subtle p-2">
          The Azure virtual machine{data.azureVm && !data.azureVm.deleted ? ` ${data.azureVm.name}` : ""} is deleted. {data.item.name} is not protected until you re-protect it to Azure.
        </p>
      ) : null}
    </OperationDialog>
  );
}

/** Cleanup test failover: deletes the test VM, with optional notes on the test. */
export function CleanupTestFailoverDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const [notes, setNotes] = React.useState("");
  const [complete, setComplete] = React.useState(false);
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.cleanupTestFailover.mutationOptions({ onSuccess: (r) => done("Test failover cleanup", r) }));
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Test failover cleanup"
      error={m.error}
      pending={m.isPending}
      submitDisabled={!complete}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...(notes.trim() ? { notes: notes.trim() } : {}) })}
    >
      <Field label="Notes" htmlFor="cleanup-notes" description="Record what the test showed (optional).">
        <Textarea id="cleanup-notes" value={notes} maxLength={1000} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <Checkbox id="cleanup-complete" label="Testing is complete. Delete test failover virtual machine(s)." checked={complete} onChange={(e) => setComplete(e.target.checked)} />
    </OperationDialog>
  );
}

/** Disable replication: the machine stops being protected. */
export function DisableReplicationDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.disableReplication.mutationOptions({ onSuccess: (r) => done("Disable replication", r) }));
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Disable replication"
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id })}
    >
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
