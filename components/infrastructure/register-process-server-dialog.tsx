"use client";

import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { registerProcessServerInput } from "@/server/domain/infrastructure/inputs";

const schema = registerProcessServerInput.omit({ vaultId: true, processServerId: true });

/**
 * Register on a process server's page: the second job of a failback process server (or the manual
 * registration of one created from the Marketplace image). The passphrase is write-only.
 */
export function RegisterProcessServerDialog({
  processServer,
  configurationServerName,
  ...props
}: VaultDialogProps & { processServer: { id: string; name: string }; configurationServerName: string }) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("infrastructure", props, {
    schema,
    // Port 443 and data port 9443 unless changed; the passphrase is never shown.
    defaultValues: { configurationServerIp: "", passphrase: "", httpsPort: 443, dataPort: 9443 },
    label: "Register process server",
    options: (onSuccess) => trpc.infrastructure.registerProcessServer.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId: props.vaultId, processServerId: processServer.id, ...v }),
  });
  const errors = form.formState.errors;
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title={`Register ${processServer.name}`}
      description={`The process server registers with the configuration server ${configurationServerName}; until then it cannot be chosen for re-protect or failback.`}
    >
      <Field
        label="Configuration server IP address"
        required
        error={errors.configurationServerIp}
        description={`The IP address of ${configurationServerName} as the process server reaches it.`}
      >
        <Input inputMode="decimal" autoComplete="off" {...form.register("configurationServerIp")} />
      </Field>
      <Field
        label="Passphrase"
        required
        error={errors.passphrase}
        description="The configuration server passphrase (on the configuration server: genpassphrase.exe -v). Stored encrypted; never shown."
      >
        <Input type="password" autoComplete="new-password" {...form.register("passphrase")} />
      </Field>
      <Field label="Port" required error={errors.httpsPort} description="The configuration server's HTTPS port (443 unless changed).">
        <Input type="number" min={1} max={65535} {...form.register("httpsPort", { valueAsNumber: true })} />
      </Field>
      <Field
        label="Data port"
        required
        error={errors.dataPort}
        description="The port the process server receives replication data on (9443 unless changed)."
      >
        <Input type="number" min={1} max={65535} {...form.register("dataPort", { valueAsNumber: true })} />
      </Field>
    </OperationDialog>
  );
}
