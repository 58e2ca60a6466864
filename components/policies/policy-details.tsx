"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Link2, Lock, Unlink } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { SimpleTable, linkColumn } from "@/components/ui/simple-table";
import { HealthStatus, ItemStatus } from "@/components/status/status";
import { DIRECTION_LABEL, LOCATION_LABEL, formatTime } from "@/lib/labels";
import { POLICY_TYPE_LABEL, associatedWithAll, hours, minutes } from "./policies-blade";

const AssociatePolicyDialog = dynamic(() => import("./associate-policy-dialog").then((m) => m.AssociatePolicyDialog));
const DissociatePolicyDialog = dynamic(() => import("./dissociate-policy-dialog").then((m) => m.DissociatePolicyDialog));

/** A replication policy's page: its settings, its associated configuration servers, its twin, and the replicated items that use it. */
export function PolicyDetails({ vaultId, policyId }: { vaultId: string; policyId: string }) {
  const trpc = useTRPC();
  const { data: p, error } = useQuery(trpc.policies.get.queryOptions({ vaultId, policyId }));
  const servers = useQuery(trpc.infrastructure.configurationServers.list.queryOptions({ vaultId }));
  const [associating, setAssociating] = React.useState(false);
  const [dissociating, setDissociating] = React.useState<{ id: string; name: string } | null>(null);
  if (!p) return <QueryFallback error={error} />;
  const csHref = (id: string) => `/vaults/${vaultId}/configuration-servers/${id}`;
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
              disabledReason={associatedWithAll(p, servers.data)}
              onClick={() => setAssociating(true)}
            >
              <Link2 aria-hidden /> Associate
            </GatedButton>
          )
        }
      />
      {associating ? <AssociatePolicyDialog vaultId={vaultId} policy={p} open onOpenChange={setAssociating} /> : null}
      {dissociating ? (
        <DissociatePolicyDialog
          vaultId={vaultId}
          policy={p}
          configurationServer={dissociating}
          open
          onOpenChange={(o) => !o && setDissociating(null)}
        />
      ) : null}
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
          <LabelledValue id="policy-cs" label="Associated configuration servers">
            {p.configurationServers.length
              ? p.configurationServers.map((cs, i) => (
                  <React.Fragment key={cs.id}>
                    {i ? ", " : null}
                    <Link href={csHref(cs.id)} className="text-accent hover:underline">
                      {cs.name}
                    </Link>
                  </React.Fragment>
                ))
              : "Not associated"}
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
      {p.readOnlyReason ? null : (
        <Section title="Associated configuration servers">
          <SimpleTable
            label="Associated configuration servers"
            rows={p.associations}
            empty="Not associated with any configuration server: Associate it to offer it in the Replicate wizard."
            columns={[
              {
                header: "Configuration server",
                cell: (cs) => (
                  <Link href={csHref(cs.id)} className="text-accent hover:underline">
                    {cs.name}
                  </Link>
                ),
              },
              { header: "Replicated items using it", cell: (cs) => cs.itemCount },
              {
                header: "Actions",
                cell: (cs) => (
                  <GatedButton
                    variant="command"
                    operation="managePolicies"
                    vaultId={vaultId}
                    aria-label={`Dissociate from ${cs.name}`}
                    disabledReason={cs.dissociateBlockedReason}
                    onClick={() => setDissociating(cs)}
                  >
                    <Unlink aria-hidden /> Dissociate
                  </GatedButton>
                ),
              },
            ]}
          />
        </Section>
      )}
      <Section title="Replicated items using it">
        <SimpleTable
          label="Replicated items using it"
          rows={p.items}
          empty={
            p.direction === "failback"
              ? "No item is replicating with this policy: items use it while they are re-protected from Azure to on-premises."
              : p.configurationServers.length
                ? "No item uses this policy yet: choose it in the Replicate wizard (Replicated items > + Replicate)."
                : "No item uses this policy yet: associate it with a configuration server, then choose it in the Replicate wizard."
          }
          columns={[
            linkColumn((i) => `/vaults/${vaultId}/replicated-items/${i.id}`),
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
