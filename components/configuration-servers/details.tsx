"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { GatedButton } from "@/components/auth/role-gate";
import { useTRPC } from "@/lib/trpc/client";
import { BladeHeader, EmptyState, QueryFallback } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { ServerHealth } from "@/components/status/status";
import { StatusBadge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatTime } from "@/lib/labels";

/** Loaded when it first opens: the form and its schema stay out of the page's first load. */
const ProcessServerDialog = dynamic(() => import("./process-server-dialog").then((m) => m.ProcessServerDialog));

const LICENSE_LABEL: Record<string, string> = { evaluation: "Evaluation", standard: "Standard", enterprise: "Enterprise", free: "Free" };

export function ConfigurationServerDetails({ vaultId, serverId }: { vaultId: string; serverId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({
    ...trpc.infrastructure.configurationServers.get.queryOptions({ vaultId, serverId }),
    refetchInterval: 5_000,
  });
  const [addingProcessServer, setAddingProcessServer] = React.useState(false);
  if (error || !data) return <QueryFallback error={error} />;
  return (
    <>
      <BladeHeader
        title={data.name}
        subtitle="Configuration server"
        commands={
          <GatedButton variant="command" operation="manageInfrastructure" vaultId={vaultId} onClick={() => setAddingProcessServer(true)}>
            <Plus aria-hidden /> Process server
          </GatedButton>
        }
      />
      {addingProcessServer ? (
        <ProcessServerDialog
          vaultId={vaultId}
          configurationServerId={data.id}
          configurationServerName={data.name}
          open
          onOpenChange={setAddingProcessServer}
        />
      ) : null}
      <dl className="mb-4">
        <LabelledValue id="cs-health" label="Server health">
          <ServerHealth health={data.health} />
        </LabelledValue>
        <LabelledValue id="cs-heartbeat" label="Last heartbeat">
          {formatTime(data.lastHeartbeatAt)}
        </LabelledValue>
        <LabelledValue id="cs-ip" label="IP address">
          {data.ip}
        </LabelledValue>
        <LabelledValue id="cs-version" label="Version">
          {data.version}
        </LabelledValue>
        <LabelledValue id="cs-backup" label="Last database backup">
          {formatTime(data.lastBackupAt)}
        </LabelledValue>
        <LabelledValue id="cs-passphrase" label="Passphrase">
          {data.passphrase.set ? `Set (changed ${formatTime(data.passphrase.changedAt)})` : "Not set"}
        </LabelledValue>
      </dl>
      <Tabs defaultValue="process-servers">
        <TabsList aria-label="Associated servers">
          <TabsTrigger value="process-servers">Process servers</TabsTrigger>
          <TabsTrigger value="master-targets">Master target servers</TabsTrigger>
          <TabsTrigger value="vcenters">vCenter servers</TabsTrigger>
          <TabsTrigger value="accounts">Accounts</TabsTrigger>
        </TabsList>
        <TabsContent value="process-servers">
          <SimpleTable
            label="Process servers"
            rows={data.processServers}
            columns={[
              { header: "Name", className: "font-semibold", cell: (ps) => ps.name },
              { header: "Location", cell: (ps) => (ps.location === "azure" ? "Azure" : "On-premises") },
              { header: "IP address", cell: (ps) => ps.ip },
              { header: "Ports", cell: (ps) => `${ps.httpsPort} / ${ps.dataPort}` },
              {
                header: "Azure network",
                cell: (ps) =>
                  ps.networkName ? `${ps.networkName} (${ps.deploymentModel === "classic" ? "classic" : "Resource Manager"})` : "—",
              },
              {
                header: "Status",
                cell: (ps) =>
                  ps.status === "registered" ? (
                    <StatusBadge tone="success">Registered</StatusBadge>
                  ) : (
                    <StatusBadge tone="progress">{ps.status === "deploying" ? "Deploying" : "Registering"}</StatusBadge>
                  ),
              },
              { header: "Health", cell: (ps) => <ServerHealth health={ps.health} /> },
              { header: "Last heartbeat", cell: (ps) => formatTime(ps.lastHeartbeatAt) },
            ]}
          />
        </TabsContent>
        <TabsContent value="master-targets">
          <SimpleTable
            label="Master target servers"
            rows={data.masterTargets}
            columns={[
              {
                header: "Name",
                className: "font-semibold",
                cell: (mt) => `${mt.name}${mt.onConfigurationServer ? " (on configuration server)" : ""}`,
              },
              { header: "Operating system", cell: (mt) => mt.osName },
              { header: "ESXi host", cell: (mt) => mt.hostName ?? "—" },
              {
                header: "disk.EnableUUID",
                cell: (mt) =>
                  mt.diskEnableUuid ? <StatusBadge tone="success">TRUE</StatusBadge> : <StatusBadge tone="danger">FALSE</StatusBadge>,
              },
              {
                header: "Storage vMotion",
                cell: (mt) => (mt.storageVMotioned ? <StatusBadge tone="danger">Moved</StatusBadge> : "Not moved"),
              },
              { header: "Retention volumes", cell: (mt) => mt.retentionVolumes.join(", ") || "—" },
              { header: "Last heartbeat", cell: (mt) => formatTime(mt.lastHeartbeatAt) },
            ]}
          />
        </TabsContent>
        <TabsContent value="vcenters">
          {data.vcenters.length === 0 ? <EmptyState>No vCenter server or ESXi host has been added.</EmptyState> : null}
          {data.vcenters.map((vc) => (
            <div key={vc.id} className="mb-5">
              <h3 className="font-semibold">
                {vc.name}{" "}
                <span className="font-normal text-fg-muted">
                  ({vc.kind === "vcenter" ? "vCenter" : "ESXi"} {vc.ip}, account {vc.accountName ?? "none"}, refreshed{" "}
                  {formatTime(vc.lastRefreshAt)})
                </span>
              </h3>
              <SimpleTable
                label={`ESXi hosts of ${vc.name}`}
                rows={vc.hosts}
                columns={[
                  { header: "ESXi host", cell: (h) => h.name },
                  { header: "Version", cell: (h) => h.version },
                  {
                    header: "License",
                    cell: (h) =>
                      h.license === "free" ? (
                        <StatusBadge tone="warning">{h.licenseLabel ?? "Free"}</StatusBadge>
                      ) : (
                        LICENSE_LABEL[h.license]
                      ),
                  },
                ]}
              />
              <SimpleTable
                label={`Datastores of ${vc.name}`}
                className="mt-2"
                rows={vc.datastores}
                columns={[
                  { header: "Datastore", cell: (d) => d.name },
                  { header: "Capacity", cell: (d) => `${d.capacityGb} GB` },
                  { header: "Free space", cell: (d) => `${d.freeGb} GB` },
                ]}
              />
            </div>
          ))}
        </TabsContent>
        <TabsContent value="accounts">
          <SimpleTable
            label="Accounts"
            rows={data.accounts}
            columns={[
              { header: "Friendly name", className: "font-semibold", cell: (a) => a.friendlyName },
              { header: "User name", cell: (a) => a.userName },
              {
                header: "Permissions",
                cell: (a) => (a.permission === "full" ? "Full" : <StatusBadge tone="warning">Read-only</StatusBadge>),
              },
              { header: "Password", cell: (a) => (a.password.set ? `Set (changed ${formatTime(a.password.changedAt)})` : "Not set") },
            ]}
          />
        </TabsContent>
      </Tabs>
    </>
  );
}
