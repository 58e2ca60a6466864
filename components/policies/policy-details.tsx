"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Link2, Lock } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { HealthStatus, ItemStatus } from "@/components/status/status";
import { DIRECTION_LABEL, LOCATION_LABEL, formatTime } from "@/lib/labels";
import { POLICY_TYPE_LABEL, hours, minutes } from "./policies-blade";

const AssociatePolicyDialog = dynamic(() => import("./associate-policy-dialog").then((m) => m.AssociatePolicyDialog));

/** A replication policy's page: its settings, its association, its twin, and the replicated items that use it. */
export function PolicyDetails({ vaultId, policyId }: { vaultId: string; policyId: string }) {
  const trpc = useTRPC();
  const { data: p, error } = useQuery(trpc.policies.get.queryOptions({ vaultId, policyId }));
  const [associating, setAssociating] = React.useState(false);
  if (!p) return <QueryFallback error={error} />;
  const twinHref = p.pairedPolicyId ? `/vaults/${vaultId}/policies/${p.pairedPolicyId}` : null;
  return (
    <>
      <BladeHeader
        title={p.name}
        subtitle={`Replication policy · ${POLICY_TYPE_LABEL[p.direction]}`}
        commands={
          p.readOnlyReason ? undefined : (
            <GatedButton
              variant="command"
              operation="managePolicies"
              vaultId={vaultId}
              disabledReason={p.configurationServerName ? `Associated with ${p.configurationServerName}.` : null}
              onClick={() => setAssociating(true)}
            >
              <Link2 aria-hidden /> Associate
            </GatedButton>
          )
        }
      />
      {associating ? <AssociatePolicyDialog vaultId={vaultId} policy={p} open onOpenChange={setAssociating} /> : null}
      {p.readOnlyReason ? (
        <p role="note" className="mb-3 flex items-start gap-2 rounded border border-border-subtle p-2">
          <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            <strong>Read-only.</strong> This failback policy {p.readOnlyReason}
          </span>
        </p>
      ) : null}
      <Section title="Essentials">
        <dl>
          <LabelledValue id="policy-type" label="Type">
            {POLICY_TYPE_LABEL[p.direction]}
          </LabelledValue>
          <LabelledValue id="policy-rpo" label="RPO threshold">
            {minutes(p.rpoThresholdMinutes)}
          </LabelledValue>
          <LabelledValue id="policy-retention" label="Recovery point retention">
            {hours(p.retentionHours)}
          </LabelledValue>
          <LabelledValue id="policy-app" label="App-consistent snapshot frequency">
            {minutes(p.appConsistentFrequencyMinutes)}
          </LabelledValue>
          <LabelledValue id="policy-multivm" label="Multi-VM consistency">
            {p.multiVmConsistency ? "On" : "Off"}
          </LabelledValue>
          <LabelledValue id="policy-cs" label="Associated configuration server">
            {p.configurationServerId ? (
              <Link href={`/vaults/${vaultId}/configuration-servers/${p.configurationServerId}`} className="text-accent hover:underline">
                {p.configurationServerName}
              </Link>
            ) : (
              "Not associated"
            )}
          </LabelledValue>
          <LabelledValue id="policy-twin" label={p.direction === "failback" ? "Replication policy" : "Failback policy"}>
            {twinHref ? (
              <Link href={twinHref} className="text-accent hover:underline">
                {p.pairedPolicyName}
              </Link>
            ) : (
              "—"
            )}
          </LabelledValue>
          <LabelledValue id="policy-created" label="Created">
            {formatTime(p.createdAt)}
          </LabelledValue>
        </dl>
      </Section>
      <Section title="Replicated items using it">
        <SimpleTable
          label="Replicated items using it"
          rows={p.items}
          empty={
            p.direction === "failback"
              ? "No item is replicating with this policy: items use it while they are re-protected from Azure to on-premises."
              : p.configurationServerId
                ? "No item uses this policy yet: choose it in the Replicate wizard (Replicated items > + Replicate)."
                : "No item uses this policy yet: associate it with a configuration server, then choose it in the Replicate wizard."
          }
          columns={[
            {
              header: "Name",
              cell: (i) => (
                <Link href={`/vaults/${vaultId}/replicated-items/${i.id}`} className="text-accent hover:underline">
                  {i.name}
                </Link>
              ),
            },
            { header: "Status", cell: (i) => <ItemStatus state={i.state} /> },
            { header: "Replication health", cell: (i) => <HealthStatus health={i.replicationHealth} /> },
            { header: "Active location", cell: (i) => LOCATION_LABEL[i.activeLocation] },
            { header: "Replication direction", cell: (i) => DIRECTION_LABEL[i.replicationDirection] },
          ]}
        />
      </Section>
    </>
  );
}
