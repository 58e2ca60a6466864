"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { updateAccountCredentialsInput } from "@/server/domain/infrastructure/inputs";
import { useInfrastructureDone } from "./use-infrastructure-done";

const schema = updateAccountCredentialsInput.omit({ vaultId: true, accountId: true });

export type AccountSummary = { id: string; friendlyName: string; userName: string; usedBy: { name: string }[] };

/** Accounts > Update credentials: a new user name and password, checked by signing in on the servers that use the account. */
export function UpdateCredentialsDialog({ vaultId, account, open, onOpenChange }: VaultDialogProps & { account: AccountSummary }) {
  const trpc = useTRPC();
  // The password is write-only: the form starts empty, whatever is stored.
  const form = useSchemaForm(schema, { defaultValues: { userName: account.userName, password: "" } });
  const done = useInfrastructureDone(vaultId, () => onOpenChange(false));
  const m = useMutation(
    trpc.infrastructure.updateAccountCredentials.mutationOptions({ onSuccess: (r) => done("Credentials updated", { message: r.message }) }),
  );
  const banner = useServerErrors(form, m.error);
  const errors = form.formState.errors;
  const servers = account.usedBy.map((v) => v.name).join(", ");
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title={`Update credentials of ${account.friendlyName}`}
      description={
        servers
          ? `The portal signs in with them on ${servers}: the permissions shown are what those servers grant.`
          : "No vCenter server or ESXi host uses this account yet."
      }
      form={form}
      error={banner}
      onSubmit={form.handleSubmit((v) => m.mutate({ vaultId, accountId: account.id, ...v }))}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending}>
          {m.isPending ? "Working…" : "OK"}
        </Button>
      }
    >
      <Field label="User name" required error={errors.userName} description="DOMAIN\user or user@domain.">
        <Input autoComplete="off" {...form.register("userName")} />
      </Field>
      <Field label="Password" required error={errors.password} description="The stored password is never shown; enter the new one.">
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
    </FormDialog>
  );
}
