"use client";

import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { updateAccountCredentialsInput } from "@/server/domain/infrastructure/inputs";

const schema = updateAccountCredentialsInput.omit({ vaultId: true, accountId: true });

export type AccountSummary = { id: string; friendlyName: string; userName: string; usedBy: { name: string }[] };

/** Accounts > Update credentials: a new user name and password, checked by signing in on the servers that use the account. */
export function UpdateCredentialsDialog({ account, ...props }: VaultDialogProps & { account: AccountSummary }) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("infrastructure", props, {
    schema,
    // The password is write-only: the form starts empty, whatever is stored.
    defaultValues: { userName: account.userName, password: "" },
    label: { title: "Credentials updated" },
    options: (onSuccess) => trpc.infrastructure.updateAccountCredentials.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId: props.vaultId, accountId: account.id, ...v }),
  });
  const errors = form.formState.errors;
  const servers = account.usedBy.map((v) => v.name).join(", ");
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title={`Update credentials of ${account.friendlyName}`}
      description={
        servers
          ? `The portal signs in with them on ${servers}: the permissions shown are what those servers grant.`
          : "No vCenter server or ESXi host uses this account yet."
      }
    >
      <Field label="User name" required error={errors.userName} description="DOMAIN\user or user@domain.">
        <Input autoComplete="off" {...form.register("userName")} />
      </Field>
      <Field label="Password" required error={errors.password} description="The stored password is never shown; enter the new one.">
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
    </OperationDialog>
  );
}
