"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Field, LabelledValue, Select } from "@/components/ui/field";
import { OperationDialog, RecoveryPointPicker, fieldErrorsOf, useOperationDone, type RecoveryPointChoice } from "./operation-dialog";

export type ItemData = RouterOutputs["items"]["get"];
type DialogProps = { vaultId: string; data: ItemData; open: boolean; onOpenChange: (open: boolean) => void };

/** Recovery points of the item's current replication direction, newest first. */
function pointsOf(data: ItemData) {
  return data.latestPoints.filter((p) => p.direction === data.item.replicationDirection);
}

function useRecoveryPointState() {
  const [choice, setChoice] = React.useState<RecoveryPointChoice>("latest-processed");
  const [customId, setCustomId] = React.useState("");
  const value = { recoveryPoint: choice, ...(choice === "custom" && customId ? { recoveryPointId: customId } : {}) };
  return { choice, setChoice, customId, setCustomId, value };
}

/** Failover (to Azure): direction, recovery point, OK. */
export function FailoverDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.failover.mutationOptions({ onSuccess: (r) => done("Failover", r) }));
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Failover"
      description={`Fail over ${data.item.name} to Microsoft Azure.`}
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
      <dl>
        <LabelledValue id="failover-direction" label="Direction">
          On-premises → Microsoft Azure
        </LabelledValue>
        <LabelledValue id="failover-from" label="From">
          On-premises
        </LabelledValue>
        <LabelledValue id="failover-to" label="To">
          Microsoft Azure{data.targetNetwork ? ` (${data.targetNetwork.name})` : ""}
        </LabelledValue>
      </dl>
      <RecoveryPointPicker
        idPrefix="failover"
        value={rp.choice}
        onChange={rp.setChoice}
        customId={rp.customId}
        onCustomId={rp.setCustomId}
        points={pointsOf(data)}
        multiVm={!!data.item.replicationGroup}
        errors={fieldErrorsOf(m.error)}
      />
    </OperationDialog>
  );
}

/** Unplanned failover to on-premises (the failback): "Confirm failover", Azure → On-premises, the split-brain note. */
export function UnplannedFailoverDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.unplannedFailover.mutationOptions({ onSuccess: (r) => done("Unplanned failover", r) }));
  const vmName = data.azureVm && !data.azureVm.deleted ? data.azureVm.name : `the Azure virtual machine of ${data.item.name}`;
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Confirm failover"
      description={`Fail ${data.item.name} back to on-premises.`}
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
      <dl>
        <LabelledValue id="unplanned-direction" label="Direction">
          Azure → On-premises
        </LabelledValue>
        <LabelledValue id="unplanned-from" label="From">
          Microsoft Azure
        </LabelledValue>
        <LabelledValue id="unplanned-to" label="To">
          On-premises{data.masterTarget ? ` (through master target ${data.masterTarget.name})` : ""}
        </LabelledValue>
      </dl>
      <p role="note" className="border-l-4 border-info bg-bg-subtle p-2">
        {vmName} is shut down first, before the on-premises virtual machine starts, so that the machine never runs in both places (split-brain).
      </p>
      <RecoveryPointPicker
        idPrefix="unplanned"
        value={rp.choice}
        onChange={rp.setChoice}
        customId={rp.customId}
        onCustomId={rp.setCustomId}
        points={pointsOf(data)}
        multiVm={!!data.item.replicationGroup}
        errors={fieldErrorsOf(m.error)}
      />
    </OperationDialog>
  );
}

/** Change recovery point of a completed (not committed) failover. */
export function ChangeRecoveryPointDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.changeRecoveryPoint.mutationOptions({ onSuccess: (r) => done("Change recovery point", r) }));
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Change recovery point"
      description={`Re-create ${data.item.name} from another recovery point. Possible until the failover is committed.`}
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
      <RecoveryPointPicker
        idPrefix="change-rp"
        value={rp.choice}
        onChange={rp.setChoice}
        customId={rp.customId}
        onCustomId={rp.setCustomId}
        points={pointsOf(data)}
        multiVm={!!data.item.replicationGroup}
        errors={fieldErrorsOf(m.error)}
      />
    </OperationDialog>
  );
}

/** Test failover: Azure network (an isolated one avoids IP conflicts) and recovery point. */
export function TestFailoverDialog({ vaultId, data, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const [networkId, setNetworkId] = React.useState("");
  const networks = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const done = useOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.items.testFailover.mutationOptions({ onSuccess: (r) => done("Test failover", r) }));
  const errors = fieldErrorsOf(m.error);
  const list = networks.data?.networks ?? [];
  // Only the item's own network is known to be connected; say so when it is chosen.
  const connected = !!networkId && networkId === data.targetNetwork?.id && data.targetNetwork.connectivity !== "none";
  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      title="Test failover"
      description={`Test a failover of ${data.item.name} without stopping replication.`}
      error={m.error}
      pending={m.isPending}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, networkId, ...rp.value })}
    >
      <Field
        label="Azure network"
        htmlFor="test-failover-network"
        required
        error={errors.networkId}
        description={
          connected
            ? `${data.targetNetwork?.name} is connected to on-premises; a network without connectivity avoids IP conflicts with production.`
            : "Choose a network that is isolated from production."
        }
      >
        <Select id="test-failover-network" value={networkId} onChange={(e) => setNetworkId(e.target.value)} aria-invalid={!!errors.networkId || undefined}>
          <option value="">Select an Azure network</option>
          {list.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Select>
      </Field>
      <RecoveryPointPicker
        idPrefix="test-failover"
        value={rp.choice}
        onChange={rp.setChoice}
        customId={rp.customId}
        onCustomId={rp.setCustomId}
        points={pointsOf(data)}
        multiVm={!!data.item.replicationGroup}
        errors={errors}
      />
    </OperationDialog>
  );
}
