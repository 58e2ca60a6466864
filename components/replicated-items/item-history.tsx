"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";
import { useTRPC } from "@/lib/trpc/client";
import { QueryFallback, Section } from "@/components/shell/blade";
import { JobStatus } from "@/components/status/status";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatRpo, formatTime } from "@/lib/labels";
import type { ItemData } from "./item-dialog";
import { ExportReportButton } from "@/components/drill/drill-report";

/** The item's disks and network adapters, with the IP each adapter gets back on failback. */
export function ItemHardware({ data }: { data: ItemData }) {
  const { machine, item } = data;
  if (!machine) return null;
  const failbackIps = new Map((item.failbackSettings?.nicIps ?? []).map((n) => [n.nic, n.ip]));
  return (
    <Section title="Disks and network adapters">
      <SimpleTable
        label="Disks"
        rows={machine.disks.map((d) => ({ ...d, id: d.name }))}
        empty="The machine reports no disks."
        columns={[
          { header: "Disk", cell: (d) => d.name },
          { header: "Size", cell: (d) => `${d.sizeGb} GB` },
          { header: "Type", cell: (d) => (d.os ? "OS disk" : "Data disk") },
        ]}
      />
      <SimpleTable
        label="Network adapters"
        className="mt-3"
        rows={machine.nics.map((n) => ({ ...n, id: n.name }))}
        empty="The machine reports no network adapters."
        columns={[
          { header: "Network adapter", cell: (n) => n.name },
          { header: "IP settings", cell: (n) => (n.ipMode === "static" ? `Static ${n.ip}` : `DHCP (${n.ip})`) },
          { header: "Failback IP", cell: (n) => failbackIps.get(n.name) ?? (n.ipMode === "static" ? `${n.ip} (kept)` : "DHCP") },
        ]}
      />
    </Section>
  );
}

/** The Azure VM a failover created and the test VM of a test failover, when they exist. */
export function ItemAzureVm({ data }: { data: ItemData }) {
  const vms = [data.azureVm, data.testAzureVm].filter((v) => v && !v.deleted) as NonNullable<ItemData["azureVm"]>[];
  return (
    <Section title="Azure virtual machine">
      <SimpleTable
        label="Azure virtual machines"
        rows={vms}
        empty="No Azure virtual machine exists for this item: a failover or a test failover creates one."
        columns={[
          { header: "Name", cell: (v) => v.name },
          { header: "Purpose", cell: (v) => (v.isTest ? "Test failover" : "Failover") },
          { header: "Size", cell: (v) => `${v.size} (${v.cores} cores, ${v.memoryMb / 1024} GB)` },
          { header: "IP address", cell: (v) => `${v.ip} (${v.ipMode === "static" ? "static" : "DHCP"})` },
          { header: "Power state", cell: (v) => v.powerState[0]!.toUpperCase() + v.powerState.slice(1) },
        ]}
      />
    </Section>
  );
}

/** The item's recent jobs and its test failovers with their achieved RPO and RTO. */
export function ItemHistory({ vaultId, itemId }: { vaultId: string; itemId: string }) {
  const trpc = useTRPC();
  // No polling: refetched when the change feed names this item (a job starts or ends on it, a test
  // failover is cleaned up …) or one of the jobs listed.
  const { data, error, refetch } = useQuery(trpc.items.history.queryOptions({ vaultId, itemId }));
  const jobIds = React.useMemo(() => data?.jobs.map((j) => j.id) ?? [], [data]);
  useRefetchOnChange((e) => touches(e, "item", [itemId], false) || touches(e, "job", jobIds, false), refetch);
  return (
    <>
      <Section title="Jobs of this item">
        {data ? (
          <SimpleTable
            label="Jobs of this item"
            rows={data.jobs}
            empty="No job has run on this item yet."
            columns={[
              {
                header: "Name",
                cell: (j) => (
                  <Link href={`/vaults/${vaultId}/jobs/${j.id}`} className="text-accent hover:underline">
                    {j.name}
                  </Link>
                ),
              },
              { header: "Status", cell: (j) => <JobStatus status={j.status} /> },
              { header: "Error", cell: (j) => j.errorCode ?? "—" },
              { header: "Start time", cell: (j) => formatTime(j.startedAt ?? j.createdAt) },
              { header: "End time", cell: (j) => formatTime(j.endedAt) },
            ]}
          />
        ) : (
          <QueryFallback error={error} />
        )}
        <p className="mt-1">
          <Link href={`/vaults/${vaultId}/jobs?item=${itemId}`} className="text-accent hover:underline">
            All jobs of this item
          </Link>
        </p>
      </Section>
      <Section title="Test failover history">
        <div className="mb-1">
          <ExportReportButton
            vaultId={vaultId}
            target={{ item: itemId }}
            disabled={data?.testFailovers.length ? null : "No test failover yet: run Test failover first."}
          />
        </div>
        {data ? (
          <SimpleTable
            label="Test failover history"
            rows={data.testFailovers.map((r) => ({ ...r, id: r.jobId }))}
            empty="No test failover yet: run Test failover to prove the item recovers, then Cleanup test failover."
            columns={[
              {
                header: "Started",
                cell: (r) => (
                  <Link href={`/vaults/${vaultId}/jobs/${r.jobId}`} className="text-accent hover:underline">
                    {formatTime(r.startedAt)}
                  </Link>
                ),
              },
              { header: "Status", cell: (r) => <JobStatus status={r.status} /> },
              { header: "Recovery point", cell: (r) => formatTime(r.recoveryPointAt) },
              { header: "Achieved RPO", cell: (r) => formatRpo(r.rpoSeconds) },
              { header: "Achieved RTO", cell: (r) => formatRpo(r.rtoSeconds) },
              { header: "Started by", cell: (r) => r.startedBy },
              { header: "Cleaned up", cell: (r) => (r.cleanupAt ? formatTime(r.cleanupAt) : "Not yet") },
            ]}
          />
        ) : (
          <QueryFallback error={error} />
        )}
      </Section>
    </>
  );
}
