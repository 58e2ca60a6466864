"use client";

import * as React from "react";
import { ToastLink } from "@/components/ui/toast-link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useController, useFormContext, useWatch, type FieldErrors } from "react-hook-form";
import { Check } from "lucide-react";
import { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { fieldErrorsOf, soleId } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Checkbox, Field, FieldSet, Input, LabelledValue, Select, SelectOptions, type FieldMessage } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toast";
import { cn } from "@/lib/utils";
import { enableReplicationInput, missingVCenter } from "@/server/domain/replicated-item/inputs";

const STEPS = ["Source", "Target", "Machines", "Settings", "Review"] as const;
type Step = (typeof STEPS)[number];

const input = enableReplicationInput.omit({ vaultId: true });
type Values = z.input<typeof input>;

function vcenterChosen(v: Pick<Values, "machineType" | "vcenterId">, ctx: z.RefinementCtx) {
  const message = missingVCenter(v);
  if (message) ctx.addIssue({ code: "custom", path: ["vcenterId"], message });
}

/** The fields of each step (Review shows them all). */
const STEP_FIELDS = {
  Source: { configurationServerId: true, machineType: true, vcenterId: true, processServerId: true },
  Target: { networkId: true, subnetId: true },
  Machines: { machineIds: true },
  Settings: { policyId: true, replicationGroup: true },
  Review: {},
} as const satisfies Record<Step, Partial<Record<keyof Values, true>>>;

/** Each step validates its own fields with the verb's schema; Review validates them all. */
const STEP_SCHEMA = {
  Source: input.pick(STEP_FIELDS.Source).superRefine(vcenterChosen),
  Target: input.pick(STEP_FIELDS.Target),
  Machines: input.pick(STEP_FIELDS.Machines),
  Settings: input.pick(STEP_FIELDS.Settings),
  Review: input.superRefine(vcenterChosen),
};

const EMPTY: Values = {
  configurationServerId: "",
  machineType: "vmware",
  vcenterId: "",
  processServerId: "",
  networkId: "",
  subnetId: "",
  machineIds: [],
  policyId: "",
  replicationGroup: "",
};

/** Replicate (enable replication): a right-side pane with the steps Source → Target → Machines → Settings → Review. */
export function ReplicateWizard({ vaultId, open, onOpenChange }: VaultDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const o = options.data;
  const [step, setStep] = React.useState<Step>("Source");
  const form = useSchemaForm(STEP_SCHEMA[step] as unknown as typeof input, {
    // With a single configuration server, it is chosen.
    values: o ? { ...EMPTY, configurationServerId: soleId(o.configurationServers) } : undefined,
    resetOptions: { keepDirtyValues: true },
  });
  const m = useMutation(
    trpc.items.enableReplication.mutationOptions({
      onSuccess: (r) => {
        const n = r.items.length;
        toast.success(`Enable replication started for ${n} machine${n === 1 ? "" : "s"}`, {
          description: <ToastLink href={`/vaults/${vaultId}/jobs`}>View jobs</ToastLink>,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
        onOpenChange(false);
      },
      onError: (err) => backTo(Object.keys(fieldErrorsOf(err))),
    }),
  );
  const banner = useServerErrors(form, m.error);
  /** Back to the first step with one of `fields`. */
  function backTo(fields: string[]) {
    const first = STEPS.find((s) => fields.some((f) => f in STEP_FIELDS[s]));
    if (first) setStep(first);
  }

  const index = STEPS.indexOf(step);
  const onSubmit =
    step === "Review"
      ? form.handleSubmit(
          (v) => m.mutate({ vaultId, ...v }),
          (errors: FieldErrors<Values>) => backTo(Object.keys(errors)),
        )
      : form.handleSubmit(() => setStep(STEPS[index + 1]!));

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      wide
      title="Enable replication"
      description="Replicate VMware virtual machines or physical servers to Azure."
      header={
        <ol aria-label="Steps" className="mt-3 flex flex-wrap gap-1 text-xs">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === step ? "step" : undefined}
                disabled={i > index}
                onClick={() => setStep(s)}
                className={cn(
                  "inline-flex items-center gap-1 rounded-sm border px-2 py-1",
                  s === step ? "border-accent font-semibold text-accent" : "border-border text-fg-muted",
                  i > index && "opacity-60",
                )}
              >
                {i < index ? <Check aria-hidden className="size-3" /> : <span aria-hidden>{i + 1}</span>} {s}
              </button>
            </li>
          ))}
        </ol>
      }
      form={form}
      error={banner}
      onSubmit={onSubmit}
      actions={
        <>
          {index > 0 ? (
            <Button type="button" onClick={() => setStep(STEPS[index - 1]!)}>
              Previous
            </Button>
          ) : null}
          {step === "Review" ? (
            <Button type="submit" variant="primary" disabled={m.isPending || !o}>
              {m.isPending ? "Enabling…" : "Enable replication"}
            </Button>
          ) : (
            <Button type="submit" variant="primary" disabled={!o}>
              Next
            </Button>
          )}
        </>
      }
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      {!o && !options.error ? <p className="text-fg-muted">Loading…</p> : null}
      {o ? <WizardStep step={step} options={o} /> : null}
    </FormDialog>
  );
}

type Options = RouterOutputs["items"]["replicateOptions"];

const nameOf = <T extends { id: string; name: string }>(list: T[], id: string | undefined) => list.find((x) => x.id === id)?.name ?? "—";

/** The fields of one step; choices are narrowed by what came before. */
function WizardStep({ step, options: o }: { step: Step; options: Options }) {
  const { register, setValue, control, formState } = useFormContext<Values>();
  const errors = formState.errors;
  const [csId, machineType, vcenterId, networkId] = useWatch({
    control,
    name: ["configurationServerId", "machineType", "vcenterId", "networkId"],
  });
  /** A change of an earlier choice empties the later choices it narrows. */
  const clears = (...fields: ("vcenterId" | "processServerId" | "subnetId")[]) => ({
    onChange: () => {
      for (const f of fields) setValue(f, "");
      setValue("machineIds", []);
    },
  });
  const vcenters = o.vcenters.filter((v) => v.configurationServerId === csId);
  const processServers = o.processServers.filter((p) => p.configurationServerId === csId);
  const policies = o.policies.filter((p) => p.configurationServerIds.includes(csId));
  const network = o.networks.find((n) => n.id === networkId) ?? null;
  const machines = o.machines.filter(
    (mm) => mm.configurationServerId === csId && mm.kind === machineType && (machineType === "physical" || mm.vcenterId === vcenterId),
  );

  if (step === "Source")
    return (
      <>
        <h3 className="font-semibold">1. Source</h3>
        <Field label="Configuration server" required error={errors.configurationServerId}>
          <Select {...register("configurationServerId", clears("vcenterId", "processServerId"))}>
            <SelectOptions placeholder="Select a configuration server" items={o.configurationServers} />
          </Select>
        </Field>
        <Field label="Machine type" required error={errors.machineType}>
          <Select {...register("machineType", clears())}>
            <option value="vmware">Virtual machines</option>
            <option value="physical">Physical machines</option>
          </Select>
        </Field>
        {machineType === "vmware" ? (
          <Field
            label="vCenter server"
            required
            error={errors.vcenterId}
            description={
              csId && vcenters.length === 0 ? "No vCenter server or ESXi host is added to this configuration server." : undefined
            }
          >
            <Select {...register("vcenterId", clears())}>
              <SelectOptions
                placeholder="Select a vCenter server"
                items={vcenters}
                label={(v) => `${v.name}${v.kind === "esxi" ? " (ESXi host)" : ""}`}
              />
            </Select>
          </Field>
        ) : null}
        <Field
          label="Process server"
          required
          error={errors.processServerId}
          description="An on-premises process server of the configuration server."
        >
          <Select {...register("processServerId")}>
            <SelectOptions
              placeholder="Select a process server"
              items={processServers}
              disabled={(p) => p.status !== "registered"}
              label={(p) => `${p.name}${p.status !== "registered" ? " — not registered yet" : ""}`}
            />
          </Select>
        </Field>
      </>
    );

  if (step === "Target")
    return (
      <>
        <h3 className="font-semibold">2. Target</h3>
        <LabelledValue id="replicate-target" label="Target">
          Microsoft Azure
        </LabelledValue>
        <Field label="Azure network" required error={errors.networkId} description="The network the Azure VMs join after failover.">
          <Select {...register("networkId", { onChange: () => setValue("subnetId", "") })}>
            <SelectOptions
              placeholder="Select an Azure network"
              items={o.networks}
              label={(n) => `${n.name} (${n.deploymentModel === "classic" ? "classic" : "Resource Manager"})`}
            />
          </Select>
        </Field>
        <Field label="Subnet" error={errors.subnetId} description="Defaults to the network's first subnet.">
          <Select disabled={!network} {...register("subnetId")}>
            <SelectOptions
              placeholder={
                network?.subnets[0] ? `${network.subnets[0].name} (${network.subnets[0].addressRange})` : "Select a network first"
              }
              items={(network?.subnets ?? []).slice(1)}
              label={(x) => `${x.name} (${x.addressRange})`}
            />
          </Select>
        </Field>
      </>
    );

  if (step === "Machines") return <MachinesStep machines={machines} machineType={machineType} error={errors.machineIds} />;

  if (step === "Settings")
    return (
      <>
        <h3 className="font-semibold">4. Settings</h3>
        <Field
          label="Replication policy"
          required
          error={errors.policyId}
          description={
            policies.length === 0
              ? `No replication policy is associated with ${nameOf(o.configurationServers, csId)}: associate one on Replication policies.`
              : "A policy associated with the configuration server. Its failback policy is applied when the machines are re-protected from Azure."
          }
        >
          <Select {...register("policyId")}>
            <SelectOptions placeholder="Select a replication policy" items={policies} />
          </Select>
        </Field>
        <Field
          label="Replication group"
          error={errors.replicationGroup}
          description="Optional: machines of one group get multi-VM consistent recovery points (and fail back only through a recovery plan)."
        >
          <Input maxLength={80} {...register("replicationGroup")} />
        </Field>
      </>
    );

  return <Review options={o} machines={machines} network={network} />;
}

type Machine = Options["machines"][number];

function MachinesStep({ machines, machineType, error }: { machines: Machine[]; machineType: Values["machineType"]; error: FieldMessage }) {
  const { field } = useController<Values, "machineIds">({ name: "machineIds" });
  const chosen = field.value;
  return (
    <FieldSet legend="3. Machines" error={error}>
      {machines.length === 0 ? (
        <p className="text-fg-muted">
          No unprotected {machineType === "physical" ? "physical machine" : "virtual machine"} is discovered
          {machineType === "vmware" ? " in this vCenter server" : ""}.
        </p>
      ) : (
        machines.map((mm) => (
          <Checkbox
            key={mm.id}
            label={
              <>
                {mm.name} <span className="text-fg-muted">({mm.osName})</span>
              </>
            }
            aria-label={mm.name}
            checked={chosen.includes(mm.id)}
            onChange={(e) => field.onChange(e.target.checked ? [...chosen, mm.id] : chosen.filter((x) => x !== mm.id))}
          />
        ))
      )}
    </FieldSet>
  );
}

function Review({ options: o, machines, network }: { options: Options; machines: Machine[]; network: Options["networks"][number] | null }) {
  const v = useWatch<Values>() as Values;
  return (
    <>
      <h3 className="font-semibold">5. Review</h3>
      <dl>
        <LabelledValue id="review-cs" label="Configuration server">
          {nameOf(o.configurationServers, v.configurationServerId)}
        </LabelledValue>
        <LabelledValue id="review-type" label="Machine type">
          {v.machineType === "vmware" ? "Virtual machines" : "Physical machines"}
        </LabelledValue>
        {v.machineType === "vmware" ? (
          <LabelledValue id="review-vcenter" label="vCenter server">
            {nameOf(o.vcenters, v.vcenterId)}
          </LabelledValue>
        ) : null}
        <LabelledValue id="review-ps" label="Process server">
          {nameOf(o.processServers, v.processServerId)}
        </LabelledValue>
        <LabelledValue id="review-network" label="Azure network">
          {network?.name ?? "—"}
        </LabelledValue>
        <LabelledValue id="review-policy" label="Replication policy">
          {nameOf(o.policies, v.policyId)}
        </LabelledValue>
        <LabelledValue id="review-machines" label="Machines">
          {machines
            .filter((mm) => v.machineIds.includes(mm.id))
            .map((mm) => mm.name)
            .join(", ")}
        </LabelledValue>
      </dl>
    </>
  );
}
