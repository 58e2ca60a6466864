"use client";

import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Input } from "@/components/ui/field";
import { FAILBACK_POLICY, createReplicationPolicyInput } from "@/server/domain/policy/inputs";

const schema = createReplicationPolicyInput.omit({ vaultId: true, configurationServerId: true });

/** Replication policies > + Replication policy: a policy to Azure; its failback policy is created with it, read-only. */
export function CreatePolicyDialog(props: VaultDialogProps) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("policy", props, {
    schema,
    defaultValues: { name: "", rpoThresholdMinutes: 60, retentionHours: 24, appConsistentFrequencyMinutes: 60, multiVmConsistency: false },
    label: { title: "Replication policy created" },
    options: (onSuccess) =>
      trpc.policies.create.mutationOptions({
        onSuccess: (_r, v) =>
          onSuccess({
            message: `${v.name} and its failback policy ${v.name}-failback were created. Associate ${v.name} with a configuration server.`,
          }),
      }),
    input: (v) => ({ vaultId: props.vaultId, ...v }),
  });
  const errors = form.formState.errors;
  const f = FAILBACK_POLICY;
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Create replication policy"
      description={`Replication from VMware VMs and physical servers to Azure. A failback policy (RPO threshold ${f.rpoThresholdMinutes} minutes, retention ${f.retentionHours} hours, app-consistent snapshots every ${f.appConsistentFrequencyMinutes} minutes) is created with it and can't be edited.`}
    >
      <Field label="Name" required error={errors.name} description="Letters, digits, - and _.">
        <Input autoComplete="off" maxLength={60} {...form.register("name")} />
      </Field>
      <Field
        label="RPO threshold"
        required
        error={errors.rpoThresholdMinutes}
        description="In minutes. Replication health warns when the recovery point objective exceeds it."
      >
        <Input type="number" min={1} max={1440} {...form.register("rpoThresholdMinutes", { valueAsNumber: true })} />
      </Field>
      <Field
        label="Recovery point retention"
        required
        error={errors.retentionHours}
        description="In hours: how long each recovery point is kept."
      >
        <Input type="number" min={0} max={1728} {...form.register("retentionHours", { valueAsNumber: true })} />
      </Field>
      <Field
        label="App-consistent snapshot frequency"
        required
        error={errors.appConsistentFrequencyMinutes}
        description="In minutes; 0 turns app-consistent snapshots off. At most the retention period."
      >
        <Input type="number" min={0} max={720} {...form.register("appConsistentFrequencyMinutes", { valueAsNumber: true })} />
      </Field>
      <Checkbox label="Multi-VM consistency" {...form.register("multiVmConsistency")} />
    </OperationDialog>
  );
}
