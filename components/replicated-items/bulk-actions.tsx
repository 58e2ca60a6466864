"use client";

/**
 * Bulk actions of the Replicated items grid: a selection column and an action bar (Test failover,
 * Cleanup test failover, Disable replication of the selected rows). Each item runs as its own job;
 * the results are summarised per item. An action is enabled only when the state machine allows it
 * for at least one selected item (`items.bulkVerdicts`: the rule each item's verb asks first), and its dialog
 * names the items it will refuse, with why, before OK. The grid hooks in with `useBulkSelection` (its column) and
 * `<BulkActionBar>`; the grid's data fetching is its own. The bar itself (bulk-action-bar.tsx) loads
 * when a row is first selected.
 */
import * as React from "react";
import dynamic from "next/dynamic";
import type { ColumnDef } from "@/components/ui/data-grid";
import type { RouterOutputs } from "@/lib/trpc/types";
import type { BulkOperation } from "@/server/domain/replicated-item/bulk";

export type BulkRow = { id: string; name: string; state: string; currentJobId: string | null };
export type BulkOp = BulkOperation;
export type Verdicts = RouterOutputs["items"]["bulkVerdicts"];
export type BulkResult = RouterOutputs["items"]["bulkTestFailover"];
export type BulkActionBarProps = { vaultId: string; rows: BulkRow[]; selected: ReadonlySet<string>; onDone: () => void };

/** Loaded when a row is first selected: the bar, its verdicts query and its dialogs stay out of the grid's first load. */
const Bar = dynamic(() => import("./bulk-action-bar").then((m) => m.BulkActionBar));

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
  const column = React.useMemo<ColumnDef<T>>(
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

/**
 * The bar above the grid while rows are selected, its dialogs and the summary of the last bulk
 * action. Mounted from the first selection on (nothing shows before it), so a dialog or a summary
 * outlives the selection as it always did.
 */
export function BulkActionBar(props: BulkActionBarProps) {
  const [used, setUsed] = React.useState(false);
  if (props.selected.size > 0 && !used) setUsed(true);
  // Its own boundary: while its script loads, the grid (the checkbox just ticked) stays as it is.
  return used ? (
    <React.Suspense fallback={null}>
      <Bar {...props} />
    </React.Suspense>
  ) : null;
}
