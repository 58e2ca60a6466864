"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormContext, useWatch } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import type { RouterOutputs } from "@/lib/trpc/types";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Select, SelectOptions } from "@/components/ui/field";
import { testFailoverInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";
import { ItemRecoveryPointPicker, RECOVERY_POINT_DEFAULTS, recoveryPointOf } from "./recovery-point-picker";

type Network = RouterOutputs["items"]["replicateOptions"]["networks"][number];

/** The Azure network of a test failover (an item's or a plan's): one isolated from production avoids IP conflicts. */
export function TestNetworkField({ networks }: { networks: readonly Network[] }) {
  const { register, control, formState } = useFormContext<{ networkId: string }>();
  const networkId = useWatch({ control, name: "networkId" });
  const chosen = networks.find((n) => n.id === networkId);
  return (
    <Field
      label="Azure network"
      required
      error={formState.errors.networkId}
      description={
        chosen && chosen.connectivity !== "none"
          ? `${chosen.name} is connected to on-premises; a network without connectivity avoids IP conflicts with production.`
          : "Choose a network that is isolated from production."
      }
    >
      <Select {...register("networkId")}>
        <SelectOptions placeholder="Select an Azure network" items={networks} />
      </Select>
    </Field>
  );
}

/** Test failover: Azure network (an isolated one avoids IP conflicts) and recovery point. */
export function TestFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const networks = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const { dialog } = useFormOperation("item", props, {
    schema: testFailoverInput.pick({ networkId: true, recoveryPoint: true, recoveryPointId: true }),
    defaultValues: { networkId: "", ...RECOVERY_POINT_DEFAULTS },
    label: "Test failover",
    options: (onSuccess) => trpc.items.testFailover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, networkId: v.networkId, ...recoveryPointOf(v) }),
  });
  return (
    <OperationDialog {...dialog} title="Test failover" description={`Test a failover of ${data.item.name} without stopping replication.`}>
      <TestNetworkField networks={networks.data?.networks ?? []} />
      <ItemRecoveryPointPicker data={data} />
    </OperationDialog>
  );
}
