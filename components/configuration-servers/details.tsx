"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { GatedButton } from "@/components/auth/role-gate";
import { ProcessServerDialog } from "./process-server-dialog";
import { useTRPC } from "@/lib/trpc/client";
import { BladeHeader, EmptyState } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { ServerHealth } from "@/components/status/status";
import { StatusBadge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTime } from "@/lib/labels";

const LICENSE_LABEL: Record<string, string> = { evaluation: "Evaluation", standard: "Standard", enterprise: "Enterprise", free: "Free" };

export function ConfigurationServerDetails({ vaultId, serverId }: { vaultId: string; serverId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.infrastructure.configurationServers.get.queryOptions({ vaultId, serverId }), refetchInterval: 5_000 });
  const [addingProcessServer, setAddingProcessServer] = React.useState(false);
  if (error) return <p role="alert" className="text-danger">{error.message}</p>;
  if (!data) return <p className="text-fg-muted">Loading…</p>;
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
      <ProcessServerDialog vaultId={vaultId} configurationServerId={data.id} configurationServerName={data.name} open={addingProcessServer} onOpenChange={setAddingProcessServer} />
      <dl className="mb-4">
        <LabelledValue id="cs-health" label="Server health"><ServerHealth health={data.health} /></LabelledValue>
        <LabelledValue id="cs-heartbeat" label="Last heartbeat">{formatTime(data.lastHeartbeatAt)}</LabelledValue>
        <LabelledValue id="cs-ip" label="IP address">{data.ip}</LabelledValue>
        <LabelledValue id="cs-version" label="Version">{data.version}</LabelledValue>
        <LabelledValue id="cs-backup" label="Last database backup">{formatTime(data.lastBackupAt)}</LabelledValue>
        <LabelledValue id="cs-passphrase" label="Passphrase">{data.passphrase.set ? `Set (changed ${formatTime(data.passphrase.changedAt)})` : "Not set"}</LabelledValue>
      </dl>
      <Tabs defaultValue="process-servers">
        <TabsList aria-label="Associated servers">
          <TabsTrigger value="process-servers">Process servers</TabsTrigger>
          <TabsTrigger value="master-targets">Master target servers</TabsTrigger>
          <TabsTrigger value="vcenters">vCenter servers</TabsTrigger>
          <TabsTrigger value="accounts">Accounts</TabsTrigger>
        </TabsList>
        <TabsContent value="process-servers">
          <Table aria-label="Process servers">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Location</TableHead>
                <TableHead>IP address</TableHead>
                <TableHead>Ports</TableHead>
                <TableHead>Azure network</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Health</TableHead>
                <TableHead>Last heartbeat</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.processServers.map((ps) => (
                <TableRow key={ps.id}>
                  <TableCell className="font-semibold">{ps.name}</TableCell>
                  <TableCell>{ps.location === "azure" ? "Azure" : "On-premises"}</TableCell>
                  <TableCell>{ps.ip}</TableCell>
                  <TableCell>{ps.httpsPort} / {ps.dataPort}</TableCell>
                  <TableCell>{ps.networkName ? `${ps.networkName} (${ps.deploymentModel === "classic" ? "classic" : "Resource Manager"})` : "—"}</TableCell>
                  <TableCell>
                    {ps.status === "registered" ? <StatusBadge tone="success">Registered</StatusBadge> : <StatusBadge tone="progress">{ps.status === "deploying" ? "Deploying" : "Registering"}</StatusBadge>}
                  </TableCell>
                  <TableCell><ServerHealth health={ps.health} /></TableCell>
                  <TableCell>{formatTime(ps.lastHeartbeatAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TabsContent>
        <TabsContent value="master-targets">
          <Table aria-label="Master target servers">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Operating system</TableHead>
                <TableHead>ESXi host</TableHead>
                <TableHead>disk.EnableUUID</TableHead>
                <TableHead>Storage vMotion</TableHead>
                <TableHead>Retention volumes</TableHead>
                <TableHead>Last heartbeat</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.masterTargets.map((mt) => (
                <TableRow key={mt.id}>
                  <TableCell className="font-semibold">{mt.name}{mt.onConfigurationServer ? " (on configuration server)" : ""}</TableCell>
                  <TableCell>{mt.osName}</TableCell>
                  <TableCell>{mt.hostName ?? "—"}</TableCell>
                  <TableCell>{mt.diskEnableUuid ? <StatusBadge tone="success">TRUE</StatusBadge> : <StatusBadge tone="danger">FALSE</StatusBadge>}</TableCell>
                  <TableCell>{mt.storageVMotioned ? <StatusBadge tone="danger">Moved</StatusBadge> : "Not moved"}</TableCell>
                  <TableCell>{mt.retentionVolumes.join(", ") || "—"}</TableCell>
                  <TableCell>{formatTime(mt.lastHeartbeatAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TabsContent>
        <TabsContent value="vcenters">
          {data.vcenters.length === 0 ? <EmptyState>No vCenter server or ESXi host has been added.</EmptyState> : null}
          {data.vcenters.map((vc) => (
            <div key={vc.id} className="mb-5">
              <h3 className="font-semibold">
                {vc.name} <span className="font-normal text-fg-muted">({vc.kind === "vcenter" ? "vCenter" : "ESXi"} {vc.ip}, account {vc.accountName ?? "none"}, refreshed {formatTime(vc.lastRefreshAt)})</span>
              </h3>
              <Table aria-label={`ESXi hosts of ${vc.name}`}>
                <TableHeader>
                  <TableRow>
                    <TableHead>ESXi host</TableHead>
                    <TableHead>Version</TableHead>
                    <TableHead>License</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {vc.hosts.map((h) => (
                    <TableRow key={h.id}>
                      <TableCell>{h.name}</TableCell>
                      <TableCell>{h.version}</TableCell>
                      <TableCell>{h.license === "free" ? <StatusBadge tone="warning">{h.licenseLabel ?? "Free"}</StatusBadge> : LICENSE_LABEL[h.license]}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Table aria-label={`Datastores of ${vc.name}`} className="mt-2">
                <TableHeader>
                  <TableRow>
                    <TableHead>Datastore</TableHead>
                    <TableHead>Capacity</TableHead>
                    <TableHead>Free space</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {vc.datastores.map((d) => (
                    <TableRow key={d.id}>
                      <TableCell>{d.name}</TableCell>
                      <TableCell>{d.capacityGb} GB</TableCell>
                      <TableCell>{d.freeGb} GB</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ))}
        </TabsContent>
        <TabsContent value="accounts">
          <Table aria-label="Accounts">
            <TableHeader>
              <TableRow>
                <TableHead>Friendly name</TableHead>
                <TableHead>User name</TableHead>
                <TableHead>Permissions</TableHead>
                <TableHead>Password</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.accounts.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className="font-semibold">{a.friendlyName}</TableCell>
                  <TableCell>{a.userName}</TableCell>
                  <TableCell>{a.permission === "full" ? "Full" : <StatusBadge tone="warning">Read-only</StatusBadge>}</TableCell>
                  <TableCell>{a.password.set ? `Set (changed ${formatTime(a.password.changedAt)})` : "Not set"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TabsContent>
      </Tabs>
    </>
  );
}
