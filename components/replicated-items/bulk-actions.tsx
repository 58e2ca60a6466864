"use client";

/**
 * Bulk actions of the Replicated items grid: a selection column and an action bar (Test failover,
 * Cleanup test failover, Disable replication of the selected rows). Each item runs as its own job;
 * the results are summarised per item. An action is enabled only when the state machine allows it
 * for at least one selected item (`items.bulkVerdicts`: the rule each item's verb asks first), and its dialog
 * names the items it will refuse, with why, before OK. The grid hooks in with `useBulkSelection` (its column) and
 * `<BulkActionBar>`; the grid's data fetching is its own.
 */
import * as React from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { useQuery } from "@tanstack/react-query";
import { FlaskConical, Power, Trash2, X } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { Button } from "@/components/ui/button";
import type { RouterOutputs } from "@/lib/trpc/types";
import type { Operation as RoleOperation } from "@/server/domain/users/roles";
import type { BulkOperation } from "@/server/domain/replicated-item/bulk";

export type BulkRow = { id: string; name: string; state: string; currentJobId: string | null };
export type BulkOp = BulkOperation;
export type Verdicts = RouterOutputs["items"]["bulkVerdicts"];
export type BulkResult = RouterOutputs["items"]["bulkTestFailover"];

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

/** The selected row ids and the grid column of checkboxes that selects them. */
export function useBulkSelection<T extends BulkRow>(rows: T[]) {
  const [selected, setSelected] = React.useState<ReadonlySet<string>>(new Set());
  // Rows that left the grid (filtered out, deleted) leave the selection too.
  const visible = React.useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const current = React.useMemo(() => new Set([...selected].filter((id) => visible.has(id))), [selected, visible]);
  const toggle = React.useCallback(
    (id: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const allOn = rows.length > 0 && rows.every((r) => current.has(r.id));
  const column = React.useMemo<ColumnDef<T, unknown>>(
    () => ({
      id: "select",
      enableSorting: false,
      header: () => (
        <input
          type="checkbox"
          aria-label="Select all items"
          className="size-4 accent-accent"
          checked={allOn}
          onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.name}`}
          className="size-4 accent-accent"
          checked={current.has(row.original.id)}
          onChange={(e) => toggle(row.original.id, e.target.checked)}
        />
      ),
    }),
    [allOn, current, rows, toggle],
  );
  return { selected: current, column, clear: () => setSelected(new Set()) };
}

/** The bar above the grid while rows are selected, its dialogs and the summary of the last bulk action. */
export function BulkActionBar({
  vaultId,
  rows,
  selected,
  onDone,
}: {
  vaultId: string;
  rows: BulkRow[];
  selected: ReadonlySet<string>;
  onDone: () => void;
}) {
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
