import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader, EmptyState } from "@/components/shell/blade";
import { ServerHealth } from "@/components/status/status";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTime } from "@/lib/labels";

export const metadata: Metadata = { title: "Configuration Servers" };

export default async function ConfigurationServersPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const servers = await (await serverCaller()).infrastructure.configurationServers.list({ vaultId: vault });
  return (
    <>
      <BladeHeader title="Configuration Servers" subtitle="Site Recovery infrastructure for VMware and physical machines" />
      {servers.length === 0 ? (
        <EmptyState>No configuration server is registered with this vault.</EmptyState>
      ) : (
        <Table aria-label="Configuration Servers">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Server health</TableHead>
              <TableHead>Last heartbeat</TableHead>
              <TableHead>Version</TableHead>
              <TableHead>IP address</TableHead>
              <TableHead>Process servers</TableHead>
              <TableHead>Master target servers</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {servers.map((cs) => (
              <TableRow key={cs.id}>
                <TableCell>
                  <Link href={`/vaults/${vault}/configuration-servers/${cs.id}`} className="text-accent hover:underline">
                    {cs.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <ServerHealth health={cs.health} />
                </TableCell>
                <TableCell>{formatTime(cs.lastHeartbeatAt)}</TableCell>
                <TableCell>{cs.version}</TableCell>
                <TableCell>{cs.ip}</TableCell>
                <TableCell>{cs.processServerCount}</TableCell>
                <TableCell>{cs.masterTargetCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
