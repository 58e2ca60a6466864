"use client";

import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { touchesInfrastructure, useRefetchOnChange } from "@/lib/vault-changes";
import { GatedButton } from "@/components/auth/role-gate";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/badge";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { JOB_STATUS_LABEL, JOB_STATUS_TONE, formatTime } from "@/lib/labels";
import { ESXI_LICENSE_LABEL } from "@/db/schema/enums";
import { useOperationDone } from "@/lib/use-operation-done";

/** A vCenter server or ESXi host: its hosts with their license, datastores with free space, discovered VMs, and the account. */
export function VCenterDetails({ vaultId, vcenterId }: { vaultId: string; vcenterId: string }) {
  const trpc = useTRPC();
  // No polling: refetched when the vault's change feed names a change it may show.
  const { data, error, refetch } = useQuery(trpc.infrastructure.vcenters.get.queryOptions({ vaultId, vcenterId }));
  useRefetchOnChange(touchesInfrastructure, refetch, 1_000);
  const done = useOperationDone(vaultId, () => undefined, "infrastructure");
  const refresh = useMutation(trpc.infrastructure.refreshVCenter.mutationOptions({ onSuccess: (r) => done("Refresh started", r) }));
  if (error || !data) return <QueryFallback error={error} />;
  const cs = `/vaults/${vaultId}/configuration-servers/${data.configurationServer.id}`;
  return (
    <>
      <BladeHeader
        title={data.name}
        subtitle={data.kind === "esxi" ? "ESXi host" : "vCenter server"}
        commands={
          <GatedButton
            variant="command"
            operation="manageInfrastructure"
            vaultId={vaultId}
            disabled={refresh.isPending}
            disabledReason={data.refreshBlockedReason}
            onClick={() => refresh.mutate({ vaultId, vcenterId })}
          >
            <RefreshCw aria-hidden /> Refresh
          </GatedButton>
        }
      />
      {refresh.error ? <ErrorDetails error={errorFieldsOf(refresh.error)} /> : null}
      <dl className="mb-4">
        <LabelledValue id="vc-cs" label="Configuration server">
          <Link href={cs} className="text-accent hover:underline">
            {data.configurationServer.name}
          </Link>
        </LabelledValue>
        <LabelledValue id="vc-address" label="IP address">
          {`${data.ip}:${data.port}`}
        </LabelledValue>
        <LabelledValue id="vc-account" label="Account">
          {data.account ? (
            <Link href={`${cs}?tab=accounts&account=${data.account.id}`} className="text-accent hover:underline">
              {`${data.account.friendlyName} (${data.account.userName}, ${data.account.permission === "full" ? "full permissions" : "read-only"})`}
            </Link>
          ) : (
            "None"
          )}
        </LabelledValue>
        <LabelledValue id="vc-refresh" label="Last refresh">
          {data.lastRefreshAt ? formatTime(data.lastRefreshAt) : "Never discovered"}
        </LabelledValue>
        <LabelledValue id="vc-job" label="Last discovery job">
          {data.lastJob ? (
            <Link href={`/vaults/${vaultId}/jobs/${data.lastJob.id}`} className="text-accent hover:underline">
              <StatusBadge tone={JOB_STATUS_TONE[data.lastJob.status]}>{JOB_STATUS_LABEL[data.lastJob.status]}</StatusBadge>{" "}
              {data.lastJob.name}
            </Link>
          ) : (
            "—"
          )}
        </LabelledValue>
      </dl>
      {data.lastJob?.status === "failed" && data.lastJob.error ? <ErrorDetails error={data.lastJob.error} /> : null}
      <Section title="Hosts">
        <SimpleTable
          label="Hosts"
          rows={data.hosts}
          empty="No ESXi host discovered yet."
          columns={[
            { header: "ESXi host", className: "font-semibold", cell: (h) => h.name },
            { header: "Version", cell: (h) => h.version },
            {
              header: "License",
              cell: (h) =>
                h.failbackTarget ? (
                  ESXI_LICENSE_LABEL[h.license]
                ) : (
                  <StatusBadge tone="warning">{`${h.licenseLabel ?? "Free"}: cannot be a failback target`}</StatusBadge>
                ),
            },
          ]}
        />
      </Section>
      <Section title="Datastores">
        {data.datastoresHiddenReason ? (
          <p role="note" className="mb-2 text-fg-muted">
            {data.datastoresHiddenReason}
          </p>
        ) : null}
        <SimpleTable
          label="Datastores"
          rows={data.datastores}
          empty={data.datastoresHiddenReason ? undefined : "No datastore discovered yet."}
          columns={[
            { header: "Datastore", className: "font-semibold", cell: (d) => d.name },
            { header: "Capacity", cell: (d) => `${d.capacityGb} GB` },
            { header: "Free space", cell: (d) => `${d.freeGb} GB` },
            { header: "Reached from", cell: (d) => d.hosts.join(", ") || "—" },
          ]}
        />
      </Section>
      <Section title="Virtual machines">
        <SimpleTable
          label="Virtual machines"
          rows={data.virtualMachines}
          empty="No virtual machine discovered yet."
          columns={[
            { header: "Name", className: "font-semibold", cell: (v) => v.name },
            { header: "ESXi host", cell: (v) => v.host ?? "—" },
            { header: "Datastore", cell: (v) => v.datastore ?? "—" },
            { header: "Operating system", cell: (v) => v.osName },
            {
              header: "Protection",
              cell: (v) =>
                v.item ? (
                  <Link href={`/vaults/${vaultId}/replicated-items/${v.item.id}`} className="text-accent hover:underline">
                    Protected ({v.item.name})
                  </Link>
                ) : (
                  "Not protected"
                ),
            },
          ]}
        />
      </Section>
    </>
  );
}
