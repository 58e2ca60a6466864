"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { DatabaseBackup, KeyRound, Plus, RefreshCw } from "lucide-react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { GatedButton } from "@/components/auth/role-gate";
import { useTRPC } from "@/lib/trpc/client";
import { touchesInfrastructure, useRefetchOnChange } from "@/lib/vault-changes";
import { BladeHeader, EmptyState, QueryFallback } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { ServerHealth } from "@/components/status/status";
import { StatusBadge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { SimpleTable } from "@/components/ui/simple-table";
import { PROCESS_SERVER_STATUS_LABEL, PROCESS_SERVER_STATUS_TONE, formatTime } from "@/lib/labels";
import { ESXI_LICENSE_LABEL } from "@/db/schema/enums";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { useOperationDone } from "@/lib/use-operation-done";
import type { AccountSummary } from "@/components/infrastructure/update-credentials-dialog";

/** Loaded when it first opens: the form and its schema stay out of the page's first load. */
const ProcessServerDialog = dynamic(() => import("./process-server-dialog").then((m) => m.ProcessServerDialog));
const AddAccountDialog = dynamic(() => import("@/components/infrastructure/add-account-dialog").then((m) => m.AddAccountDialog));
const AddMasterTargetDialog = dynamic(() =>
  import("@/components/infrastructure/add-master-target-dialog").then((m) => m.AddMasterTargetDialog),
);
const AddVCenterDialog = dynamic(() => import("@/components/infrastructure/add-vcenter-dialog").then((m) => m.AddVCenterDialog));
const UpdateCredentialsDialog = dynamic(() =>
  import("@/components/infrastructure/update-credentials-dialog").then((m) => m.UpdateCredentialsDialog),
);

export const CONFIGURATION_SERVER_TABS = ["process-servers", "master-targets", "vcenters", "accounts"] as const;
/** The open tab, and the account whose credentials are being updated (a refusal's "Update account" links here). */
const PAGE_STATE = {
  tab: parseAsStringLiteral(CONFIGURATION_SERVER_TABS).withDefault("process-servers"),
  account: parseAsString,
};

export function ConfigurationServerDetails({ vaultId, serverId }: { vaultId: string; serverId: string }) {
  const trpc = useTRPC();
  // No polling: refetched when the vault's change feed names a change it may show.
  const { data, error, refetch } = useQuery(trpc.infrastructure.configurationServers.get.queryOptions({ vaultId, serverId }));
  useRefetchOnChange(touchesInfrastructure, refetch, 1_000);
  const [addingProcessServer, setAddingProcessServer] = React.useState(false);
  const [addingAccount, setAddingAccount] = React.useState(false);
  const [addingVCenter, setAddingVCenter] = React.useState(false);
  const [addingMasterTarget, setAddingMasterTarget] = React.useState(false);
  const [{ tab, account: accountId }, setPage] = useQueryStates(PAGE_STATE);
  const done = useOperationDone(vaultId, () => undefined, "infrastructure");
  const backup = useMutation(
    trpc.infrastructure.configurationServers.backup.mutationOptions({
      onSuccess: (r) => done("Configuration server backed up", { message: `Database backup taken at ${formatTime(r.lastBackupAt)}.` }),
    }),
  );
  const refresh = useMutation(
    trpc.infrastructure.configurationServers.refresh.mutationOptions({
      onSuccess: (r) => done("Refresh started", { message: `${r.jobIds.length} servers are being discovered again.` }),
    }),
  );
  if (error || !data) return <QueryFallback error={error} />;
  const updating: AccountSummary | undefined = data.accounts.find((a) => a.id === accountId);
  return (
    <>
      <BladeHeader
        title={data.name}
        subtitle="Configuration server"
        commands={
          <>
            <GatedButton variant="command" operation="manageInfrastructure" vaultId={vaultId} onClick={() => setAddingProcessServer(true)}>
              <Plus aria-hidden /> Process server
            </GatedButton>
            <GatedButton variant="command" operation="manageInfrastructure" vaultId={vaultId} onClick={() => setAddingMasterTarget(true)}>
              <Plus aria-hidden /> Master target server
            </GatedButton>
            <GatedButton variant="command" operation="manageInfrastructure" vaultId={vaultId} onClick={() => setAddingVCenter(true)}>
              <Plus aria-hidden /> vCenter server
            </GatedButton>
            <GatedButton
              variant="command"
              operation="manageInfrastructure"
              vaultId={vaultId}
              disabled={refresh.isPending}
              onClick={() => refresh.mutate({ vaultId, configurationServerId: data.id })}
            >
              <RefreshCw aria-hidden /> Refresh
            </GatedButton>
            <GatedButton
              variant="command"
              operation="manageInfrastructure"
              vaultId={vaultId}
              disabled={backup.isPending}
              onClick={() => backup.mutate({ vaultId, configurationServerId: data.id })}
            >
              <DatabaseBackup aria-hidden /> Back up
            </GatedButton>
          </>
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
      {addingMasterTarget ? (
        <AddMasterTargetDialog
          vaultId={vaultId}
          configurationServerId={data.id}
          hosts={data.vcenters.flatMap((vc) => vc.hosts.map((h) => ({ id: h.id, name: h.name, vcenterName: vc.name })))}
          datastores={data.vcenters.flatMap((vc) => vc.datastores)}
          open
          onOpenChange={setAddingMasterTarget}
        />
      ) : null}
      {addingVCenter ? (
        <AddVCenterDialog vaultId={vaultId} configurationServerId={data.id} accounts={data.accounts} open onOpenChange={setAddingVCenter} />
      ) : null}
      {addingAccount ? <AddAccountDialog vaultId={vaultId} configurationServerId={data.id} open onOpenChange={setAddingAccount} /> : null}
      {updating ? (
        <UpdateCredentialsDialog
          key={updating.id}
          vaultId={vaultId}
          account={updating}
          open
          onOpenChange={(open) => {
            if (!open) void setPage({ account: null });
          }}
        />
      ) : null}
      {backup.error ? <ErrorDetails error={errorFieldsOf(backup.error)} /> : null}
      {refresh.error ? <ErrorDetails error={errorFieldsOf(refresh.error)} /> : null}
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
        <LabelledValue id="cs-counts" label="Servers">
          {`${data.processServers.length} process servers, ${data.masterTargets.length} master target servers, ${data.vcenters.length} vCenter servers / ESXi hosts, ${data.accounts.length} accounts`}
        </LabelledValue>
      </dl>
      <Tabs value={tab} onValueChange={(v) => void setPage({ tab: v as (typeof CONFIGURATION_SERVER_TABS)[number] })}>
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
              {
                header: "Name",
                className: "font-semibold",
                cell: (ps) => (
                  <Link href={`/vaults/${vaultId}/process-servers/${ps.id}`} className="text-accent hover:underline">
                    {ps.name}
                  </Link>
                ),
              },
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
                cell: (ps) => (
                  <StatusBadge tone={PROCESS_SERVER_STATUS_TONE[ps.status]}>{PROCESS_SERVER_STATUS_LABEL[ps.status]}</StatusBadge>
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
                cell: (mt) => (
                  <>
                    <Link href={`/vaults/${vaultId}/master-targets/${mt.id}`} className="text-accent hover:underline">
                      {mt.name}
                    </Link>
                    {mt.onConfigurationServer ? " (on configuration server)" : ""}
                  </>
                ),
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
              { header: "Retention volumes", cell: (mt) => mt.retentionVolumes.map((v) => v.name).join(", ") || "—" },
              {
                header: "Checks",
                cell: (mt) => (
                  <ul className="grid gap-1">
                    {mt.checks.map((c) => (
                      <li key={c.key}>
                        {c.passed ? (
                          <StatusBadge tone="success">{`Passed: ${c.label}`}</StatusBadge>
                        ) : (
                          <>
                            <StatusBadge tone="danger">{`Failed: ${c.label}`}</StatusBadge> <span>{c.fix}</span>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: "Checked", cell: (mt) => formatTime(mt.checkedAt) },
              { header: "Last heartbeat", cell: (mt) => formatTime(mt.lastHeartbeatAt) },
            ]}
          />
        </TabsContent>
        <TabsContent value="vcenters">
          {data.vcenters.length === 0 ? <EmptyState>No vCenter server or ESXi host has been added.</EmptyState> : null}
          {data.vcenters.map((vc) => (
            <div key={vc.id} className="mb-5">
              <h3 className="font-semibold">
                <Link href={`/vaults/${vaultId}/vcenters/${vc.id}`} className="text-accent hover:underline">
                  {vc.name}
                </Link>{" "}
                <span className="font-normal text-fg-muted">
                  ({vc.kind === "vcenter" ? "vCenter" : "ESXi"} {vc.ip}, account {vc.accountName ?? "none"}, refreshed{" "}
                  {vc.lastRefreshAt ? formatTime(vc.lastRefreshAt) : "never"})
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
                      h.failbackTarget ? (
                        ESXI_LICENSE_LABEL[h.license]
                      ) : (
                        <StatusBadge tone="warning">{h.licenseLabel ?? "Free"}</StatusBadge>
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
          <div className="mb-2">
            <GatedButton variant="command" operation="manageAccounts" vaultId={vaultId} onClick={() => setAddingAccount(true)}>
              <Plus aria-hidden /> Add account
            </GatedButton>
          </div>
          <SimpleTable
            label="Accounts"
            rows={data.accounts}
            columns={[
              { header: "Friendly name", className: "font-semibold", cell: (a) => a.friendlyName },
              { header: "User name", cell: (a) => a.userName },
              {
                header: "Permissions",
                cell: (a) =>
                  a.usedBy.length === 0 ? (
                    "Not verified (no server uses it)"
                  ) : a.permission === "full" ? (
                    "Full"
                  ) : (
                    <StatusBadge tone="warning">Read-only</StatusBadge>
                  ),
              },
              { header: "Used by", cell: (a) => a.usedBy.map((v) => v.name).join(", ") || "—" },
              { header: "Password", cell: (a) => (a.password.set ? `Set (changed ${formatTime(a.password.changedAt)})` : "Not set") },
              {
                header: "Actions",
                cell: (a) => (
                  <GatedButton
                    variant="link"
                    size="sm"
                    operation="manageAccounts"
                    vaultId={vaultId}
                    onClick={() => void setPage({ account: a.id })}
                  >
                    <KeyRound aria-hidden /> Update credentials
                  </GatedButton>
                ),
              },
            ]}
          />
        </TabsContent>
      </Tabs>
    </>
  );
}
