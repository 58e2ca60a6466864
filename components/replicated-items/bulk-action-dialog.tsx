"use client";

/** The dialog of a bulk action of the Replicated items grid (loaded when one first opens; see bulk-actions.tsx). */
import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { OperationDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Select, SelectOptions, Textarea } from "@/components/ui/field";
import type { BulkOp, BulkResult, BulkRow, Verdicts } from "./bulk-actions";

export default function BulkDialog({
  vaultId,
  op,
  items,
  title,
  refused,
  onOpenChange,
  onResult,
}: {
  vaultId: string;
  op: BulkOp;
  title: string;
  items: BulkRow[];
  /** The selected items the action will refuse, with why (items.bulkVerdicts). */
  refused: Verdicts[BulkOp]["refused"];
  onOpenChange: (o: boolean) => void;
  onResult: (r: BulkResult) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [networkId, setNetworkId] = React.useState("");
  const [notes, setNotes] = React.useState("");
  const [confirmed, setConfirmed] = React.useState(false);
  const options = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: op === "test-failover" });
  const onSuccess = (r: BulkResult) => {
    void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
    onResult(r);
  };
  const testFailover = useMutation(trpc.items.bulkTestFailover.mutationOptions({ onSuccess }));
  const cleanup = useMutation(trpc.items.bulkCleanupTestFailover.mutationOptions({ onSuccess }));
  const disable = useMutation(trpc.items.bulkDisableReplication.mutationOptions({ onSuccess }));
  const m = op === "test-failover" ? testFailover : op === "cleanup-test-failover" ? cleanup : disable;
  const itemIds = items.map((i) => i.id);
  const needsConfirm = op !== "test-failover";
  return (
    <OperationDialog
      open
      onOpenChange={onOpenChange}
      title={`${title} of ${items.length} item${items.length === 1 ? "" : "s"}`}
      description={`Each item runs as its own job: ${items.map((i) => i.name).join(", ")}.`}
      error={m.error}
      pending={m.isPending}
      submitDisabled={needsConfirm && !confirmed}
      onSubmit={() => {
        if (op === "test-failover") testFailover.mutate({ vaultId, itemIds, networkId: networkId || undefined });
        else if (op === "cleanup-test-failover") cleanup.mutate({ vaultId, itemIds, notes: notes.trim() || undefined });
        else disable.mutate({ vaultId, itemIds });
      }}
    >
      {refused.length ? (
        <section aria-label="Items that will be refused" className="border-l-4 border-warning bg-bg-subtle p-2">
          <p className="font-semibold">
            {refused.length} of {items.length} will be refused:
          </p>
          <ul className="mt-1 grid gap-1">
            {refused.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.name}</span>: {r.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {op === "test-failover" ? (
        <Field label="Azure network" description="A network isolated from production avoids IP conflicts." required>
          <Select value={networkId} onChange={(e) => setNetworkId(e.target.value)}>
            <SelectOptions placeholder="Select an Azure network" items={options.data?.networks ?? []} />
          </Select>
        </Field>
      ) : null}
      {op === "cleanup-test-failover" ? (
        <>
          <Field label="Notes" description="Record what the test showed (optional); every item gets them.">
            <Textarea maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </Field>
          <Checkbox
            label="Testing is complete. Delete test failover virtual machine(s)."
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
        </>
      ) : null}
      {op === "disable-replication" ? (
        <Checkbox
          label="I understand the selected machines stop being protected."
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
      ) : null}
    </OperationDialog>
  );
}
