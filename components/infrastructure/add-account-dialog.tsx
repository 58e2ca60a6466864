"use client";

import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { addAccountInput } from "@/server/domain/infrastructure/inputs";

const schema = addAccountInput.omit({ vaultId: true, configurationServerId: true });

/** Accounts > Add account: the credentials the configuration server uses to discover vCenter servers and to fail back. */
export function AddAccountDialog({ configurationServerId, ...props }: VaultDialogProps & { configurationServerId: string }) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("infrastructure", props, {
    schema,
    defaultValues: { friendlyName: "", userName: "", password: "" },
    label: { title: "Account added" },
    options: (onSuccess) => trpc.infrastructure.addAccount.mutationOptions({ onSuccess: () => onSuccess({}) }),
    input: (v) => ({ vaultId: props.vaultId, configurationServerId, ...v }),
  });
  const errors = form.formState.errors;
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Add account"
      description="Site Recovery uses the account to discover VMs on vCenter servers and ESXi hosts, and to fail back to them."
    >
      <Field label="Friendly name" required error={errors.friendlyName}>
        <Input autoComplete="off" {...form.register("friendlyName")} />
      </Field>
      <Field label="User name" required error={errors.userName} description="DOMAIN\user or user@domain.">
        <Input autoComplete="off" {...form.register("userName")} />
      </Field>
      <Field label="Password" required error={errors.password} description="Stored encrypted; it is never shown again.">
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
    </OperationDialog>
  );
}
