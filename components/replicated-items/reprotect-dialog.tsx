"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { CheckCircle2, Info, XCircle } from "lucide-react";
import { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useFormOperation } from "@/lib/use-form-operation";
import { Button } from "@/components/ui/button";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { reprotectLegacySettings, reprotectToOnPremisesInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";
import { ReprotectFields, reprotectChoiceDefaults, type ReprotectOptions } from "./reprotect-fields";
import { ReprotectToAzureDialog } from "./reprotect-to-azure-dialog";

type Readiness = RouterOutputs["items"]["readiness"];

/** Re-protect's dialog for the operation the command runs (the read model's: the other way from where the machine runs now). */
export function ReprotectDialog(props: ItemDialogProps) {
  return props.data.commands.reprotect.operation === "reprotect-to-on-premises" ? (
    <ReprotectToOnPremisesDialog {...props} />
  ) : (
    <ReprotectToAzureDialog {...props} />
  );
}

/**
 * The verb's schema, with the legacy settings as the pane shows them: every NIC's failback IP, empty
 * where Azure's setting stays.
 */
const nicIp = reprotectLegacySettings.shape.nicIps.unwrap().element.shape.ip;
const reprotectForm = reprotectToOnPremisesInput
  .pick({ processServerId: true, masterTargetId: true, accountId: true, datastoreId: true, retentionVolumeId: true, location: true })
  .extend({ legacy: reprotectLegacySettings.extend({ nicIps: z.array(z.object({ nic: z.string(), ip: nicIp.optional() })) }) });
type Values = z.input<typeof reprotectForm>;
type Legacy = z.output<typeof reprotectForm>["legacy"];

function defaultsOf(o: ReprotectOptions): Values {
  return {
    ...reprotectChoiceDefaults(o),
    location: o.location.default,
    legacy: {
      displayName: o.defaults.displayName,
      cores: o.defaults.cores,
      memoryMb: o.defaults.memoryMb,
      nicIps: o.nics.map((n) => ({ nic: n.name, ip: "" })),
      folderName: "",
    },
  };
}

/** What the verb gets of the legacy settings: only what differs from the VM's own. */
function changedLegacy(l: Legacy, o: ReprotectOptions) {
  const nicIps = l.nicIps.flatMap(({ nic, ip }) => (ip ? [{ nic, ip }] : []));
  const changed = {
    ...(l.displayName && l.displayName !== o.defaults.displayName ? { displayName: l.displayName } : {}),
    ...(l.cores && l.cores !== o.defaults.cores ? { cores: l.cores } : {}),
    ...(l.memoryMb && l.memoryMb !== o.defaults.memoryMb ? { memoryMb: l.memoryMb } : {}),
    ...(nicIps.length ? { nicIps } : {}),
    ...(l.folderName ? { folderName: l.folderName } : {}),
  };
  return Object.keys(changed).length ? changed : undefined;
}

/** Re-protect, direction Azure to On-premises: an Azure-style context pane on the right. */
function ReprotectToOnPremisesDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.items.reprotectOptions.queryOptions({ vaultId, itemId: data.item.id }), enabled: open });
  const o = options.data;
  const { form, dialog } = useFormOperation("item", props, {
    schema: reprotectForm,
    values: o ? defaultsOf(o) : undefined,
    label: "Reprotect",
    options: (onSuccess) => trpc.items.reprotectToOnPremises.mutationOptions({ onSuccess }),
    input: ({ legacy, ...choices }) => ({ vaultId, itemId: data.item.id, ...choices, legacy: o ? changedLegacy(legacy, o) : undefined }),
  });
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Re-protect"
      description={`${data.item.name}: replicate from Microsoft Azure back to on-premises.`}
      submitDisabled={!o}
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      {!o ? (
        options.error ? null : (
          <p className="text-fg-muted">Loading the options…</p>
        )
      ) : (
        <>
          <ReprotectFields options={o} />
          <FailbackLocation form={form} options={o} />
          <LegacySettings form={form} options={o} />
          <ReadinessCheck form={form} vaultId={vaultId} itemId={data.item.id} />
        </>
      )}
    </OperationDialog>
  );
}

type FormProps = { form: UseFormReturn<Values, unknown, z.output<typeof reprotectForm>>; options: ReprotectOptions };

/**
 * Original or alternate location. The original one is offered only when the VM exists and the
 * checks that look at the location would pass through the chosen master target (vCenter connected,
 * a licensed host, the VM's datastore reachable): otherwise it is disabled with the refusal and the
 * form moves to the alternate location.
 */
function FailbackLocation({ form, options: o }: FormProps) {
  const location = useWatch({ control: form.control, name: "location" });
  const masterTargetId = useWatch({ control: form.control, name: "masterTargetId" });
  const refusal = !o.location.originalAvailable
    ? null
    : masterTargetId
      ? (o.location.originalRefusalByMasterTarget[masterTargetId] ?? null)
      : o.location.originalRefusal;
  const originalUsable = o.location.originalAvailable && !refusal;
  React.useEffect(() => {
    if (location === "original" && !originalUsable) form.setValue("location", "alternate");
  }, [location, originalUsable, form]);
  return (
    <div className="grid gap-2">
      <Field label="Failback location" group>
        <RadioGroup value={location} onValueChange={(v) => form.setValue("location", v as Values["location"], { shouldDirty: true })}>
          <RadioItem
            value="original"
            label="Original location"
            disabled={!originalUsable}
            description={
              !o.location.originalAvailable
                ? o.location.reason
                : (refusal?.reason ?? "Only the changes (delta) are sent to the original VM.")
            }
          />
          <RadioItem
            value="alternate"
            label="Alternate location"
            description="A new VM on the master target's ESXi host, in the datastore you choose."
          />
        </RadioGroup>
      </Field>
      <p className="flex items-start gap-1 text-xs text-fg-muted">
        <Info aria-hidden className="mt-0.5 size-3.5 shrink-0" />{" "}
        {o.location.originalAvailable && refusal
          ? "The original VM cannot be used through this master target: a new VM is created."
          : o.location.reason}
      </p>
    </div>
  );
}

/** Display name, cores, memory, a failback IP per NIC and the folder for leftover disks: the VM failback creates or updates. */
function LegacySettings({ form, options: o }: FormProps) {
  const { register } = form;
  const errors = form.formState.errors.legacy;
  return (
    <details className="rounded-sm border border-border-subtle p-3">
      <summary className="cursor-pointer font-semibold">Advanced</summary>
      <div className="mt-3 grid gap-3">
        <Field label="Display name" error={errors?.displayName ?? errors?.message}>
          <Input maxLength={80} {...register("legacy.displayName")} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Cores" error={errors?.cores}>
            <Input type="number" min={1} max={128} {...register("legacy.cores", { valueAsNumber: true })} />
          </Field>
          <Field label="Memory (MB)" error={errors?.memoryMb}>
            <Input type="number" min={512} step={512} {...register("legacy.memoryMb", { valueAsNumber: true })} />
          </Field>
        </div>
        {o.nics.map((n, i) => (
          <Field
            key={n.name}
            label={`Failback IP address of ${n.name}`}
            description={`On-premises: ${n.ipMode === "static" ? `static ${n.ip ?? ""}` : "DHCP"}. Leave empty to keep the setting Azure gave the VM.`}
            error={errors?.nicIps?.[i]?.ip}
          >
            <Input inputMode="decimal" placeholder={n.ip ?? "e.g. 10.0.1.50"} {...register(`legacy.nicIps.${i}.ip`)} />
          </Field>
        ))}
        <Field
          label="Folder name"
          description="When old VMDK files remain on the datastore, the new VM's disks go to this folder."
          error={errors?.folderName}
        >
          <Input maxLength={80} {...register("legacy.folderName")} />
        </Field>
      </div>
    </details>
  );
}

/** Runs every prerequisite check on the values as they stand, writing nothing; a change of any value clears the result. */
function ReadinessCheck({ form, vaultId, itemId }: { form: FormProps["form"]; vaultId: string; itemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [readiness, setReadiness] = React.useState<Readiness | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [checking, setChecking] = React.useState(false);
  React.useEffect(() => form.subscribe({ formState: { values: true }, callback: () => setReadiness(null) }), [form]);

  const run = async () => {
    const v = form.getValues();
    const nicIps = v.legacy.nicIps.flatMap(({ nic, ip }) => (ip?.trim() ? [{ nic, ip: ip.trim() }] : []));
    setChecking(true);
    setError(null);
    try {
      const r = await queryClient.fetchQuery({
        ...trpc.items.readiness.queryOptions({
          vaultId,
          itemId,
          processServerId: v.processServerId || undefined,
          masterTargetId: v.masterTargetId || undefined,
          accountId: v.accountId || undefined,
          datastoreId: v.datastoreId || undefined,
          retentionVolumeId: v.retentionVolumeId || undefined,
          location: v.location,
          ...(nicIps.length ? { nicIps } : {}),
        }),
        staleTime: 0,
      });
      setReadiness(r);
    } catch (err) {
      setReadiness(null);
      setError(err);
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="grid gap-2">
      <div>
        <Button type="button" onClick={run} disabled={checking}>
          {checking ? "Checking…" : "Readiness check"}
        </Button>
      </div>
      {error ? <ErrorDetails error={errorFieldsOf(error)} /> : null}
      {readiness ? <ReadinessResults readiness={readiness} /> : null}
    </div>
  );
}

function ReadinessResults({ readiness }: { readiness: Readiness }) {
  return (
    <section aria-label="Readiness check results" className="grid gap-2">
      <p className={readiness.ready ? "font-semibold text-success" : "font-semibold text-danger"} role="status">
        {readiness.ready ? "Readiness check passed." : "Readiness check failed: fix the failed checks, then try again."}
      </p>
      <ul className="grid gap-1">
        {readiness.checks.map((c) => (
          <li key={c.number} className="border-l-2 border-border-subtle pl-2">
            <span className="flex items-center gap-1">
              {c.passed ? (
                <CheckCircle2 aria-hidden className="size-4 text-success" />
              ) : (
                <XCircle aria-hidden className={c.advisory ? "size-4 text-warning" : "size-4 text-danger"} />
              )}
              <span className="font-semibold">{c.title}</span>
              <span className="text-fg-muted">— {c.passed ? "Passed" : c.advisory ? "Advisory" : "Failed"}</span>
            </span>
            {c.error ? (
              <span className="block text-xs">
                {c.error.message}
                {c.error.recommendedAction ? (
                  <span className="block text-fg-muted">Recommended action: {c.error.recommendedAction}</span>
                ) : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {readiness.location ? (
        <p className="text-xs text-fg-muted">
          Failback location: {readiness.location.location === "original" ? "Original" : "Alternate"} — {readiness.location.reason}
        </p>
      ) : null}
    </section>
  );
}
