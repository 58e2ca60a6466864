"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useOperation, type VaultDialogProps } from "@/lib/use-operation-done";
import { OperationDialog } from "@/components/ui/dialog";

/** A policy > Dissociate: removes its association (and its failback policy's) with one configuration server. */
export function DissociatePolicyDialog({
  policy,
  configurationServer,
  ...props
}: VaultDialogProps & {
  policy: { id: string; name: string; pairedPolicyName: string | null };
  configurationServer: { id: string; name: string };
}) {
  const trpc = useTRPC();
  const { mutation: m, dialog } = useOperation("policy", props, { title: "Policy dissociated" }, (onSuccess) =>
    trpc.policies.dissociate.mutationOptions({
      onSuccess: () => onSuccess({ message: `${policy.name} is no longer offered for the machines of ${configurationServer.name}.` }),
    }),
  );
  return (
    <OperationDialog
      {...dialog}
      title={`Dissociate ${policy.name}`}
      onSubmit={() => m.mutate({ vaultId: props.vaultId, policyId: policy.id, configurationServerId: configurationServer.id })}
    >
      <p>
        Dissociate <strong>{policy.name}</strong>
        {policy.pairedPolicyName ? ` and its failback policy ${policy.pairedPolicyName}` : ""} from{" "}
        <strong>{configurationServer.name}</strong>? The Replicate wizard of {configurationServer.name} no longer offers it.
      </p>
    </OperationDialog>
  );
}
