import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader, EmptyState } from "@/components/shell/blade";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Replication policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const policies = await (await serverCaller()).policies.list({ vaultId: vault });
  return (
    <>
      <BladeHeader title="Replication policies" subtitle="Creating a policy also creates its failback policy, which can't be edited." />
      {policies.length === 0 ? (
        <EmptyState>No replication policies yet.</EmptyState>
      ) : (
        <Table aria-label="Replication policies">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>RPO threshold</TableHead>
              <TableHead>Recovery point retention</TableHead>
              <TableHead>App-consistent snapshot frequency</TableHead>
              <TableHead>Multi-VM consistency</TableHead>
              <TableHead>Associated configuration server</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {policies.map((p) => (
              <TableRow key={p.id}>
                <TableCell className="font-semibold">
                  <span className="inline-flex items-center gap-1">
                    {p.name}
                    {!p.editable ? <Lock aria-label="Read-only" className="size-3.5 text-fg-muted" /> : null}
                  </span>
                </TableCell>
                <TableCell>{p.direction === "failback" ? "Failback (read-only)" : "VMware/physical to Azure"}</TableCell>
                <TableCell>{p.rpoThresholdMinutes} minutes</TableCell>
                <TableCell>{p.retentionHours} hours</TableCell>
                <TableCell>{p.appConsistentFrequencyMinutes} minutes</TableCell>
                <TableCell>{p.multiVmConsistency ? "On" : "Off"}</TableCell>
                <TableCell>{p.configurationServerName ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
