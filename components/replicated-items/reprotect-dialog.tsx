"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Info, XCircle } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { OperationDialog, fieldErrorsOf, useItemOperation, type ItemDialogProps } from "./operation-dialog";
type Options = RouterOutputs["items"]["reprotectOptions"];
type Readiness = RouterOutputs["items"]["readiness"];

/** Re-protect picks its dialog from where the machine runs now. */
export function ReprotectDialog(props: ItemDialogProps) {
  return props.data.item.activeLocation === "azure" ? <ReprotectToOnPremisesDialog {...props} /> : <ReprotectToAzureDialog {...props} />;
}

type Form = {
  processServerId: string;
  masterTargetId: string;
  accountId: string;
  datastoreId: string;
  retentionVolumeId: string;
  location: "original" | "alternate";
  displayName: string;
  cores: string;
  memoryMb: string;
  nicIps: Record<string, string>;
  folderName: string;
};

function initialForm(o: Options): Form {
  return {
    processServerId: o.defaults.processServerId ?? "",
    masterTargetId: o.defaults.masterTargetId ?? "",
    accountId: o.defaults.accountId ?? "",
    datastoreId: o.defaults.datastoreId ?? "",
    retentionVolumeId: o.defaults.retentionVolumeId ?? "",
    location: o.location.default,
    displayName: o.defaults.displayName,
    cores: String(o.defaults.cores),
    memoryMb: String(o.defaults.memoryMb),
    nicIps: {},
    folderName: "",
  };
}

/** Re-protect, direction Azure to On-premises: an Azure-style context pane on the right. */
function ReprotectToOnPremisesDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.items.reprotectOptions.queryOptions({ vaultId, itemId: data.item.id }), enabled: open });
  const { mutation: m, dialog } = useItemOperation(props, "Reprotect", (onSuccess) =>
    trpc.items.reprotectToOnPremises.mutationOptions({ onSuccess }),
  );
  const o = options.data;
  // The fields own their state; the pane's OK asks them to submit.
  const submitRef = React.useRef<(() => void) | null>(null);
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Re-protect"
      description={`${data.item.name}: replicate from Microsoft Azure back to on-premises.`}
      submitDisabled={!o}
      onSubmit={() => submitRef.current?.()}
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      {!o ? (
        options.error ? null : (
          <p className="text-fg-muted">Loading the options…</p>
        )
      ) : (
        <ReprotectFields
          key={data.item.id}
          vaultId={vaultId}
          itemId={data.item.id}
          options={o}
          error={m.error}
          submitRef={submitRef}
          onSubmit={(input) => m.mutate(input)}
        />
      )}
    </OperationDialog>
  );
}

type ReprotectInput = RouterInputs["items"]["reprotectToOnPremises"];

function ReprotectFields({
  vaultId,
  itemId,
  options: o,
  error,
  submitRef,
  onSubmit,
}: {
  vaultId: string;
  itemId: string;
  options: Options;
  error: unknown;
  submitRef: React.RefObject<(() => void) | null>;
  onSubmit: (input: ReprotectInput) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = React.useState<Form>(() => initialForm(o));
  const [readiness, setReadiness] = React.useState<Readiness | null>(null);
  const [readinessError, setReadinessError] = React.useState<unknown>(null);
  const [checking, setChecking] = React.useState(false);
  const errors = fieldErrorsOf(error);
  const set = (patch: Partial<Form>) => {
    setF((prev) => ({ ...prev, ...patch }));
    setReadiness(null);
  };

  const mt = o.masterTargets.find((x) => x.id === f.masterTargetId) ?? null;
  const proposal = {
    vaultId,
    itemId,
    processServerId: f.processServerId || undefined,
    masterTargetId: f.masterTargetId || undefined,
    accountId: f.accountId || undefined,
    datastoreId: f.datastoreId || undefined,
    retentionVolumeId: f.retentionVolumeId || undefined,
    location: f.location,
  };
  const nicIps = Object.entries(f.nicIps)
    .filter(([, ip]) => ip.trim())
    .map(([nic, ip]) => ({ nic, ip: ip.trim() }));

  const legacy = () => {
    const l: NonNullable<ReprotectInput["legacy"]> = {};
    if (f.displayName.trim() && f.displayName.trim() !== o.defaults.displayName) l.displayName = f.displayName.trim();
    if (Number(f.cores) !== o.defaults.cores && f.cores) l.cores = Number(f.cores);
    if (Number(f.memoryMb) !== o.defaults.memoryMb && f.memoryMb) l.memoryMb = Number(f.memoryMb);
    if (nicIps.length) l.nicIps = nicIps;
    if (f.folderName.trim()) l.folderName = f.folderName.trim();
    return Object.keys(l).length ? l : undefined;
  };

  const runReadiness = async () => {
    setChecking(true);
    setReadinessError(null);
    try {
      const r = await queryClient.fetchQuery({
        ...trpc.items.readiness.queryOptions({ ...proposal, ...(nicIps.length ? { nicIps } : {}) }),
        staleTime: 0,
      });
      setReadiness(r);
    } catch (err) {
      setReadiness(null);
      setReadinessError(err);
    } finally {
      setChecking(false);
    }
  };

  const submit = () =>
    onSubmit({
      vaultId,
      itemId,
      processServerId: f.processServerId,
      masterTargetId: f.masterTargetId,
      accountId: f.accountId,
      datastoreId: f.datastoreId,
      retentionVolumeId: f.retentionVolumeId,
      location: f.location,
      legacy: legacy(),
    });

  React.useEffect(() => {
    submitRef.current = submit;
  });

  return (
    <div className="grid gap-4">
      <Field label="Direction" htmlFor="reprotect-direction">
        <Input id="reprotect-direction" readOnly value={o.direction} />
      </Field>

      <Field
        label="Process server"
        htmlFor="reprotect-ps"
        required
        error={errors.processServerId}
        description={o.processServersEmptyReason ?? "An Azure process server in the same network (and deployment model) as the Azure VM."}
      >
        <Select
          id="reprotect-ps"
          value={f.processServerId}
          onChange={(e) => set({ processServerId: e.target.value })}
          aria-invalid={!!errors.processServerId || undefined}
          aria-describedby="reprotect-ps-description"
        >
          <SelectOptions
            placeholder={o.processServers.length ? "Select a process server" : "No eligible process server"}
            items={o.processServers}
            disabled={(p) => !!p.disabledReason}
            label={(p) =>
              `${p.name} (${p.location === "azure" ? "Azure" : "on-premises, ExpressRoute"})${p.disabledReason ? ` — ${p.disabledReason}` : ""}`
            }
          />
        </Select>
      </Field>

      <Field
        label="Master target server"
        htmlFor="reprotect-mt"
        required
        error={errors.masterTargetId}
        description={o.masterTargetsEmptyReason ?? "Matches the operating system of the machine."}
      >
        <Select
          id="reprotect-mt"
          value={f.masterTargetId}
          onChange={(e) => {
            const next = o.masterTargets.find((x) => x.id === e.target.value);
            set({ masterTargetId: e.target.value, retentionVolumeId: next?.retentionVolumes[0]?.id ?? "" });
          }}
          aria-invalid={!!errors.masterTargetId || undefined}
          aria-describedby="reprotect-mt-description"
        >
          <SelectOptions
            placeholder={o.masterTargets.length ? "Select a master target server" : "No eligible master target server"}
            items={o.masterTargets}
            label={(x) => `${x.name} (${x.osType === "linux" ? "Linux" : "Windows"})`}
          />
        </Select>
      </Field>

      <Field
        label="Account"
        htmlFor="reprotect-account"
        required
        error={errors.accountId}
        description={
          o.accounts.length
            ? "The run-as account Site Recovery uses for vCenter."
            : "No account is registered with the configuration server; add one."
        }
      >
        <Select
          id="reprotect-account"
          value={f.accountId}
          onChange={(e) => set({ accountId: e.target.value })}
          aria-invalid={!!errors.accountId || undefined}
          aria-describedby="reprotect-account-description"
        >
          <SelectOptions
            placeholder="Select an account"
            items={o.accounts}
            label={(a) => `${a.name} (${a.userName}${a.permission === "read-only" ? ", read-only" : ""})`}
          />
        </Select>
      </Field>

      <Field
        label="Datastore"
        htmlFor="reprotect-datastore"
        required
        error={errors.datastoreId}
        description={
          o.datastoresEmptyReason ??
          "Used for new disks only, when the on-premises VM was deleted and must be created again; ignored when its disks exist."
        }
      >
        <Select
          id="reprotect-datastore"
          value={f.datastoreId}
          onChange={(e) => set({ datastoreId: e.target.value })}
          aria-invalid={!!errors.datastoreId || undefined}
          aria-describedby="reprotect-datastore-description"
        >
          <SelectOptions
            placeholder={o.datastores.length ? "Select a datastore" : "No datastores"}
            items={o.datastores}
            label={(d) =>
              `${d.name} (${d.freeGb} GB free of ${d.capacityGb} GB)${mt && !d.reachableFromMasterTargetIds.includes(mt.id) ? ` — not reachable from ${mt.name}'s host` : ""}`
            }
          />
        </Select>
      </Field>

      <Field
        label="Retention drive"
        htmlFor="reprotect-retention"
        required
        error={errors.retentionVolumeId}
        description={
          !mt ? (
            "Choose a master target server first."
          ) : (
            <>
              {mt.retentionVolumesEmptyReason ? <span className="block">{mt.retentionVolumesEmptyReason}</span> : null}
              {mt.retentionVolumesLeftOut.length ? (
                <span className="block">Left out: {mt.retentionVolumesLeftOut.map((v) => `${v.name} (${v.reason})`).join("; ")}.</span>
              ) : (
                <span className="block">Only eligible volumes are listed.</span>
              )}
            </>
          )
        }
      >
        <Select
          id="reprotect-retention"
          value={f.retentionVolumeId}
          onChange={(e) => set({ retentionVolumeId: e.target.value })}
          aria-invalid={!!errors.retentionVolumeId || undefined}
          aria-describedby="reprotect-retention-description"
        >
          <SelectOptions
            placeholder={mt?.retentionVolumes.length ? "Select a retention drive" : "No eligible retention drive"}
            items={mt?.retentionVolumes ?? []}
            label={(v) => `${v.name} (${v.freeGb} GB free)`}
          />
        </Select>
      </Field>

      <Field
        label="Policy"
        htmlFor="reprotect-policy"
        description={
          o.failbackPolicy
            ? `Failback policy (not editable): RPO threshold ${o.failbackPolicy.rpoThresholdMinutes} minutes, recovery point retention ${o.failbackPolicy.retentionHours} hours, app-consistent snapshots every ${o.failbackPolicy.appConsistentFrequencyMinutes} minutes.`
            : "No failback policy is associated with this item's replication policy."
        }
      >
        <Input id="reprotect-policy" readOnly value={o.failbackPolicy?.name ?? "—"} aria-describedby="reprotect-policy-description" />
      </Field>

      <fieldset className="grid gap-2">
        <legend id="reprotect-location-label" className="font-semibold">
          Failback location
        </legend>
        <RadioGroup
          aria-labelledby="reprotect-location-label"
          value={f.location}
          onValueChange={(v) => set({ location: v as Form["location"] })}
        >
          <RadioItem
            id="reprotect-location-original"
            value="original"
            label="Original location"
            disabled={!o.location.originalAvailable}
            description={o.location.originalAvailable ? "Only the changes (delta) are sent to the original VM." : o.location.reason}
          />
          <RadioItem
            id="reprotect-location-alternate"
            value="alternate"
            label="Alternate location"
            description="A new VM on the master target's ESXi host, in the datastore you choose."
          />
        </RadioGroup>
        <p className="flex items-start gap-1 text-xs text-fg-muted">
          <Info aria-hidden className="mt-0.5 size-3.5 shrink-0" /> {o.location.reason}
        </p>
      </fieldset>

      <details className="rounded-sm border border-border-subtle p-3">
        <summary className="cursor-pointer font-semibold">Advanced</summary>
        <div className="mt-3 grid gap-3">
          <Field label="Display name" htmlFor="reprotect-display-name" error={errors["legacy.displayName"] ?? errors.legacy}>
            <Input
              id="reprotect-display-name"
              value={f.displayName}
              maxLength={80}
              onChange={(e) => set({ displayName: e.target.value })}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Cores" htmlFor="reprotect-cores" error={errors["legacy.cores"]}>
              <Input
                id="reprotect-cores"
                type="number"
                min={1}
                max={128}
                value={f.cores}
                onChange={(e) => set({ cores: e.target.value })}
              />
            </Field>
            <Field label="Memory (MB)" htmlFor="reprotect-memory" error={errors["legacy.memoryMb"]}>
              <Input
                id="reprotect-memory"
                type="number"
                min={512}
                step={512}
                value={f.memoryMb}
                onChange={(e) => set({ memoryMb: e.target.value })}
              />
            </Field>
          </div>
          {o.nics.map((n) => (
            <Field
              key={n.name}
              label={`Failback IP address of ${n.name}`}
              htmlFor={`reprotect-nic-${n.name}`}
              description={`On-premises: ${n.ipMode === "static" ? `static ${n.ip ?? ""}` : "DHCP"}. Leave empty to keep the setting Azure gave the VM.`}
              error={errors["legacy.nicIps"]}
            >
              <Input
                id={`reprotect-nic-${n.name}`}
                inputMode="decimal"
                placeholder={n.ip ?? "e.g. 10.0.1.50"}
                value={f.nicIps[n.name] ?? ""}
                onChange={(e) => set({ nicIps: { ...f.nicIps, [n.name]: e.target.value } })}
              />
            </Field>
          ))}
          <Field
            label="Folder name"
            htmlFor="reprotect-folder"
            description="When old VMDK files remain on the datastore, the new VM's disks go to this folder."
            error={errors["legacy.folderName"]}
          >
            <Input id="reprotect-folder" value={f.folderName} maxLength={80} onChange={(e) => set({ folderName: e.target.value })} />
          </Field>
        </div>
      </details>

      <div className="grid gap-2">
        <div>
          <Button type="button" onClick={runReadiness} disabled={checking}>
            {checking ? "Checking…" : "Readiness check"}
          </Button>
        </div>
        {readinessError ? <ErrorDetails error={errorFieldsOf(readinessError)} /> : null}
        {readiness ? <ReadinessResults readiness={readiness} /> : null}
      </div>
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

/** Re-protect, direction On-premises to Azure: only the (on-premises) process server. */
function ReprotectToAzureDialog(props: ItemDialogProps) {
  const { vaultId, data, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.items.reprotectToAzureOptions.queryOptions({ vaultId, itemId: data.item.id }), enabled: open });
  const [processServerId, setProcessServerId] = React.useState("");
  const { mutation: m, dialog } = useItemOperation(props, "Reprotect", (onSuccess) =>
    trpc.items.reprotectToAzure.mutationOptions({ onSuccess }),
  );
  const errors = fieldErrorsOf(m.error);
  const servers = options.data?.processServers ?? [];
  const chosen = processServerId || servers.find((p) => !p.disabledReason)?.id || "";
  return (
    <OperationDialog
      {...dialog}
      title="Re-protect"
      description={`${data.item.name}: replicate from on-premises to Microsoft Azure again.`}
      error={m.error ?? options.error}
      onSubmit={() => m.mutate({ vaultId, itemId: data.item.id, processServerId: chosen })}
    >
      <Field label="Direction" htmlFor="reprotect-azure-direction">
        <Input id="reprotect-azure-direction" readOnly value={options.data?.direction ?? "On-premises to Azure"} />
      </Field>
      <Field
        label="Process server"
        htmlFor="reprotect-azure-ps"
        required
        error={errors.processServerId}
        description={
          options.data && servers.length === 0
            ? "No on-premises process server is registered with the configuration server."
            : "The on-premises process server that sends replication data to Azure."
        }
      >
        <Select
          id="reprotect-azure-ps"
          value={chosen}
          onChange={(e) => setProcessServerId(e.target.value)}
          aria-invalid={!!errors.processServerId || undefined}
          aria-describedby="reprotect-azure-ps-description"
        >
          <SelectOptions
            placeholder="Select a process server"
            items={servers}
            disabled={(p) => !!p.disabledReason}
            label={(p) => `${p.name}${p.disabledReason ? ` — ${p.disabledReason}` : ""}`}
          />
        </Select>
      </Field>
    </OperationDialog>
  );
}
