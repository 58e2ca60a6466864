"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Field, LabelledValue, Select, SelectOptions } from "@/components/ui/field";
import {
  OperationDialog,
  RecoveryPointPicker,
  fieldErrorsOf,
  useItemOperation,
  type ItemData,
  type ItemDialogProps,
  type RecoveryPointChoice,
} from "./operation-dialog";

function useRecoveryPointState() {
  const [choice, setChoice] = React.useState<RecoveryPointChoice>("latest-processed");
  const [customId, setCustomId] = React.useState("");
  const value = { recoveryPoint: choice, ...(choice === "custom" && customId ? { recoveryPointId: customId } : {}) };
  return { choice, setChoice, customId, setCustomId, value };
}

/** The "Recovery point" picker over the item's recovery points of its current replication direction. */
function ItemRecoveryPointPicker({
  idPrefix,
  data,
  state,
  errors,
}: {
  idPrefix: string;
  data: ItemData;
  state: ReturnType<typeof useRecoveryPointState>;
  errors: Record<string, string[]>;
}) {
  return (
    <RecoveryPointPicker
      idPrefix={idPrefix}
      value={state.choice}
      onChange={state.setChoice}
      customId={state.customId}
      onCustomId={state.setCustomId}
      points={data.latestPoints.filter((p) => p.direction === data.item.replicationDirection)}
      multiVm={!!data.item.replicationGroup}
      errors={errors}
    />
  );
}

/** Direction, From and To of a failover. */
function FailoverRoute({ idPrefix, direction, from, to }: { idPrefix: string; direction: string; from: string; to: React.ReactNode }) {
  return (
    <dl>
      <LabelledValue id={`${idPrefix}-direction`} label="Direction">
        {direction}
      </LabelledValue>
      <LabelledValue id={`${idPrefix}-from`} label="From">
        {from}
      </LabelledValue>
      <LabelledValue id={`${idPrefix}-to`} label="To">
        {to}
      </LabelledValue>
    </dl>
  );
}

/** Failover (to Azure): direction, recovery point, OK. */
export function FailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const { mutation: m, dialog } = useItemOperation(props, "Failover", (onSuccess) => trpc.items.failover.mutationOptions({ onSuccess }));
  return (
    <OperationDialog
      {...dialog}
      title="Failover"
      description={`Fail over ${data.item.name} to Microsoft Azure.`}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
      <FailoverRoute
        idPrefix="failover"
        direction="On-premises → Microsoft Azure"
        from="On-premises"
        to={`Microsoft Azure${data.targetNetwork ? ` (${data.targetNetwork.name})` : ""}`}
      />
      <ItemRecoveryPointPicker idPrefix="failover" data={data} state={rp} errors={fieldErrorsOf(m.error)} />
    </OperationDialog>
  );
}

/** Unplanned failover to on-premises (the failback): "Confirm failover", Azure → On-premises, the split-brain note. */
export function UnplannedFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const { mutation: m, dialog } = useItemOperation(props, "Unplanned failover", (onSuccess) =>
    trpc.items.unplannedFailover.mutationOptions({ onSuccess }),
  );
  const vmName = data.azureVm && !data.azureVm.deleted ? data.azureVm.name : `the Azure virtual machine of ${data.item.name}`;
  return (
    <OperationDialog
      {...dialog}
      title="Confirm failover"
      description={`Fail ${data.item.name} back to on-premises.`}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
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
      <ItemRecoveryPointPicker idPrefix="unplanned" data={data} state={rp} errors={fieldErrorsOf(m.error)} />
    </OperationDialog>
  );
}

/** Change recovery point of a completed (not committed) failover. */
export function ChangeRecoveryPointDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const { mutation: m, dialog } = useItemOperation(props, "Change recovery point", (onSuccess) =>
    trpc.items.changeRecoveryPoint.mutationOptions({ onSuccess }),
  );
  return (
    <OperationDialog
      {...dialog}
      title="Change recovery point"
      description={`Re-create ${data.item.name} from another recovery point. Possible until the failover is committed.`}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, ...rp.value })}
    >
      <ItemRecoveryPointPicker idPrefix="change-rp" data={data} state={rp} errors={fieldErrorsOf(m.error)} />
    </OperationDialog>
  );
}

/** Test failover: Azure network (an isolated one avoids IP conflicts) and recovery point. */
export function TestFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const rp = useRecoveryPointState();
  const [networkId, setNetworkId] = React.useState("");
  const networks = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const { mutation: m, dialog } = useItemOperation(props, "Test failover", (onSuccess) =>
    trpc.items.testFailover.mutationOptions({ onSuccess }),
  );
  const errors = fieldErrorsOf(m.error);
  const list = networks.data?.networks ?? [];
  const chosen = list.find((n) => n.id === networkId);
  const connected = !!chosen && chosen.connectivity !== "none";
  return (
    <OperationDialog
      {...dialog}
      title="Test failover"
      description={`Test a failover of ${data.item.name} without stopping replication.`}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, networkId, ...rp.value })}
    >
      <Field
        label="Azure network"
        htmlFor="test-failover-network"
        required
        error={errors.networkId}
        description={
          connected
            ? `${chosen.name} is connected to on-premises; a network without connectivity avoids IP conflicts with production.`
            : "Choose a network that is isolated from production."
        }
      >
        <Select
          id="test-failover-network"
          value={networkId}
          onChange={(e) => setNetworkId(e.target.value)}
          aria-invalid={!!errors.networkId || undefined}
        >
          <SelectOptions placeholder="Select an Azure network" items={list} />
        </Select>
      </Field>
      <ItemRecoveryPointPicker idPrefix="test-failover" data={data} state={rp} errors={errors} />
    </OperationDialog>
  );
}
