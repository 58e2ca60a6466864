import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader } from "@/components/shell/blade";
import { SimpleTable } from "@/components/ui/simple-table";

export const metadata: Metadata = { title: "Replication policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const policies = await (await serverCaller()).policies.list({ vaultId: vault });
  return (
    <>
      <BladeHeader title="Replication policies" subtitle="Creating a policy also creates its failback policy, which can't be edited." />
      <SimpleTable
        label="Replication policies"
        rows={policies}
        empty="No replication policies yet."
        columns={[
          {
            header: "Name",
            className: "font-semibold",
            cell: (p) => (
              <span className="inline-flex items-center gap-1">
                {p.name}
                {!p.editable ? <Lock aria-label="Read-only" className="size-3.5 text-fg-muted" /> : null}
              </span>
            ),
          },
          { header: "Type", cell: (p) => (p.direction === "failback" ? "Failback (read-only)" : "VMware/physical to Azure") },
          { header: "RPO threshold", cell: (p) => `${p.rpoThresholdMinutes} minutes` },
          { header: "Recovery point retention", cell: (p) => `${p.retentionHours} hours` },
          { header: "App-consistent snapshot frequency", cell: (p) => `${p.appConsistentFrequencyMinutes} minutes` },
          { header: "Multi-VM consistency", cell: (p) => (p.multiVmConsistency ? "On" : "Off") },
          { header: "Associated configuration server", cell: (p) => p.configurationServerName ?? "—" },
        ]}
      />
    </>
  );
}
