import type { Metadata } from "next";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader } from "@/components/shell/blade";
import { ServerHealth } from "@/components/status/status";
import { SimpleTable, linkColumn } from "@/components/ui/simple-table";
import { formatTime } from "@/lib/labels";

export const metadata: Metadata = { title: "Configuration Servers" };

export default async function ConfigurationServersPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const servers = await (await serverCaller()).infrastructure.configurationServers.list({ vaultId: vault });
  return (
    <>
      <BladeHeader title="Configuration Servers" subtitle="Site Recovery infrastructure for VMware and physical machines" />
      <SimpleTable
        label="Configuration Servers"
        rows={servers}
        empty="No configuration server is registered with this vault."
        columns={[
          linkColumn((cs) => `/vaults/${vault}/configuration-servers/${cs.id}`),
          { header: "Server health", cell: (cs) => <ServerHealth health={cs.health} /> },
          { header: "Last heartbeat", cell: (cs) => formatTime(cs.lastHeartbeatAt) },
          { header: "Version", cell: (cs) => cs.version },
          { header: "IP address", cell: (cs) => cs.ip },
          { header: "Process servers", cell: (cs) => cs.processServerCount },
          { header: "Master target servers", cell: (cs) => cs.masterTargetCount },
        ]}
      />
    </>
  );
}
