"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { Download, FileText, Printer } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { BladeHeader, QueryFallback } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { JOB_STATUS_LABEL, formatRpo, formatTime } from "@/lib/labels";

type Target = { item: string } | { plan: string };

const query = (t: Target) => ("item" in t ? `item=${encodeURIComponent(t.item)}` : `plan=${encodeURIComponent(t.plan)}`);

/** Export report: downloads the drill report's CSV and opens its printable view. */
export function ExportReportButton({ vaultId, target, disabled }: { vaultId: string; target: Target; disabled?: string | null }) {
  const router = useRouter();
  return (
    <Button
      variant="command"
      aria-disabled={disabled ? true : undefined}
      title={disabled ?? undefined}
      onClick={() => {
        if (disabled) return;
        const a = document.createElement("a");
        a.href = `/vaults/${vaultId}/drill-report/csv?${query(target)}`;
        a.download = "";
        document.body.append(a);
        a.click();
        a.remove();
        router.push(`/vaults/${vaultId}/drill-report?${query(target)}`);
      }}
    >
      <FileText aria-hidden /> Export report
    </Button>
  );
}

/** The printable drill evidence report (browser print to PDF). */
export function DrillReportView({ vaultId, target }: { vaultId: string; target: Target }) {
  const trpc = useTRPC();
  const input = "item" in target ? { vaultId, itemId: target.item } : { vaultId, planId: target.plan };
  const { data, error, isLoading } = useQuery(trpc.items.drillReport.queryOptions(input));
  if (error || isLoading) return <QueryFallback error={error} />;
  if (!data)
    return (
      <>
        <BladeHeader title="Drill report" />
        <p>There is no test failover to report on yet: run Test failover, then export the report.</p>
      </>
    );
  const subjectHref = `/vaults/${vaultId}/${data.subject.kind === "item" ? "replicated-items" : "recovery-plans"}/${data.subject.id}`;
  return (
    <article>
      <BladeHeader
        title="Drill report"
        subtitle={`Test failover evidence · ${data.subject.kind === "item" ? "Replicated item" : "Recovery plan"} ${data.subject.name}`}
      />
      <div className="mb-3 flex gap-2 print:hidden">
        <Button onClick={() => window.print()}>
          <Printer aria-hidden /> Print
        </Button>
        <a data-slot="button" className={buttonVariants()} href={`/vaults/${vaultId}/drill-report/csv?${query(target)}`} download>
          <Download aria-hidden /> Download CSV
        </a>
      </div>
      <dl className="mb-4">
        <LabelledValue id="drill-subject" label={data.subject.kind === "item" ? "Replicated item" : "Recovery plan"}>
          <Link href={subjectHref} className="text-accent hover:underline">
            {data.subject.name}
          </Link>
        </LabelledValue>
        {data.planJob ? (
          <>
            <LabelledValue id="drill-plan-status" label="Plan job status">
              {JOB_STATUS_LABEL[data.planJob.status]}
            </LabelledValue>
            <LabelledValue id="drill-plan-started" label="Plan started">
              {formatTime(data.planJob.startedAt)} by {data.planJob.startedBy}
            </LabelledValue>
          </>
        ) : null}
        <LabelledValue id="drill-items" label="Items tested">
          {data.runs.length}
        </LabelledValue>
      </dl>
      <SimpleTable
        label="Drill results"
        rows={data.runs.map((r) => ({ ...r, id: r.jobId }))}
        empty="The plan's test failover started no item yet."
        columns={[
          { header: "Item", cell: (r) => r.itemName },
          { header: "Status", cell: (r) => JOB_STATUS_LABEL[r.status] },
          { header: "Recovery point used", cell: (r) => formatTime(r.recoveryPointAt) },
          { header: "Achieved RPO", cell: (r) => formatRpo(r.rpoSeconds) },
          { header: "VM running", cell: (r) => formatTime(r.vmRunningAt) },
          { header: "Achieved RTO", cell: (r) => formatRpo(r.rtoSeconds) },
          { header: "Checks", cell: (r) => r.checks },
          { header: "Started by", cell: (r) => r.startedBy },
          { header: "Cleanup", cell: (r) => (r.cleanupAt ? formatTime(r.cleanupAt) : "Not cleaned up") },
          { header: "Notes", cell: (r) => r.notes ?? "—" },
        ]}
      />
      <p className="mt-3 text-xs text-fg-muted">
        Achieved RPO: the age of the recovery point used when the test failover started (the data-loss window). Achieved RTO: from the start
        of the test failover to the test virtual machine running.
      </p>
    </article>
  );
}
