"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Input, LabelledValue, Select, SelectOptions } from "@/components/ui/field";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toaster";
import { cn } from "@/lib/utils";
import { useFormFields } from "@/lib/use-form-fields";
import { RefusalBanner, fieldErrorsOf } from "./operation-dialog";

const STEPS = ["Source", "Target", "Machines", "Settings", "Review"] as const;
type Step = (typeof STEPS)[number];

type Form = {
  configurationServerId: string;
  machineType: "vmware" | "physical";
  vcenterId: string;
  processServerId: string;
  networkId: string;
  subnetId: string;
  machineIds: string[];
  policyId: string;
  replicationGroup: string;
};

/** Which step holds each input field, so a server-side field error sends the user back to it. */
const STEP_OF_FIELD: Record<string, Step> = {
  configurationServerId: "Source",
  machineType: "Source",
  vcenterId: "Source",
  processServerId: "Source",
  networkId: "Target",
  subnetId: "Target",
  machineIds: "Machines",
  policyId: "Settings",
  replicationGroup: "Settings",
};

function validate(f: Form, step: Step): Record<string, string[]> {
  const e: Record<string, string[]> = {};
  if (step === "Source") {
    if (!f.configurationServerId) e.configurationServerId = ["Choose a configuration server."];
    if (f.machineType === "vmware" && !f.vcenterId) e.vcenterId = ["Choose the vCenter server of the virtual machines."];
    if (!f.processServerId) e.processServerId = ["Choose a process server."];
  }
  if (step === "Target" && !f.networkId) e.networkId = ["Choose an Azure network."];
  if (step === "Machines" && f.machineIds.length === 0) e.machineIds = ["Choose at least one machine."];
  if (step === "Settings" && !f.policyId) e.policyId = ["Choose a replication policy."];
  return e;
}

/** Replicate (enable replication): a right-side pane with the steps Source → Target → Machines → Settings → Review. */
export function ReplicateWizard({
  vaultId,
  open,
  onOpenChange,
}: {
  vaultId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const o = options.data;
  const empty: Form = {
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
  const { values: f, set, errors, setErrors, reset } = useFormFields<Form>(empty);
  const [step, setStep] = React.useState<Step>("Source");
  const m = useMutation(
    trpc.items.enableReplication.mutationOptions({
      onSuccess: (r) => {
        const n = r.items.length;
        toast.success(`Enable replication started for ${n} machine${n === 1 ? "" : "s"}`, {
          description: (
            <Link href={`/vaults/${vaultId}/jobs`} className="text-accent underline">
              View jobs
            </Link>
          ),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
        close(false);
      },
      onError: (err) => {
        const fe = fieldErrorsOf(err);
        setErrors(fe);
        const first = STEPS.find((s) => Object.keys(fe).some((k) => STEP_OF_FIELD[k] === s));
        if (first) setStep(first);
      },
    }),
  );
  function close(o: boolean) {
    if (!o) {
      reset();
      setStep("Source");
      m.reset();
    }
    onOpenChange(o);
  }

  // Choices narrowed by what came before; the first fitting value is preselected where there is one.
  const servers = o?.configurationServers ?? [];
  const csId = f.configurationServerId || (servers.length === 1 ? servers[0]!.id : "");
  const vcenters = (o?.vcenters ?? []).filter((v) => v.configurationServerId === csId);
  const processServers = (o?.processServers ?? []).filter((p) => p.configurationServerId === csId);
  const network = o?.networks.find((n) => n.id === f.networkId) ?? null;
  const machines = (o?.machines ?? []).filter(
    (mm) =>
      mm.configurationServerId === csId && mm.kind === f.machineType && (f.machineType === "physical" || mm.vcenterId === f.vcenterId),
  );
  const effective: Form = {
    ...f,
    configurationServerId: csId,
    machineIds: f.machineIds.filter((id) => machines.some((mm) => mm.id === id)),
  };

  const index = STEPS.indexOf(step);
  const next = () => {
    const e = validate(effective, step);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep(STEPS[index + 1]!);
  };
  const submit = () => {
    for (const s of STEPS) {
      const e = validate(effective, s);
      if (Object.keys(e).length) {
        setErrors(e);
        setStep(s);
        return;
      }
    }
    m.mutate({
      vaultId,
      configurationServerId: effective.configurationServerId,
      machineType: effective.machineType,
      ...(effective.machineType === "vmware" ? { vcenterId: effective.vcenterId } : {}),
      processServerId: effective.processServerId,
      networkId: effective.networkId,
      ...(effective.subnetId ? { subnetId: effective.subnetId } : {}),
      policyId: effective.policyId,
      machineIds: effective.machineIds,
      ...(effective.replicationGroup.trim() ? { replicationGroup: effective.replicationGroup.trim() } : {}),
    });
  };
  const nameOf = <T extends { id: string; name: string }>(list: T[], id: string) => list.find((x) => x.id === id)?.name ?? "—";

  return (
    <FormDialog
      open={open}
      onOpenChange={close}
      side="right"
      className="max-w-2xl"
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
      onSubmit={() => {
        if (step === "Review") submit();
        else next();
      }}
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
      {o && step === "Source" ? (
        <>
          <h3 className="font-semibold">1. Source</h3>
          <Field label="Configuration server" htmlFor="replicate-cs" required error={errors.configurationServerId}>
            <Select
              id="replicate-cs"
              value={csId}
              onChange={(e) => set({ configurationServerId: e.target.value, vcenterId: "", processServerId: "", machineIds: [] })}
              aria-invalid={!!errors.configurationServerId || undefined}
            >
              <SelectOptions placeholder="Select a configuration server" items={servers} />
            </Select>
          </Field>
          <Field label="Machine type" htmlFor="replicate-type" required error={errors.machineType}>
            <Select
              id="replicate-type"
              value={f.machineType}
              onChange={(e) => set({ machineType: e.target.value as Form["machineType"], machineIds: [] })}
            >
              <option value="vmware">Virtual machines</option>
              <option value="physical">Physical machines</option>
            </Select>
          </Field>
          {f.machineType === "vmware" ? (
            <Field
              label="vCenter server"
              htmlFor="replicate-vcenter"
              required
              error={errors.vcenterId}
              description={
                csId && vcenters.length === 0 ? "No vCenter server or ESXi host is added to this configuration server." : undefined
              }
            >
              <Select
                id="replicate-vcenter"
                value={f.vcenterId}
                onChange={(e) => set({ vcenterId: e.target.value, machineIds: [] })}
                aria-invalid={!!errors.vcenterId || undefined}
              >
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
            htmlFor="replicate-ps"
            required
            error={errors.processServerId}
            description="An on-premises process server of the configuration server."
          >
            <Select
              id="replicate-ps"
              value={f.processServerId}
              onChange={(e) => set({ processServerId: e.target.value })}
              aria-invalid={!!errors.processServerId || undefined}
            >
              <SelectOptions
                placeholder="Select a process server"
                items={processServers}
                disabled={(p) => p.status !== "registered"}
                label={(p) => `${p.name}${p.status !== "registered" ? " — not registered yet" : ""}`}
              />
            </Select>
          </Field>
        </>
      ) : null}
      {o && step === "Target" ? (
        <>
          <h3 className="font-semibold">2. Target</h3>
          <LabelledValue id="replicate-target" label="Target">
            Microsoft Azure
          </LabelledValue>
          <Field
            label="Azure network"
            htmlFor="replicate-network"
            required
            error={errors.networkId}
            description="The network the Azure VMs join after failover."
          >
            <Select
              id="replicate-network"
              value={f.networkId}
              onChange={(e) => set({ networkId: e.target.value, subnetId: "" })}
              aria-invalid={!!errors.networkId || undefined}
            >
              <SelectOptions
                placeholder="Select an Azure network"
                items={o.networks}
                label={(n) => `${n.name} (${n.deploymentModel === "classic" ? "classic" : "Resource Manager"})`}
              />
            </Select>
          </Field>
          <Field label="Subnet" htmlFor="replicate-subnet" error={errors.subnetId} description="Defaults to the network's first subnet.">
            <Select id="replicate-subnet" value={f.subnetId} onChange={(e) => set({ subnetId: e.target.value })} disabled={!network}>
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
      ) : null}
      {o && step === "Machines" ? (
        <fieldset className="grid gap-2" aria-describedby={errors.machineIds ? "replicate-machines-error" : undefined}>
          <legend className="mb-1 font-semibold">3. Machines</legend>
          {machines.length === 0 ? (
            <p className="text-fg-muted">
              No unprotected {f.machineType === "physical" ? "physical machine" : "virtual machine"} is discovered
              {f.machineType === "vmware" ? " in this vCenter server" : ""}.
            </p>
          ) : (
            machines.map((mm) => (
              <Checkbox
                key={mm.id}
                id={`replicate-machine-${mm.id}`}
                label={
                  <>
                    {mm.name} <span className="text-fg-muted">({mm.osName})</span>
                  </>
                }
                aria-label={mm.name}
                checked={effective.machineIds.includes(mm.id)}
                onChange={(e) =>
                  set({ machineIds: e.target.checked ? [...effective.machineIds, mm.id] : effective.machineIds.filter((x) => x !== mm.id) })
                }
              />
            ))
          )}
          {errors.machineIds ? (
            <p id="replicate-machines-error" role="alert" className="text-xs text-danger">
              {errors.machineIds.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {o && step === "Settings" ? (
        <>
          <h3 className="font-semibold">4. Settings</h3>
          <Field
            label="Replication policy"
            htmlFor="replicate-policy"
            required
            error={errors.policyId}
            description="Its failback policy is applied when the machines are re-protected from Azure."
          >
            <Select
              id="replicate-policy"
              value={f.policyId}
              onChange={(e) => set({ policyId: e.target.value })}
              aria-invalid={!!errors.policyId || undefined}
            >
              <SelectOptions placeholder="Select a replication policy" items={o.policies} />
            </Select>
          </Field>
          <Field
            label="Replication group"
            htmlFor="replicate-group"
            error={errors.replicationGroup}
            description="Optional: machines of one group get multi-VM consistent recovery points (and fail back only through a recovery plan)."
          >
            <Input
              id="replicate-group"
              value={f.replicationGroup}
              maxLength={80}
              onChange={(e) => set({ replicationGroup: e.target.value })}
            />
          </Field>
        </>
      ) : null}
      {o && step === "Review" ? (
        <>
          <h3 className="font-semibold">5. Review</h3>
          <dl>
            <LabelledValue id="review-cs" label="Configuration server">
              {nameOf(servers, csId)}
            </LabelledValue>
            <LabelledValue id="review-type" label="Machine type">
              {f.machineType === "vmware" ? "Virtual machines" : "Physical machines"}
            </LabelledValue>
            {f.machineType === "vmware" ? (
              <LabelledValue id="review-vcenter" label="vCenter server">
                {nameOf(vcenters, f.vcenterId)}
              </LabelledValue>
            ) : null}
            <LabelledValue id="review-ps" label="Process server">
              {nameOf(processServers, f.processServerId)}
            </LabelledValue>
            <LabelledValue id="review-network" label="Azure network">
              {network?.name ?? "—"}
            </LabelledValue>
            <LabelledValue id="review-policy" label="Replication policy">
              {nameOf(o.policies, f.policyId)}
            </LabelledValue>
            <LabelledValue id="review-machines" label="Machines">
              {machines
                .filter((mm) => effective.machineIds.includes(mm.id))
                .map((mm) => mm.name)
                .join(", ")}
            </LabelledValue>
          </dl>
        </>
      ) : null}
      <RefusalBanner error={m.error} />
    </FormDialog>
  );
}
