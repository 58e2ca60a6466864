"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { CheckSquare, FlaskConical, RefreshCw, Repeat, Trash2, Zap, type LucideIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { GatedButton } from "@/components/auth/role-gate";
import { PlanPreview } from "./plan-preview";
import { planFieldErrors, usePlanMutation } from "./use-plan-operation";

type PlanItem = {
  id: string;
  name: string;
  state: string;
  activeLocation: string;
  replicationDirection: string;
};
export type PlanSummary = {
  id: string;
  name: string;
  currentJobId: string | null;
  items: PlanItem[];
};
type Direction = "to-azure" | "to-on-premises";
type Command = "failover" | "commit" | "reprotect" | "test-failover" | "cleanup-test-failover";
type DialogProps = {
  vaultId: string;
  plan: PlanSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

const DIRECTION_TEXT: Record<Direction, string> = {
  "to-azure": "From on-premises to Microsoft Azure",
  "to-on-premises": "From Microsoft Azure to on-premises",
};
const POINTS = [
  {
    value: "latest",
    label: "Latest",
    description: "Processes all pending data first: lowest RPO, slower.",
  },
  {
    value: "latest-processed",
    label: "Latest processed",
    description: "The latest processed point of each item: lowest RTO.",
  },
  {
    value: "latest-app-consistent",
    label: "Latest app-consistent",
    description: "Older than the latest data: some data may be lost.",
  },
] as const;
type Point = (typeof POINTS)[number]["value"];

/** The command buttons, in the order the blade shows them. */
const COMMANDS: { command: Command; label: string; Icon: LucideIcon }[] = [
  { command: "failover", label: "Failover", Icon: Zap },
  { command: "commit", label: "Commit", Icon: CheckSquare },
  { command: "reprotect", label: "Re-protect", Icon: Repeat },
  { command: "test-failover", label: "Test failover", Icon: FlaskConical },
  {
    command: "cleanup-test-failover",
    label: "Cleanup test failover",
    Icon: Trash2,
  },
];

/** Failback when the plan's items replicate to on-premises; failover to Azure otherwise. */
function defaultDirection(plan: PlanSummary): Direction {
  return plan.items.some((i) => i.replicationDirection === "to-on-premises" && i.state === "protected") ? "to-on-premises" : "to-azure";
}

/** The commands of a recovery plan's page. */
export function PlanCommands({ vaultId, plan }: { vaultId: string; plan: PlanSummary }) {
  const router = useRouter();
  const [open, setOpen] = React.useState<Command | null>(null);
  const busy = plan.currentJobId ? "Another operation is in progress on this recovery plan (see Jobs)." : null;
  const empty = plan.items.length ? null : "The recovery plan has no replicated items.";
  const reason = busy ?? empty;
  const close = (o: boolean) => !o && setOpen(null);
  const props = (c: Command) => ({
    vaultId,
    plan,
    open: open === c,
    onOpenChange: close,
  });
  return (
    <>
      {COMMANDS.map(({ command, label, Icon }) => (
        <GatedButton
          key={command}
          variant="command"
          operation="runPlan"
          vaultId={vaultId}
          disabledReason={reason}
          onClick={() => setOpen(command)}
        >
          <Icon aria-hidden /> {label}
        </GatedButton>
      ))}
      <Button variant="command" onClick={() => router.refresh()}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
      {plan.currentJobId ? (
        <Link href={`/vaults/${vaultId}/jobs/${plan.currentJobId}`} className="ml-2 text-accent hover:underline">
          View the running job
        </Link>
      ) : null}
      {open === "failover" ? <PlanFailoverDialog {...props("failover")} /> : null}
      {open === "commit" ? <PlanConfirmDialog {...props("commit")} command="commit" /> : null}
      {open === "reprotect" ? <PlanReprotectDialog {...props("reprotect")} /> : null}
      {open === "test-failover" ? <PlanTestFailoverDialog {...props("test-failover")} /> : null}
      {open === "cleanup-test-failover" ? <PlanConfirmDialog {...props("cleanup-test-failover")} command="cleanup-test-failover" /> : null}
    </>
  );
}

function RecoveryPointChoice({ value, onChange }: { value: Point; onChange: (p: Point) => void }) {
  return (
    <div className="grid gap-1">
      <span id="rp-point-label" className="font-semibold">
        Recovery point
      </span>
      <RadioGroup aria-labelledby="rp-point-label" value={value} onValueChange={(v) => onChange(v as Point)}>
        {POINTS.map((p) => (
          <RadioItem key={p.value} id={`rp-point-${p.value}`} value={p.value} label={p.label} description={p.description} />
        ))}
      </RadioGroup>
      {value === "latest-app-consistent" ? (
        <p className="text-xs text-danger">An app-consistent point is older than the latest data: some data may be lost.</p>
      ) : null}
    </div>
  );
}

type PreviewInput = React.ComponentProps<typeof PlanPreview>["input"];

/**
 * The shell every plan command shares: a side panel with the refusal banner (if any), the
 * command's fields, the preview of `operation` in `direction`, and OK.
 */
function PlanDialog({
  vaultId,
  plan,
  open,
  onOpenChange,
  title,
  description,
  onSubmit,
  pending,
  error,
  operation,
  direction,
  children,
}: DialogProps & {
  title: string;
  description: string;
  onSubmit: () => void;
  pending: boolean;
  /** Shown as a banner; null when there is none (or it goes under the fields). */
  error: unknown;
  operation: PreviewInput["operation"];
  direction: PreviewInput["direction"];
  children?: React.ReactNode;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title={title}
      description={description}
      onSubmit={onSubmit}
      actions={
        <Button type="submit" variant="primary" disabled={pending}>
          OK
        </Button>
      }
    >
      {error ? <ErrorDetails error={errorFieldsOf(error)} /> : null}
      {children}
      <PlanPreview input={{ vaultId, planId: plan.id, operation, direction }} enabled={open} />
    </FormDialog>
  );
}

/** A required field whose value is chosen from `items` (placeholder first). */
function ChoiceField<T extends { id: string; name?: string }>({
  label,
  id,
  error,
  description,
  value,
  onChange,
  placeholder,
  items,
  disabled,
  itemLabel,
}: {
  label: string;
  id: string;
  error?: string[];
  description?: React.ReactNode;
  value: string;
  onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void;
  placeholder: string;
  items: readonly T[];
  disabled?: (item: T) => boolean;
  itemLabel?: (item: T) => string;
}) {
  return (
    <Field label={label} htmlFor={id} required error={error} description={description}>
      <Select id={id} value={value} onChange={onChange}>
        <SelectOptions placeholder={placeholder} items={items} disabled={disabled} label={itemLabel} />
      </Select>
    </Field>
  );
}

/** The banner of a refusal none of whose messages goes under a field. */
function bannerError(error: unknown, errors: Record<string, string[]>): unknown {
  return error && !Object.keys(errors).length ? error : null;
}

/** Failover of the plan: Direction, Recovery point, the preview per group, OK. */
function PlanFailoverDialog({ vaultId, plan, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const [direction, setDirection] = React.useState<Direction>(defaultDirection(plan));
  const [point, setPoint] = React.useState<Point>("latest-processed");
  const m = usePlanMutation(vaultId, onOpenChange, "Recovery plan failover", (onSuccess) =>
    trpc.plans.failover.mutationOptions({ onSuccess }),
  );
  return (
    <PlanDialog
      {...{ vaultId, plan, open, onOpenChange }}
      title={direction === "to-on-premises" ? "Confirm failover" : "Failover"}
      description={`Recovery plan ${plan.name}: the items fail over group by group.`}
      onSubmit={() => m.mutate({ vaultId, planId: plan.id, direction, recoveryPoint: point })}
      pending={m.isPending}
      error={m.error}
      operation="failover"
      direction={direction}
    >
      <Field label="Direction" htmlFor="rp-direction">
        <Select id="rp-direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
          <option value="to-azure">{DIRECTION_TEXT["to-azure"]}</option>
          <option value="to-on-premises">{DIRECTION_TEXT["to-on-premises"]}</option>
        </Select>
      </Field>
      <RecoveryPointChoice value={point} onChange={setPoint} />
      {direction === "to-on-premises" ? (
        <p className="text-xs text-fg-muted">The Azure virtual machines are shut down before the on-premises machines start.</p>
      ) : null}
    </PlanDialog>
  );
}

/** Commit or Cleanup test failover: the preview and OK. */
function PlanConfirmDialog({ vaultId, plan, open, onOpenChange, command }: DialogProps & { command: "commit" | "cleanup-test-failover" }) {
  const trpc = useTRPC();
  const commit = usePlanMutation(vaultId, onOpenChange, "Recovery plan commit", (onSuccess) =>
    trpc.plans.commit.mutationOptions({ onSuccess }),
  );
  const cleanup = usePlanMutation(vaultId, onOpenChange, "Recovery plan test failover cleanup", (onSuccess) =>
    trpc.plans.cleanupTestFailover.mutationOptions({ onSuccess }),
  );
  const m = command === "commit" ? commit : cleanup;
  const title = command === "commit" ? "Commit" : "Cleanup test failover";
  return (
    <PlanDialog
      {...{ vaultId, plan, open, onOpenChange }}
      title={title}
      description={
        command === "commit"
          ? `Recovery plan ${plan.name}: fixes the recovery point of every item. After a failback it deletes the Azure virtual machines.`
          : `Recovery plan ${plan.name}: deletes the test virtual machines.`
      }
      onSubmit={() => (command === "commit" ? commit.mutate({ vaultId, planId: plan.id }) : cleanup.mutate({ vaultId, planId: plan.id }))}
      pending={m.isPending}
      error={m.error}
      operation={command}
      direction="to-azure"
    />
  );
}

/** Test failover of the plan: Azure network, Recovery point, preview, OK. */
function PlanTestFailoverDialog({ vaultId, plan, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const options = useQuery({
    ...trpc.items.replicateOptions.queryOptions({ vaultId }),
    enabled: open,
  });
  const [networkId, setNetworkId] = React.useState("");
  const [point, setPoint] = React.useState<Point>("latest-processed");
  const m = usePlanMutation(vaultId, onOpenChange, "Recovery plan test failover", (onSuccess) =>
    trpc.plans.testFailover.mutationOptions({ onSuccess }),
  );
  const errors = planFieldErrors(m.error);
  return (
    <PlanDialog
      {...{ vaultId, plan, open, onOpenChange }}
      title="Test failover"
      description={`Recovery plan ${plan.name}: test virtual machines in an Azure network; replication continues.`}
      onSubmit={() => m.mutate({ vaultId, planId: plan.id, networkId, recoveryPoint: point })}
      pending={m.isPending}
      error={bannerError(m.error, errors)}
      operation="test-failover"
      direction="to-azure"
    >
      <ChoiceField
        label="Azure network"
        id="rp-network"
        error={errors.networkId}
        value={networkId}
        onChange={(e) => setNetworkId(e.target.value)}
        placeholder="Choose an Azure network"
        items={options.data?.networks ?? []}
      />
      <RecoveryPointChoice value={point} onChange={setPoint} />
    </PlanDialog>
  );
}

/** Re-protect of the plan: the values are asked once and applied to every machine. */
function PlanReprotectDialog(props: DialogProps) {
  const toOnPremises = props.plan.items.length > 0 && props.plan.items.every((i) => i.activeLocation === "azure");
  return toOnPremises ? <ReprotectToOnPremises {...props} /> : <ReprotectToAzure {...props} />;
}

function ReprotectToOnPremises({ vaultId, plan, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const first = plan.items[0]!;
  const options = useQuery({
    ...trpc.items.reprotectOptions.queryOptions({ vaultId, itemId: first.id }),
    enabled: open,
  });
  const o = options.data;
  const [form, setForm] = React.useState<{
    processServerId?: string;
    masterTargetId?: string;
    accountId?: string;
    datastoreId?: string;
    retentionVolumeId?: string;
  }>({});
  const v = {
    processServerId: form.processServerId ?? o?.defaults.processServerId ?? "",
    masterTargetId: form.masterTargetId ?? o?.defaults.masterTargetId ?? "",
    accountId: form.accountId ?? o?.defaults.accountId ?? "",
    datastoreId: form.datastoreId ?? o?.defaults.datastoreId ?? "",
    retentionVolumeId: form.retentionVolumeId ?? o?.defaults.retentionVolumeId ?? "",
  };
  const mt = o?.masterTargets.find((x) => x.id === v.masterTargetId);
  const m = usePlanMutation(vaultId, onOpenChange, "Recovery plan reprotect", (onSuccess) =>
    trpc.plans.reprotect.mutationOptions({ onSuccess }),
  );
  const errors = planFieldErrors(m.error);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    setForm((f) => ({
      ...f,
      [k]: e.target.value,
      ...(k === "masterTargetId"
        ? {
            retentionVolumeId: o?.masterTargets.find((x) => x.id === e.target.value)?.retentionVolumes[0]?.id ?? "",
          }
        : {}),
    }));
  return (
    <PlanDialog
      {...{ vaultId, plan, open, onOpenChange }}
      title="Re-protect"
      description={`Recovery plan ${plan.name}: replicate every machine from Microsoft Azure back to on-premises, with the same values.`}
      onSubmit={() =>
        m.mutate({
          vaultId,
          planId: plan.id,
          direction: "to-on-premises",
          ...v,
        })
      }
      pending={m.isPending || !o}
      error={bannerError(m.error, errors)}
      operation="reprotect"
      direction="to-on-premises"
    >
      {options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      <Field label="Direction" htmlFor="rp-rp-direction">
        <Input id="rp-rp-direction" readOnly value="Azure to On-premises" />
      </Field>
      {!o ? (
        options.error ? null : (
          <p className="text-fg-muted">Loading the options…</p>
        )
      ) : (
        <>
          <ChoiceField
            label="Process server"
            id="rp-ps"
            error={errors.processServerId}
            description={o.processServersEmptyReason}
            value={v.processServerId}
            onChange={set("processServerId")}
            placeholder="Choose a process server"
            items={o.processServers}
            disabled={(p) => !!p.disabledReason}
            itemLabel={(p) => (p.disabledReason ? `${p.name} (${p.disabledReason})` : p.name)}
          />
          <ChoiceField
            label="Master target server"
            id="rp-mt"
            error={errors.masterTargetId}
            description={o.masterTargetsEmptyReason ?? "One master target for every machine of the plan (replication groups need it)."}
            value={v.masterTargetId}
            onChange={set("masterTargetId")}
            placeholder="Choose a master target server"
            items={o.masterTargets}
          />
          <ChoiceField
            label="Account"
            id="rp-account"
            error={errors.accountId}
            value={v.accountId}
            onChange={set("accountId")}
            placeholder="Choose an account"
            items={o.accounts}
          />
          <ChoiceField
            label="Datastore"
            id="rp-datastore"
            error={errors.datastoreId}
            description={o.datastoresEmptyReason}
            value={v.datastoreId}
            onChange={set("datastoreId")}
            placeholder="Choose a datastore"
            items={o.datastores}
            itemLabel={(d) => `${d.name} (${d.freeGb} GB free)`}
          />
          <ChoiceField
            label="Retention drive"
            id="rp-retention"
            error={errors.retentionVolumeId}
            description={mt?.retentionVolumesEmptyReason}
            value={v.retentionVolumeId}
            onChange={set("retentionVolumeId")}
            placeholder="Choose a retention drive"
            items={mt?.retentionVolumes ?? []}
          />
          <Field label="Policy" htmlFor="rp-policy">
            <Input id="rp-policy" readOnly value={o.failbackPolicy?.name ?? "The failback policy"} />
          </Field>
        </>
      )}
    </PlanDialog>
  );
}

function ReprotectToAzure({ vaultId, plan, open, onOpenChange }: DialogProps) {
  const trpc = useTRPC();
  const first = plan.items[0];
  const options = useQuery({
    ...trpc.items.reprotectToAzureOptions.queryOptions({
      vaultId,
      itemId: first?.id ?? "",
    }),
    enabled: open && !!first,
  });
  const [processServerId, setProcessServerId] = React.useState<string | null>(null);
  const ps = processServerId ?? options.data?.processServers.find((p) => !p.disabledReason)?.id ?? "";
  const m = usePlanMutation(vaultId, onOpenChange, "Recovery plan reprotect", (onSuccess) =>
    trpc.plans.reprotect.mutationOptions({ onSuccess }),
  );
  const errors = planFieldErrors(m.error);
  return (
    <PlanDialog
      {...{ vaultId, plan, open, onOpenChange }}
      title="Re-protect"
      description={`Recovery plan ${plan.name}: protect every machine to Microsoft Azure again.`}
      onSubmit={() =>
        m.mutate({
          vaultId,
          planId: plan.id,
          direction: "to-azure",
          processServerId: ps,
        })
      }
      pending={m.isPending}
      error={bannerError(m.error, errors)}
      operation="reprotect"
      direction="to-azure"
    >
      <Field label="Direction" htmlFor="rp-rp-direction">
        <Input id="rp-rp-direction" readOnly value="On-premises to Azure" />
      </Field>
      <ChoiceField
        label="Process server"
        id="rp-ps"
        error={errors.processServerId}
        value={ps}
        onChange={(e) => setProcessServerId(e.target.value)}
        placeholder="Choose a process server"
        items={options.data?.processServers ?? []}
        disabled={(p) => !!p.disabledReason}
      />
    </PlanDialog>
  );
}
