"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { addAccountInput } from "@/server/domain/infrastructure/inputs";
import { useInfrastructureDone } from "./use-infrastructure-done";

const schema = addAccountInput.omit({ vaultId: true, configurationServerId: true });

/** Accounts > Add account: the credentials the configuration server uses to discover vCenter servers and to fail back. */
export function AddAccountDialog({
  vaultId,
  configurationServerId,
  open,
  onOpenChange,
}: VaultDialogProps & { configurationServerId: string }) {
  const trpc = useTRPC();
  const form = useSchemaForm(schema, { defaultValues: { friendlyName: "", userName: "", password: "" } });
  const done = useInfrastructureDone(vaultId, () => onOpenChange(false));
  const m = useMutation(trpc.infrastructure.addAccount.mutationOptions({ onSuccess: () => done("Account added", {}) }));
  const banner = useServerErrors(form, m.error);
  const errors = form.formState.errors;
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title="Add account"
      description="Site Recovery uses the account to discover VMs on vCenter servers and ESXi hosts, and to fail back to them."
      form={form}
      error={banner}
      onSubmit={form.handleSubmit((v) => m.mutate({ vaultId, configurationServerId, ...v }))}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending}>
          {m.isPending ? "Working…" : "OK"}
        </Button>
      }
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
    </FormDialog>
  );
}
