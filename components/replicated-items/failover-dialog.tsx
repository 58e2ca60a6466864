"use client";

import type * as React from "react";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { LabelledValue } from "@/components/ui/field";
import { failoverInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";
import { ItemRecoveryPointPicker, RECOVERY_POINT_DEFAULTS, recoveryPointOf } from "./recovery-point-picker";

/** Direction, From and To of a failover. */
export function FailoverRoute({
  idPrefix,
  direction,
  from,
  to,
}: {
  idPrefix: string;
  direction: string;
  from: string;
  to: React.ReactNode;
}) {
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
  const { dialog } = useFormOperation("item", props, {
    schema: failoverInput.pick({ recoveryPoint: true, recoveryPointId: true }),
    defaultValues: RECOVERY_POINT_DEFAULTS,
    label: "Failover",
    options: (onSuccess) => trpc.items.failover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, ...recoveryPointOf(v) }),
  });
  return (
    <OperationDialog {...dialog} title="Failover" description={`Fail over ${data.item.name} to Microsoft Azure.`}>
      <FailoverRoute
        idPrefix="failover"
        direction="On-premises → Microsoft Azure"
        from="On-premises"
        to={`Microsoft Azure${data.targetNetwork ? ` (${data.targetNetwork.name})` : ""}`}
      />
      <ItemRecoveryPointPicker data={data} />
    </OperationDialog>
  );
}
