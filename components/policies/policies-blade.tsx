"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Lock, Plus } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { BladeHeader, QueryFallback } from "@/components/shell/blade";
import { SimpleTable } from "@/components/ui/simple-table";
import type { RouterOutputs } from "@/lib/trpc/types";

const CreatePolicyDialog = dynamic(() => import("./create-policy-dialog").then((m) => m.CreatePolicyDialog));
const AssociatePolicyDialog = dynamic(() => import("./associate-policy-dialog").then((m) => m.AssociatePolicyDialog));

export type PolicyRow = RouterOutputs["policies"]["list"][number];

export const POLICY_TYPE_LABEL = { "to-azure": "VMware/physical to Azure", failback: "Failback (Azure to on-premises)" } as const;

export const minutes = (n: number) => (n === 0 ? "Off" : n === 1 ? "1 minute" : `${n} minutes`);
export const hours = (n: number) => (n === 1 ? "1 hour" : `${n} hours`);

/** Why Associate has nothing to offer: the policy is associated with every configuration server of the vault. */
export function associatedWithAll(p: { configurationServers: { id: string }[] }, servers: { id: string }[] | undefined): string | null {
  if (!servers?.length) return null;
  const associated = new Set(p.configurationServers.map((cs) => cs.id));
  return servers.every((cs) => associated.has(cs.id))
    ? `Associated with ${servers.length === 1 ? "the configuration server" : "every configuration server"} already.`
    : null;
}

/** Site Recovery infrastructure > Replication policies: every policy, its associations, the items using it. */
export function PoliciesBlade({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(trpc.policies.list.queryOptions({ vaultId }));
  const servers = useQuery(trpc.infrastructure.configurationServers.list.queryOptions({ vaultId }));
  const [creating, setCreating] = React.useState(false);
  const [associating, setAssociating] = React.useState<PolicyRow | null>(null);
  const href = (id: string) => `/vaults/${vaultId}/policies/${id}`;
  return (
    <>
      <BladeHeader
        title="Replication policies"
        subtitle="Creating a policy also creates its failback policy, which can't be edited. A policy is chosen in the Replicate wizard of the configuration servers it is associated with."
        commands={
          <GatedButton variant="command" operation="managePolicies" vaultId={vaultId} onClick={() => setCreating(true)}>
            <Plus aria-hidden /> Replication policy
          </GatedButton>
        }
      />
      {creating ? <CreatePolicyDialog vaultId={vaultId} open onOpenChange={setCreating} /> : null}
      {associating ? (
        <AssociatePolicyDialog vaultId={vaultId} policy={associating} open onOpenChange={(o) => !o && setAssociating(null)} />
      ) : null}
      {!data ? (
        <QueryFallback error={error} />
      ) : (
        <SimpleTable
          label="Replication policies"
          rows={data}
          empty="No replication policies yet: create one with + Replication policy, then associate it with a configuration server."
          columns={[
            {
              header: "Name",
              className: "font-semibold",
              cell: (p) => (
                <span className="inline-flex items-center gap-1">
                  <Link href={href(p.id)} className="text-accent hover:underline">
                    {p.name}
                  </Link>
                  {p.readOnlyReason ? <Lock aria-label="Read-only" className="size-3.5 text-fg-muted" /> : null}
                </span>
              ),
            },
            { header: "Type", cell: (p) => POLICY_TYPE_LABEL[p.direction] },
            { header: "RPO threshold", cell: (p) => minutes(p.rpoThresholdMinutes) },
            { header: "Recovery point retention", cell: (p) => hours(p.retentionHours) },
            { header: "App-consistent snapshot frequency", cell: (p) => minutes(p.appConsistentFrequencyMinutes) },
            { header: "Multi-VM consistency", cell: (p) => (p.multiVmConsistency ? "On" : "Off") },
            {
              header: "Associated configuration servers",
              cell: (p) => (p.configurationServers.length ? p.configurationServers.map((cs) => cs.name).join(", ") : "Not associated"),
            },
            {
              header: "Replicated items",
              cell: (p) => (
                <Link
                  href={href(p.id)}
                  className="text-accent hover:underline"
                  aria-label={`${p.itemCount} replicated item${p.itemCount === 1 ? "" : "s"}`}
                >
                  {p.itemCount}
                </Link>
              ),
            },
            {
              header: "Actions",
              cell: (p) =>
                p.readOnlyReason ? (
                  <span className="text-fg-muted">Read-only: follows {p.pairedPolicyName ?? "its replication policy"}</span>
                ) : (
                  <GatedButton
                    variant="command"
                    operation="managePolicies"
                    vaultId={vaultId}
                    aria-label={`Associate ${p.name}`}
                    disabledReason={associatedWithAll(p, servers.data)}
                    onClick={() => setAssociating(p)}
                  >
                    Associate
                  </GatedButton>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
