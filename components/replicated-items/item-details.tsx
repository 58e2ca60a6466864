"use client";

import { useQuery } from "@tanstack/react-query";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";
import { AlertTriangle, Info } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { HealthStatus, ItemStatus } from "@/components/status/status";
import { SimpleTable } from "@/components/ui/simple-table";
import { ItemCommands, ItemJobProgress } from "./item-commands";
import { RoundTripMap } from "./round-trip-map";
import { ItemAzureVm, ItemHardware, ItemHistory } from "./item-history";
import { DIRECTION_LABEL, KIND_LABEL, LOCATION_LABEL, formatRpo, formatTime } from "@/lib/labels";

export function ItemDetails({ vaultId, itemId }: { vaultId: string; itemId: string }) {
  const trpc = useTRPC();
  // No polling: refetched when the vault's change feed names this item.
  const { data, error, refetch } = useQuery(trpc.items.get.queryOptions({ vaultId, itemId }));
  useRefetchOnChange((e) => touches(e, "item", [itemId], false), refetch);
  if (error || !data) return <QueryFallback error={error} />;
  const { item, machine, azureVm, policy, processServer, masterTarget, targetNetwork, latestPoints } = data;
  return (
    <>
      <BladeHeader
        title={item.name}
        subtitle={`Replicated item · ${KIND_LABEL[item.kind]}`}
        commands={<ItemCommands vaultId={vaultId} data={data} />}
      />
      <ItemJobProgress vaultId={vaultId} jobId={item.currentJobId} />
      <Section title="Essentials">
        <div className="grid gap-x-10 md:grid-cols-2">
          <dl>
            <LabelledValue id="status" label="Status">
              <ItemStatus state={item.state} />
              {item.state === "enabling-protection" ? ` (${Math.floor(item.initialReplicationPercent)}% initial replication)` : null}
            </LabelledValue>
            <LabelledValue id="active-location" label="Active location">
              {LOCATION_LABEL[item.activeLocation]}
            </LabelledValue>
            <LabelledValue id="replication-direction" label="Replication direction">
              {DIRECTION_LABEL[item.replicationDirection]}
            </LabelledValue>
            <LabelledValue id="replication-health" label="Replication health">
              <HealthStatus health={item.replicationHealth} />
            </LabelledValue>
            <LabelledValue id="rpo" label="RPO">
              {formatRpo(item.rpoSeconds)}
            </LabelledValue>
            <LabelledValue id="latest-point" label="Latest recovery point">
              {formatTime(item.lastRecoveryPointAt)}
            </LabelledValue>
          </dl>
          <dl>
            <LabelledValue id="os" label="Operating system">
              {machine?.osName ?? item.osType}
            </LabelledValue>
            <LabelledValue id="vm-files" label="On-premises VM files">
              {data.onPremisesVmFiles ?? "—"}
            </LabelledValue>
            <LabelledValue id="policy" label="Replication policy">
              {policy?.name ?? "—"}
            </LabelledValue>
            <LabelledValue id="process-server" label="Process server">
              {processServer ? `${processServer.name} (${processServer.location === "azure" ? "Azure" : "on-premises"})` : "—"}
            </LabelledValue>
            <LabelledValue id="master-target" label="Master target server">
              {masterTarget?.name ?? "—"}
            </LabelledValue>
            <LabelledValue id="target-network" label="Azure network">
              {targetNetwork?.name ?? "—"}
            </LabelledValue>
            <LabelledValue id="azure-vm" label="Azure virtual machine">
              {azureVm && !azureVm.deleted ? `${azureVm.name} (${azureVm.size}, ${azureVm.ip}, ${azureVm.powerState})` : "—"}
            </LabelledValue>
            {item.replicationGroup ? (
              <LabelledValue id="replication-group" label="Replication group">
                {item.replicationGroup}
              </LabelledValue>
            ) : null}
          </dl>
        </div>
      </Section>

      <RoundTripMap vaultId={vaultId} data={data} />

      <Section title="Health and errors">
        {item.healthErrors.length === 0 ? (
          <p className="text-fg-muted">No health errors.</p>
        ) : (
          <ul className="grid gap-2">
            {item.healthErrors.map((e) => (
              <li key={e.code + e.at} className="border-l-4 border-danger bg-bg-subtle p-3">
                <p className="flex items-center gap-1 font-semibold">
                  <AlertTriangle aria-hidden className="size-4 text-danger" /> Error {e.code}: {e.message}
                </p>
                <p className="mt-1">
                  <span className="font-semibold">Possible causes:</span> {e.possibleCauses}
                </p>
                <p>
                  <span className="font-semibold">Recommended action:</span> {e.recommendedAction}
                </p>
              </li>
            ))}
          </ul>
        )}
        {item.notes.length ? (
          <div className="mt-3 grid gap-2" aria-label="After failback">
            {item.notes.map((n) => (
              <p key={n} className="flex items-start gap-2 border-l-4 border-info bg-bg-subtle p-3">
                <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-info" /> {n}
              </p>
            ))}
          </div>
        ) : null}
      </Section>

      <Section title="Recovery points">
        <SimpleTable
          label="Recovery points"
          rows={latestPoints.slice(0, 12)}
          empty="No recovery points yet."
          columns={[
            { header: "Time", cell: (p) => formatTime(p.at) },
            { header: "Type", cell: (p) => (p.type === "app-consistent" ? "App-consistent" : "Crash-consistent") },
            { header: "Multi-VM consistent", cell: (p) => (p.multiVm ? "Yes" : "No") },
          ]}
        />
      </Section>
      <ItemAzureVm data={data} />
      <ItemHardware data={data} />
      <ItemHistory vaultId={vaultId} itemId={itemId} />
    </>
  );
}
