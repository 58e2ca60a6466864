"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { Section } from "@/components/shell/blade";
import { JobStatus } from "@/components/status/status";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatDuration, formatTime } from "@/lib/labels";
import type { EditablePlan } from "./edit-plan-dialog";
import { ExportReportButton } from "@/components/drill/drill-report";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";

const EditPlanDialog = dynamic(() => import("./edit-plan-dialog").then((m) => m.EditPlanDialog));
const DeletePlanDialog = dynamic(() => import("./delete-plan-dialog").then((m) => m.DeletePlanDialog));

/** Edit and Delete of a recovery plan's page: both refused while the plan runs. */
export function PlanEditCommands({ vaultId, plan, running }: { vaultId: string; plan: EditablePlan; running: boolean }) {
  const [open, setOpen] = React.useState<"edit" | "delete" | null>(null);
  const busy = running ? "The recovery plan is running; edit it when its job has finished." : null;
  return (
    <>
      <GatedButton variant="command" operation="editPlans" vaultId={vaultId} disabledReason={busy} onClick={() => setOpen("edit")}>
        <Pencil aria-hidden /> Edit
      </GatedButton>
      <GatedButton variant="command" operation="editPlans" vaultId={vaultId} disabledReason={busy} onClick={() => setOpen("delete")}>
        <Trash2 aria-hidden /> Delete
      </GatedButton>
      {open === "edit" ? <EditPlanDialog vaultId={vaultId} plan={plan} open onOpenChange={(o) => !o && setOpen(null)} /> : null}
      {open === "delete" ? <DeletePlanDialog vaultId={vaultId} plan={plan} open onOpenChange={(o) => !o && setOpen(null)} /> : null}
    </>
  );
}

/** The plan's last runs, newest first, each linking to its job. */
export function PlanRuns({ vaultId, planId }: { vaultId: string; planId: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.plans.runs.queryOptions({ vaultId, planId }));
  const shownIds = React.useMemo(() => (runs.data ?? []).map((r) => r.id), [runs.data]);
  // A new job or a job's status change (counts), or a change to a run shown: from the change feed.
  useRefetchOnChange((e) => touches(e, "job", shownIds), runs.refetch, 500);
  return (
    <Section title="Last runs">
      <div className="mb-1">
        <ExportReportButton
          vaultId={vaultId}
          target={{ plan: planId }}
          disabled={
            runs.data?.some((r) => r.name === "Recovery plan test failover")
              ? null
              : "The plan has no test failover yet: run Test failover first."
          }
        />
      </div>
      {runs.error ? (
        <p role="alert" className="text-danger">
          {runs.error.message}
        </p>
      ) : (
        <SimpleTable
          label="Last runs"
          rows={runs.data ?? []}
          empty={runs.data ? "The plan has not run yet. Test failover proves it works without touching production." : "Loading…"}
          columns={[
            {
              header: "Job",
              cell: (r) => (
                <Link href={`/vaults/${vaultId}/jobs/${r.id}`} className="text-accent hover:underline">
                  {r.name}
                </Link>
              ),
            },
            { header: "Status", cell: (r) => <JobStatus status={r.status} /> },
            { header: "Started by", cell: (r) => r.createdBy ?? "System" },
            { header: "Start time", cell: (r) => formatTime(r.startedAt ?? r.createdAt) },
            {
              header: "Duration",
              cell: (r) => (r.startedAt && r.endedAt ? formatDuration(r.endedAt.getTime() - r.startedAt.getTime()) : "—"),
            },
          ]}
        />
      )}
    </Section>
  );
}
