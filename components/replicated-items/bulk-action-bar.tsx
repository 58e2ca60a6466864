"use client";

/** The bulk action bar of the Replicated items grid (bulk-actions.tsx), its dialogs and its summary. */
import * as React from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FlaskConical, Power, Trash2, X } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { Button } from "@/components/ui/button";
import type { Operation as RoleOperation } from "@/server/domain/users/roles";
import type { BulkActionBarProps, BulkOp, BulkResult } from "./bulk-actions";

/** Loaded when a bulk action first opens: its dialog and form controls stay out of the blade's first load. */
const BulkDialog = dynamic(() => import("./bulk-action-dialog"));

const ACTIONS: { op: BulkOp; label: string; title: string; role: RoleOperation; Icon: typeof FlaskConical }[] = [
  { op: "test-failover", label: "Test failover", title: "Test failover", role: "testFailover", Icon: FlaskConical },
  {
    op: "cleanup-test-failover",
    label: "Cleanup test failover",
    title: "Test failover cleanup",
    role: "cleanupTestFailover",
    Icon: Trash2,
  },
  { op: "disable-replication", label: "Disable replication", title: "Disable replication", role: "disableReplication", Icon: Power },
];

/** The bar above the grid while rows are selected, its dialogs and the summary of the last bulk action. */
export function BulkActionBar({ vaultId, rows, selected, onDone }: BulkActionBarProps) {
  const [open, setOpen] = React.useState<BulkOp | null>(null);
  const [summary, setSummary] = React.useState<{ op: BulkOp; result: BulkResult; names: Map<string, string> } | null>(null);
  const chosen = rows.filter((r) => selected.has(r.id));
  const trpc = useTRPC();
  const verdicts = useQuery({
    ...trpc.items.bulkVerdicts.queryOptions({ vaultId, itemIds: chosen.map((r) => r.id) }),
    enabled: chosen.length > 0,
  });
  // The grid's rows change with the items (change feed): the verdicts are asked again then.
  const stamp = chosen.map((r) => `${r.id}:${r.state}:${r.currentJobId ?? ""}`).join(",");
  const { refetch } = verdicts;
  React.useEffect(() => {
    if (stamp) void refetch();
  }, [stamp, refetch]);
  return (
    <>
      {chosen.length ? (
        <div
          role="toolbar"
          aria-label="Bulk actions"
          className="mb-2 flex flex-wrap items-center gap-1 border-l-4 border-accent bg-bg-subtle p-2"
        >
          <span className="mr-2 font-semibold">{chosen.length} selected</span>
          {ACTIONS.map(({ op, label, role, Icon }) => {
            const v = verdicts.data?.[op];
            const reason = !v
              ? verdicts.error
                ? verdicts.error.message
                : "Checking the selected items…"
              : v.allowed.length
                ? null
                : `None of the selected items allows ${label}${v.refused.length === 1 ? `: ${v.refused[0]!.reason}` : "."}`;
            return (
              <GatedButton
                key={op}
                variant="command"
                operation={role}
                vaultId={vaultId}
                disabledReason={reason}
                onClick={() => setOpen(op)}
              >
                <Icon aria-hidden /> {label}
              </GatedButton>
            );
          })}
          <Button variant="command" onClick={onDone}>
            <X aria-hidden /> Clear selection
          </Button>
        </div>
      ) : null}
      {open ? (
        <BulkDialog
          vaultId={vaultId}
          op={open}
          title={ACTIONS.find((a) => a.op === open)!.title}
          items={chosen}
          refused={verdicts.data?.[open].refused ?? []}
          onOpenChange={(o) => !o && setOpen(null)}
          onResult={(result) => {
            setSummary({ op: open, result, names: new Map(chosen.map((r) => [r.id, r.name])) });
            setOpen(null);
            onDone();
          }}
        />
      ) : null}
      {summary ? <BulkSummary vaultId={vaultId} {...summary} onClose={() => setSummary(null)} /> : null}
    </>
  );
}

function BulkSummary({
  vaultId,
  op,
  result,
  names,
  onClose,
}: {
  vaultId: string;
  op: BulkOp;
  result: BulkResult;
  names: Map<string, string>;
  onClose: () => void;
}) {
  const label = ACTIONS.find((a) => a.op === op)!.label;
  return (
    <section aria-label="Bulk action results" className="mb-3 rounded border border-border-subtle p-3">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold" role="status">
          {label}: {result.started} started, {result.refused} refused
        </h2>
        <Button variant="command" onClick={onClose} aria-label="Dismiss the results">
          <X aria-hidden />
        </Button>
      </div>
      <ul className="mt-1 grid gap-1">
        {result.results.map((r) => (
          <li key={r.itemId}>
            <span className="font-medium">{names.get(r.itemId) ?? r.itemId}</span>:{" "}
            {r.ok ? (
              <Link href={`/vaults/${vaultId}/jobs/${r.jobId}`} className="text-accent hover:underline">
                job started
              </Link>
            ) : (
              <span className="text-danger">
                refused ({r.code}). {r.message} {r.recommendedAction ?? ""}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
