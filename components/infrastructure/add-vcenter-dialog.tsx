"use client";

import { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { addVCenterInput } from "@/server/domain/infrastructure/inputs";

/** The dialog picks one of the configuration server's accounts (Accounts > Add account adds one). */
const schema = addVCenterInput
  .omit({ vaultId: true, configurationServerId: true, newAccount: true })
  .extend({ accountId: z.string().min(1, "Choose the run-as account to discover the server with.") });

/** + vCenter server: add a vCenter server or a standalone ESXi host; a discovery job lists what it contains. */
export function AddVCenterDialog({
  configurationServerId,
  accounts,
  ...props
}: VaultDialogProps & { configurationServerId: string; accounts: { id: string; friendlyName: string; userName: string }[] }) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("infrastructure", props, {
    schema,
    defaultValues: { kind: "vcenter", name: "", ip: "", port: 443, accountId: "" },
    label: "Discovery",
    options: (onSuccess) => trpc.infrastructure.addVCenter.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId: props.vaultId, configurationServerId, ...v }),
  });
  const errors = form.formState.errors;
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Add vCenter server"
      description="Site Recovery discovers the hosts, datastores and virtual machines of the server through the account."
    >
      <Field label="Server type" error={errors.kind}>
        <Select {...form.register("kind")}>
          <option value="vcenter">vCenter server</option>
          <option value="esxi">ESXi host</option>
        </Select>
      </Field>
      <Field label="Name" required error={errors.name} description="A friendly name for the server.">
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="IP address" required error={errors.ip} description="The IP address or FQDN of the server.">
        <Input autoComplete="off" {...form.register("ip")} />
      </Field>
      <Field label="Port" required error={errors.port}>
        <Input type="number" min={1} max={65535} {...form.register("port", { valueAsNumber: true })} />
      </Field>
      <Field
        label="Account"
        required
        error={errors.accountId}
        description={accounts.length ? "Discovery needs full permissions to list datastores." : "Add an account in the Accounts tab first."}
      >
        <Select {...form.register("accountId")}>
          <SelectOptions placeholder="Select an account" items={accounts} label={(a) => `${a.friendlyName} (${a.userName})`} />
        </Select>
      </Field>
    </OperationDialog>
  );
}
