import { notFound } from "next/navigation";
import { Hand, FileCode } from "lucide-react";
import { serverCaller } from "@/lib/trpc/server";
import { loadOrNotFound } from "@/lib/trpc/load";
import { BladeHeader, Section } from "@/components/shell/blade";
import { ItemStatus } from "@/components/status/status";
import { SimpleTable, linkColumn } from "@/components/ui/simple-table";
import { LOCATION_LABEL } from "@/lib/labels";
import { PlanCommands } from "@/components/recovery-plans/plan-commands";
import { PlanEditCommands, PlanRuns } from "@/components/recovery-plans/plan-edit-commands";

export default async function RecoveryPlanPage({ params }: { params: Promise<{ vault: string; plan: string }> }) {
  const { vault, plan: planId } = await params;
  const caller = await serverCaller();
  const plan = await loadOrNotFound(() => caller.plans.get({ vaultId: vault, planId }));
  if (!plan) notFound();
  const commands = await caller.plans.commands({ vaultId: vault, planId });
  return (
    <>
      <BladeHeader
        title={plan.name}
        subtitle={`Recovery plan · ${plan.source} → ${plan.target}`}
        commands={
          <>
            <PlanCommands
              vaultId={vault}
              plan={{ id: plan.id, name: plan.name, currentJobId: plan.currentJobId, items: plan.groups.flatMap((g) => g.items), commands }}
            />
            {/* Plan editing: its own commands and dialogs. */}
            <PlanEditCommands vaultId={vault} plan={plan} running={!!plan.currentJobId} />
          </>
        }
      />
      {plan.groups.map((g) => (
        <Section key={g.id} title={`Group ${g.ordinal}`} id={`group-${g.ordinal}`}>
          {g.actions
            .filter((a) => a.phase === "pre")
            .map((a) => (
              <p key={a.id} className="mb-1 flex items-center gap-1 text-fg-muted">
                {a.kind === "manual" ? <Hand aria-hidden className="size-4" /> : <FileCode aria-hidden className="size-4" />} Pre-step (
                {a.kind === "manual" ? "manual action" : "script"}): {a.name}
              </p>
            ))}
          <SimpleTable
            label={`Group ${g.ordinal} items`}
            rows={g.items}
            columns={[
              linkColumn((i) => `/vaults/${vault}/replicated-items/${i.id}`),
              { header: "Status", cell: (i) => <ItemStatus state={i.state} /> },
              { header: "Active location", cell: (i) => LOCATION_LABEL[i.activeLocation] },
            ]}
          />
          {g.actions
            .filter((a) => a.phase === "post")
            .map((a) => (
              <p key={a.id} className="mt-1 flex items-center gap-1 text-fg-muted">
                {a.kind === "manual" ? <Hand aria-hidden className="size-4" /> : <FileCode aria-hidden className="size-4" />} Post-step (
                {a.kind === "manual" ? "manual action" : "script"}): {a.name}
              </p>
            ))}
        </Section>
      ))}
      <PlanRuns vaultId={vault} planId={plan.id} />
    </>
  );
}
