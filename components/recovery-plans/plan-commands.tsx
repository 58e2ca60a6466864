"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  CheckSquare,
  FlaskConical,
  RefreshCw,
  Repeat,
  Trash2,
  Zap,
} from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { GatedButton } from "@/components/auth/role-gate";
import { PlanPreview } from "./plan-preview";
import { planFieldErrors, usePlanOperationDone } from "./use-plan-operation";

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
type Command =
  | "failover"
  | "commit"
  | "reprotect"
  | "test-failover"
  | "cleanup-test-failover";
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

/** Failback when the plan's items replicate to on-premises; failover to Azure otherwise. */
function defaultDirection(plan: PlanSummary): Direction {
  return plan.items.some(
    (i) =>
      i.replicationDirection === "to-on-premises" && i.state === "protected",
  )
    ? "to-on-premises"
    : "to-azure";
}

/** The commands of a recovery plan's page. */
export function PlanCommands({
  vaultId,
  plan,
}: {
  vaultId: string;
  plan: PlanSummary;
}) {
  const router = useRouter();
  const [open, setOpen] = React.useState<Command | null>(null);
  const busy = plan.currentJobId
    ? "Another operation is in progress on this recovery plan (see Jobs)."
    : null;
  const empty = plan.items.length
    ? null
    : "The recovery plan has no replicated items.";
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
      <GatedButton
        variant="command"
        operation="runPlan"
        vaultId={vaultId}
        disabledReason={reason}
        onClick={() => setOpen("failover")}
      >
        <Zap aria-hidden /> Failover
      </GatedButton>
      <GatedButton
        variant="command"
        operation="runPlan"
        vaultId={vaultId}
        disabledReason={reason}
        onClick={() => setOpen("commit")}
      >
        <CheckSquare aria-hidden /> Commit
      </GatedButton>
      <GatedButton
        variant="command"
        operation="runPlan"
        vaultId={vaultId}
        disabledReason={reason}
        onClick={() => setOpen("reprotect")}
      >
        <Repeat aria-hidden /> Re-protect
      </GatedButton>
      <GatedButton
        variant="command"
        operation="runPlan"
        vaultId={vaultId}
        disabledReason={reason}
        onClick={() => setOpen("test-failover")}
      >
        <FlaskConical aria-hidden /> Test failover
      </GatedButton>
      <GatedButton
        variant="command"
        operation="runPlan"
        vaultId={vaultId}
        disabledReason={reason}
        onClick={() => setOpen("cleanup-test-failover")}
      >
        <Trash2 aria-hidden /> Cleanup test failover
      </GatedButton>
      <Button variant="command" onClick={() => router.refresh()}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
      {plan.currentJobId ? (
        <Link
          href={`/vaults/${vaultId}/jobs/${plan.currentJobId}`}
          className="ml-2 text-accent hover:underline"
        >
          View the running job
        </Link>
      ) : null}
      {open === "failover" ? (
        <PlanFailoverDialog {...props("failover")} />
      ) : null}
      {open === "commit" ? (
        <PlanConfirmDialog {...props("commit")} command="commit" />
      ) : null}
      {open === "reprotect" ? (
        <PlanReprotectDialog {...props("reprotect")} />
      ) : null}
      {open === "test-failover" ? (
        <PlanTestFailoverDialog {...props("test-failover")} />
      ) : null}
      {open === "cleanup-test-failover" ? (
        <PlanConfirmDialog
          {...props("cleanup-test-failover")}
          command="cleanup-test-failover"
        />
      ) : null}
    </>
  );
}

function RecoveryPointChoice({
  value,
  onChange,
}: {
  value: Point;
  onChange: (p: Point) => void;
}) {
  return (
    <div className="grid gap-1">
      <span id="rp-point-label" className="font-semibold">
        Recovery point
      </span>
      <RadioGroup
        aria-labelledby="rp-point-label"
        value={value}
        onValueChange={(v) => onChange(v as Point)}
      >
        {POINTS.map((p) => (
          <RadioItem
            key={p.value}
            id={`rp-point-${p.value}`}
            value={p.value}
            label={p.label}
            description={p.description}
          />
        ))}
      </RadioGroup>
      {value === "latest-app-consistent" ? (
        <p className="text-xs text-danger">
          An app-consistent point is older than the latest data: some data may
          be lost.
        </p>
      ) : null}
    </div>
  );
}

function OkButton({ pending }: { pending: boolean }) {
  return (
    <Button type="submit" variant="primary" disabled={pending}>
      OK
    </Button>
  );
}

/** Failover of the plan: Direction, Recovery point, the preview per group, OK. */
function PlanFailoverDialog({
  vaultId,
  plan,
  open,
  onOpenChange,
}: DialogProps) {
  const trpc = useTRPC();
  const [direction, setDirection] = React.useState<Direction>(
    defaultDirection(plan),
  );
  const [point, setPoint] = React.useState<Point>("latest-processed");
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(
    trpc.plans.failover.mutationOptions({
      onSuccess: (r) => done("Recovery plan failover", r),
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title={direction === "to-on-premises" ? "Confirm failover" : "Failover"}
      description={`Recovery plan ${plan.name}: the items fail over group by group.`}
      onSubmit={() =>
        m.mutate({ vaultId, planId: plan.id, direction, recoveryPoint: point })
      }
      actions={<OkButton pending={m.isPending} />}
    >
      {m.error ? <ErrorDetails error={errorFieldsOf(m.error)} /> : null}
      <Field label="Direction" htmlFor="rp-direction">
        <Select
          id="rp-direction"
          value={direction}
          onChange={(e) => setDirection(e.target.value as Direction)}
        >
          <option value="to-azure">{DIRECTION_TEXT["to-azure"]}</option>
          <option value="to-on-premises">
            {DIRECTION_TEXT["to-on-premises"]}
          </option>
        </Select>
      </Field>
      <RecoveryPointChoice value={point} onChange={setPoint} />
      {direction === "to-on-premises" ? (
        <p className="text-xs text-fg-muted">
          The Azure virtual machines are shut down before the on-premises
          machines start.
        </p>
      ) : null}
      <PlanPreview
        input={{ vaultId, planId: plan.id, operation: "failover", direction }}
        enabled={open}
      />
    </FormDialog>
  );
}

/** Commit or Cleanup test failover: the preview and OK. */
function PlanConfirmDialog({
  vaultId,
  plan,
  open,
  onOpenChange,
  command,
}: DialogProps & { command: "commit" | "cleanup-test-failover" }) {
  const trpc = useTRPC();
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  const commit = useMutation(
    trpc.plans.commit.mutationOptions({
      onSuccess: (r) => done("Recovery plan commit", r),
    }),
  );
  const cleanup = useMutation(
    trpc.plans.cleanupTestFailover.mutationOptions({
      onSuccess: (r) => done("Recovery plan test failover cleanup", r),
    }),
  );
  const m = command === "commit" ? commit : cleanup;
  const title = command === "commit" ? "Commit" : "Cleanup test failover";
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title={title}
      description={
        command === "commit"
          ? `Recovery plan ${plan.name}: fixes the recovery point of every item. After a failback it deletes the Azure virtual machines.`
          : `Recovery plan ${plan.name}: deletes the test virtual machines.`
      }
      onSubmit={() =>
        command === "commit"
          ? commit.mutate({ vaultId, planId: plan.id })
          : cleanup.mutate({ vaultId, planId: plan.id })
      }
      actions={<OkButton pending={m.isPending} />}
    >
      {m.error ? <ErrorDetails error={errorFieldsOf(m.error)} /> : null}
      <PlanPreview
        input={{
          vaultId,
          planId: plan.id,
          operation: command,
          direction: "to-azure",
        }}
        enabled={open}
      />
    </FormDialog>
  );
}

/** Test failover of the plan: Azure network, Recovery point, preview, OK. */
function PlanTestFailoverDialog({
  vaultId,
  plan,
  open,
  onOpenChange,
}: DialogProps) {
  const trpc = useTRPC();
  const options = useQuery({
    ...trpc.items.replicateOptions.queryOptions({ vaultId }),
    enabled: open,
  });
  const [networkId, setNetworkId] = React.useState("");
  const [point, setPoint] = React.useState<Point>("latest-processed");
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(
    trpc.plans.testFailover.mutationOptions({
      onSuccess: (r) => done("Recovery plan test failover", r),
    }),
  );
  const errors = planFieldErrors(m.error);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title="Test failover"
      description={`Recovery plan ${plan.name}: test virtual machines in an Azure network; replication continues.`}
      onSubmit={() =>
        m.mutate({ vaultId, planId: plan.id, networkId, recoveryPoint: point })
      }
      actions={<OkButton pending={m.isPending} />}
    >
      {m.error && !Object.keys(errors).length ? (
        <ErrorDetails error={errorFieldsOf(m.error)} />
      ) : null}
      <Field
        label="Azure network"
        htmlFor="rp-network"
        required
        error={errors.networkId}
      >
        <Select
          id="rp-network"
          value={networkId}
          onChange={(e) => setNetworkId(e.target.value)}
        >
          <SelectOptions
            placeholder="Choose an Azure network"
            items={options.data?.networks ?? []}
          />
        </Select>
      </Field>
      <RecoveryPointChoice value={point} onChange={setPoint} />
      <PlanPreview
        input={{
          vaultId,
          planId: plan.id,
          operation: "test-failover",
          direction: "to-azure",
        }}
        enabled={open}
      />
    </FormDialog>
  );
}

/** Re-protect of the plan: the values are asked once and applied to every machine. */
function PlanReprotectDialog(props: DialogProps) {
  const toOnPremises =
    props.plan.items.length > 0 &&
    props.plan.items.every((i) => i.activeLocation === "azure");
  return toOnPremises ? (
    <ReprotectToOnPremises {...props} />
  ) : (
    <ReprotectToAzure {...props} />
  );
}

function ReprotectToOnPremises({
  vaultId,
  plan,
  open,
  onOpenChange,
}: DialogProps) {
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
    retentionVolumeId:
      form.retentionVolumeId ?? o?.defaults.retentionVolumeId ?? "",
  };
  const mt = o?.masterTargets.find((x) => x.id === v.masterTargetId);
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(
    trpc.plans.reprotect.mutationOptions({
      onSuccess: (r) => done("Recovery plan reprotect", r),
    }),
  );
  const errors = planFieldErrors(m.error);
  const set =
    (k: keyof typeof v) => (e: React.ChangeEvent<HTMLSelectElement>) =>
      setForm((f) => ({
        ...f,
        [k]: e.target.value,
        ...(k === "masterTargetId"
          ? {
              retentionVolumeId:
                o?.masterTargets.find((x) => x.id === e.target.value)
                  ?.retentionVolumes[0]?.id ?? "",
            }
          : {}),
      }));
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
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
      actions={<OkButton pending={m.isPending || !o} />}
    >
      {m.error && !Object.keys(errors).length ? (
        <ErrorDetails error={errorFieldsOf(m.error)} />
      ) : null}
      {options.error ? (
        <ErrorDetails error={errorFieldsOf(options.error)} />
      ) : null}
      <Field label="Direction" htmlFor="rp-rp-direction">
        <Input id="rp-rp-direction" readOnly value="Azure to On-premises" />
      </Field>
      {!o ? (
        options.error ? null : (
          <p className="text-fg-muted">Loading the options…</p>
        )
      ) : (
        <>
          <Field
            label="Process server"
            htmlFor="rp-ps"
            required
            error={errors.processServerId}
            description={o.processServersEmptyReason}
          >
            <Select
              id="rp-ps"
              value={v.processServerId}
              onChange={set("processServerId")}
            >
              <SelectOptions
                placeholder="Choose a process server"
                items={o.processServers}
                disabled={(p) => !!p.disabledReason}
                label={(p) =>
                  p.disabledReason ? `${p.name} (${p.disabledReason})` : p.name
                }
              />
            </Select>
          </Field>
          <Field
            label="Master target server"
            htmlFor="rp-mt"
            required
            error={errors.masterTargetId}
            description={
              o.masterTargetsEmptyReason ??
              "One master target for every machine of the plan (replication groups need it)."
            }
          >
            <Select
              id="rp-mt"
              value={v.masterTargetId}
              onChange={set("masterTargetId")}
            >
              <SelectOptions
                placeholder="Choose a master target server"
                items={o.masterTargets}
              />
            </Select>
          </Field>
          <Field
            label="Account"
            htmlFor="rp-account"
            required
            error={errors.accountId}
          >
            <Select
              id="rp-account"
              value={v.accountId}
              onChange={set("accountId")}
            >
              <SelectOptions
                placeholder="Choose an account"
                items={o.accounts}
              />
            </Select>
          </Field>
          <Field
            label="Datastore"
            htmlFor="rp-datastore"
            required
            error={errors.datastoreId}
            description={o.datastoresEmptyReason}
          >
            <Select
              id="rp-datastore"
              value={v.datastoreId}
              onChange={set("datastoreId")}
            >
              <SelectOptions
                placeholder="Choose a datastore"
                items={o.datastores}
                label={(d) => `${d.name} (${d.freeGb} GB free)`}
              />
            </Select>
          </Field>
          <Field
            label="Retention drive"
            htmlFor="rp-retention"
            required
            error={errors.retentionVolumeId}
            description={mt?.retentionVolumesEmptyReason}
          >
            <Select
              id="rp-retention"
              value={v.retentionVolumeId}
              onChange={set("retentionVolumeId")}
            >
              <SelectOptions
                placeholder="Choose a retention drive"
                items={mt?.retentionVolumes ?? []}
              />
            </Select>
          </Field>
          <Field label="Policy" htmlFor="rp-policy">
            <Input
              id="rp-policy"
              readOnly
              value={o.failbackPolicy?.name ?? "The failback policy"}
            />
          </Field>
        </>
      )}
      <PlanPreview
        input={{
          vaultId,
          planId: plan.id,
          operation: "reprotect",
          direction: "to-on-premises",
        }}
        enabled={open}
      />
    </FormDialog>
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
  const [processServerId, setProcessServerId] = React.useState<string | null>(
    null,
  );
  const ps =
    processServerId ??
    options.data?.processServers.find((p) => !p.disabledReason)?.id ??
    "";
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  const m = useMutation(
    trpc.plans.reprotect.mutationOptions({
      onSuccess: (r) => done("Recovery plan reprotect", r),
    }),
  );
  const errors = planFieldErrors(m.error);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
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
      actions={<OkButton pending={m.isPending} />}
    >
      {m.error && !Object.keys(errors).length ? (
        <ErrorDetails error={errorFieldsOf(m.error)} />
      ) : null}
      <Field label="Direction" htmlFor="rp-rp-direction">
        <Input id="rp-rp-direction" readOnly value="On-premises to Azure" />
      </Field>
      <Field
        label="Process server"
        htmlFor="rp-ps"
        required
        error={errors.processServerId}
      >
        <Select
          id="rp-ps"
          value={ps}
          onChange={(e) => setProcessServerId(e.target.value)}
        >
          <SelectOptions
            placeholder="Choose a process server"
            items={options.data?.processServers ?? []}
            disabled={(p) => !!p.disabledReason}
          />
        </Select>
      </Field>
      <PlanPreview
        input={{
          vaultId,
          planId: plan.id,
          operation: "reprotect",
          direction: "to-azure",
        }}
        enabled={open}
      />
    </FormDialog>
  );
}
