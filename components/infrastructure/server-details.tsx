"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { KeyRound, Trash2 } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { touchesInfrastructure, useRefetchOnChange } from "@/lib/vault-changes";
import { GatedButton } from "@/components/auth/role-gate";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { StatusBadge, type StatusTone } from "@/components/ui/badge";
import { SimpleTable, linkColumn } from "@/components/ui/simple-table";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { ITEM_STATE_LABEL, JOB_STATUS_LABEL, PROCESS_SERVER_STATUS_LABEL, PROCESS_SERVER_STATUS_TONE, formatTime } from "@/lib/labels";
import { useOperationDone } from "@/lib/use-operation-done";
import dynamic from "next/dynamic";

/** Loaded when it first opens: the form and its schemas stay out of the blade's first load. */
const RegisterProcessServerDialog = dynamic(() => import("./register-process-server-dialog").then((m) => m.RegisterProcessServerDialog));

type Level = "normal" | "warning" | "critical";
type Load = Record<"cpu" | "memory" | "freeCache", { percent: number; level: Level }>;
const TONE: Record<Level, StatusTone> = { normal: "success", warning: "warning", critical: "danger" };
const LEVEL: Record<Level, string> = { normal: "Normal", warning: "Warning", critical: "Critical" };

function LoadValues({ load }: { load: Load }) {
  const rows = [
    ["cpu", "CPU utilization", "warning above 80 %, critical above 95 %"],
    ["memory", "Memory usage", "warning above 80 %, critical above 95 %"],
    ["freeCache", "Free cache space", "warning under 30 %, critical under 25 %"],
  ] as const;
  return rows.map(([key, label, rule]) => (
    <LabelledValue key={key} id={`load-${key}`} label={label}>
      {`${load[key].percent} % `}
      <StatusBadge tone={TONE[load[key].level]}>{LEVEL[load[key].level]}</StatusBadge> <span className="text-fg-muted">({rule})</span>
    </LabelledValue>
  ));
}

function ItemsUsing({ vaultId, items }: { vaultId: string; items: { id: string; name: string; state: keyof typeof ITEM_STATE_LABEL }[] }) {
  return (
    <Section title="Replicated items using it">
      <SimpleTable
        label="Replicated items using it"
        rows={items}
        empty="No replicated item uses it."
        columns={[
          linkColumn((i) => `/vaults/${vaultId}/replicated-items/${i.id}`),
          { header: "Status", cell: (i) => ITEM_STATE_LABEL[i.state] },
        ]}
      />
    </Section>
  );
}

function DeleteCommand({
  vaultId,
  kind,
  serverId,
  blockedReason,
  back,
}: {
  vaultId: string;
  kind: "process-server" | "master-target";
  serverId: string;
  blockedReason: string | null;
  back: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = useOperationDone(vaultId, () => router.push(back), "infrastructure");
  const m = useMutation(trpc.infrastructure.deleteServer.mutationOptions({ onSuccess: (r) => done(`${r.deleted} deleted`, {}) }));
  return (
    <>
      <GatedButton
        variant="command"
        operation="manageInfrastructure"
        vaultId={vaultId}
        disabledReason={blockedReason}
        disabled={m.isPending}
        onClick={() => m.mutate({ vaultId, kind, serverId })}
      >
        <Trash2 aria-hidden /> Delete
      </GatedButton>
      {m.error ? <ErrorDetails error={errorFieldsOf(m.error)} /> : null}
    </>
  );
}

export function ProcessServerDetails({ vaultId, serverId }: { vaultId: string; serverId: string }) {
  const trpc = useTRPC();
  const [registering, setRegistering] = React.useState(false);
  // No polling: refetched when the vault's change feed names a change it may show.
  const { data, error, refetch } = useQuery(trpc.infrastructure.processServers.get.queryOptions({ vaultId, serverId }));
  useRefetchOnChange(touchesInfrastructure, refetch, 1_000);
  if (error || !data) return <QueryFallback error={error} />;
  const cs = `/vaults/${vaultId}/configuration-servers/${data.configurationServer.id}`;
  return (
    <>
      <BladeHeader
        title={data.name}
        subtitle="Process server"
        commands={
          <>
            <GatedButton
              variant="command"
              operation="manageInfrastructure"
              vaultId={vaultId}
              disabledReason={data.registerBlockedReason}
              onClick={() => setRegistering(true)}
            >
              <KeyRound aria-hidden /> Register
            </GatedButton>
            <DeleteCommand vaultId={vaultId} kind="process-server" serverId={data.id} blockedReason={data.deleteBlockedReason} back={cs} />
          </>
        }
      />
      <dl className="mb-4">
        <LabelledValue id="ps-cs" label="Configuration server">
          <Link href={cs} className="text-accent hover:underline">
            {data.configurationServer.name}
          </Link>
        </LabelledValue>
        <LabelledValue id="ps-location" label="Location">
          {data.location === "azure" ? "Azure" : "On-premises"}
        </LabelledValue>
        <LabelledValue id="ps-ip" label="IP address">
          {data.ip}
        </LabelledValue>
        <LabelledValue id="ps-ports" label="Ports">
          {`${data.httpsPort} / data ${data.dataPort}`}
        </LabelledValue>
        <LabelledValue id="ps-status" label="Registration">
          <StatusBadge tone={PROCESS_SERVER_STATUS_TONE[data.status]}>{PROCESS_SERVER_STATUS_LABEL[data.status]}</StatusBadge>
          {data.status === "deployed" ? (
            <span className="ml-2">Register it with the configuration server before choosing it for re-protect or failback.</span>
          ) : null}
        </LabelledValue>
        <LabelledValue id="ps-heartbeat" label="Last heartbeat">
          {`${formatTime(data.lastHeartbeatAt)}${data.heartbeatOk ? "" : " (lost)"}`}
        </LabelledValue>
        <LoadValues load={data.load} />
      </dl>
      {data.lastRegistration ? (
        <Section title="Last registration">
          <p className="mb-2">
            <Link href={`/vaults/${vaultId}/jobs/${data.lastRegistration.jobId}`} className="text-accent hover:underline">
              Register process server
            </Link>
            {" job: "}
            {JOB_STATUS_LABEL[data.lastRegistration.status]}
          </p>
          {data.lastRegistration.error ? <ErrorDetails error={data.lastRegistration.error} title="The last registration failed" /> : null}
        </Section>
      ) : null}
      <ItemsUsing vaultId={vaultId} items={data.items} />
      {/* Mounted while open: the passphrase typed once is gone when the dialog closes. */}
      {registering ? (
        <RegisterProcessServerDialog
          vaultId={vaultId}
          open
          onOpenChange={setRegistering}
          processServer={data}
          configurationServerName={data.configurationServer.name}
        />
      ) : null}
    </>
  );
}

export function MasterTargetDetails({ vaultId, serverId }: { vaultId: string; serverId: string }) {
  const trpc = useTRPC();
  // No polling: refetched when the vault's change feed names a change it may show.
  const { data, error, refetch } = useQuery(trpc.infrastructure.masterTargets.get.queryOptions({ vaultId, serverId }));
  useRefetchOnChange(touchesInfrastructure, refetch, 1_000);
  if (error || !data) return <QueryFallback error={error} />;
  const cs = `/vaults/${vaultId}/configuration-servers/${data.configurationServer.id}`;
  return (
    <>
      <BladeHeader
        title={data.name}
        subtitle="Master target server"
        commands={
          <DeleteCommand vaultId={vaultId} kind="master-target" serverId={data.id} blockedReason={data.deleteBlockedReason} back={cs} />
        }
      />
      <dl className="mb-4">
        <LabelledValue id="mt-cs" label="Configuration server">
          <Link href={cs} className="text-accent hover:underline">
            {data.configurationServer.name}
          </Link>
        </LabelledValue>
        <LabelledValue id="mt-os" label="Operating system">
          {data.osName}
        </LabelledValue>
        <LabelledValue id="mt-ip" label="IP address">
          {data.ip ?? "—"}
        </LabelledValue>
        <LabelledValue id="mt-heartbeat" label="Last heartbeat">
          {formatTime(data.lastHeartbeatAt)}
        </LabelledValue>
        <LabelledValue id="mt-retention" label="Retention volumes">
          {data.retentionVolumes.map((v) => `${v.name} (${v.freeGb} GB free of ${v.capacityGb} GB)`).join(", ") || "—"}
        </LabelledValue>
        <LoadValues load={data.load} />
      </dl>
      <Section title="Checks">
        <p className="mb-1 text-fg-muted">{`Read ${formatTime(data.checkedAt)}; Refresh on the configuration server reads them again.`}</p>
        <ul aria-label={`Checks of ${data.name}`} className="grid gap-1">
          {data.checks.map((c) => (
            <li key={c.key}>
              <StatusBadge tone={c.passed ? "success" : "danger"}>{`${c.passed ? "Passed" : "Failed"}: ${c.label}`}</StatusBadge>
              {c.fix ? <span className="ml-2">{c.fix}</span> : null}
            </li>
          ))}
        </ul>
      </Section>
      <ItemsUsing vaultId={vaultId} items={data.items} />
    </>
  );
}
