"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Select, SelectOptions } from "@/components/ui/field";
import { associatePolicyInput } from "@/server/domain/policy/inputs";

const schema = associatePolicyInput.pick({ configurationServerId: true });

export type PolicyForAssociation = {
  id: string;
  name: string;
  pairedPolicyName: string | null;
  configurationServers: { id: string; name: string }[];
};

/** A policy > Associate: links the policy (and its failback policy) to one more configuration server. */
export function AssociatePolicyDialog({ policy, ...props }: VaultDialogProps & { policy: PolicyForAssociation }) {
  const trpc = useTRPC();
  const servers = useQuery(trpc.infrastructure.configurationServers.list.queryOptions({ vaultId: props.vaultId }));
  const associated = new Set(policy.configurationServers.map((cs) => cs.id));
  const free = (servers.data ?? []).filter((cs) => !associated.has(cs.id));
  const { form, dialog } = useFormOperation("policy", props, {
    schema,
    defaultValues: { configurationServerId: "" },
    values: free.length === 1 ? { configurationServerId: free[0]!.id } : undefined,
    label: { title: "Policy associated" },
    options: (onSuccess) =>
      trpc.policies.associate.mutationOptions({
        onSuccess: () =>
          onSuccess({
            message: `${policy.name}${policy.pairedPolicyName ? ` and ${policy.pairedPolicyName}` : ""} can now be chosen in the Replicate wizard.`,
          }),
      }),
    input: (v) => ({ vaultId: props.vaultId, policyId: policy.id, ...v }),
  });
  return (
    <OperationDialog
      {...dialog}
      side="right"
      submitDisabled={!servers.data}
      title={`Associate ${policy.name}`}
      description={`Machines of the configuration server can then replicate with ${policy.name}; its failback policy${policy.pairedPolicyName ? ` ${policy.pairedPolicyName}` : ""} is associated with it.`}
    >
      <Field
        label="Configuration server"
        required
        error={form.formState.errors.configurationServerId}
        description={
          policy.configurationServers.length
            ? `Associated already: ${policy.configurationServers.map((cs) => cs.name).join(", ")}.`
            : "A policy may be associated with several configuration servers."
        }
      >
        <Select {...form.register("configurationServerId")}>
          <SelectOptions
            placeholder="Select a configuration server"
            items={servers.data ?? []}
            disabled={(cs) => associated.has(cs.id)}
            label={(cs) => `${cs.name}${associated.has(cs.id) ? " — associated already" : ""}`}
          />
        </Select>
      </Field>
    </OperationDialog>
  );
}
