import { describe, expect, it } from "vitest";
import {
  createTable,
  getCoreRowModel,
  getSortedRowModel,
  type ColumnDef as TanStackColumnDef,
  type SortingState as TanStackSortingState,
} from "@tanstack/react-table";
import { gridRows, resolveColumns, sortRows, toggleSorting, type ColumnDef, type SortingState } from "@/components/ui/data-grid";

// The grid keeps TanStack Table's sorting rules without its table core: the same clicks must give
// the same sorting and the same row order as TanStack's own table over the same columns.
type Job = {
  id: string;
  name: string;
  targetName: string;
  status: string;
  startedAt: Date | null;
  durationMs: number | null;
  note?: string;
};

const jobs: Job[] = Array.from({ length: 14 }, (_, i) => ({
  id: `j${i}`,
  name: ["vm-10", "vm-2", "Vm-1", "web-01", "db", "vm-2"][i % 6]!,
  targetName: ["plan a", "Plan B", "item", "item"][i % 4]!,
  status: ["succeeded", "failed", "in-progress"][i % 3]!,
  startedAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + ((i * 7) % 11))),
  durationMs: i % 4 === 0 ? null : (i * 37) % 9,
  note: i % 3 === 0 ? undefined : `n${i % 2}`,
}));

const columns: ColumnDef<Job>[] = [
  { id: "name", accessorFn: (j) => j.name, header: "Name" },
  { accessorKey: "targetName", header: "Item" },
  { accessorKey: "status", header: "Status" },
  { accessorKey: "startedAt", header: "Start time" },
  { accessorKey: "durationMs", header: "Duration" },
  { accessorKey: "note", header: "Note" },
  { id: "select", header: "Select", enableSorting: false },
];

function tanstack(data: Job[], manual: boolean) {
  let sorting: TanStackSortingState = [];
  const table = createTable<Job>({
    data,
    columns: columns as TanStackColumnDef<Job, unknown>[],
    state: { sorting, columnPinning: {}, columnVisibility: {}, columnOrder: [] },
    onSortingChange: (updater) => {
      sorting = typeof updater === "function" ? updater(sorting) : updater;
      table.setOptions((o) => ({ ...o, state: { ...o.state, sorting } }));
    },
    onStateChange: () => undefined,
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    ...(manual ? { manualSorting: true, enableMultiSort: false, sortDescFirst: false } : { getSortedRowModel: getSortedRowModel() }),
  });
  return {
    click: (id: string, shiftKey: boolean) => table.getColumn(id)!.getToggleSortingHandler()!({ shiftKey }),
    sorting: () => sorting,
    order: () => table.getRowModel().rows.map((r) => r.id),
  };
}

function ours(data: Job[], manual: boolean) {
  let sorting: SortingState = [];
  const resolved = resolveColumns(columns);
  const rows = gridRows(data, resolved, (r) => r.id);
  return {
    click: (id: string, shiftKey: boolean) => {
      const column = resolved.find((c) => c.id === id)!;
      if (!((column.def.enableSorting ?? true) && column.accessor)) return;
      const firstDesc = manual ? false : typeof rows[0]?.getValue(id) !== "string";
      sorting = toggleSorting(sorting, id, firstDesc, !manual && shiftKey);
    },
    sorting: () => sorting,
    order: () => (manual ? rows : sortRows(rows, sorting, resolved)).map((r) => r.id),
  };
}

const clicks: [string, boolean][] = [
  ["name", false],
  ["name", false],
  ["startedAt", true],
  ["startedAt", true],
  ["durationMs", false],
  ["note", true],
  ["durationMs", true],
  ["status", false],
  ["status", false],
  ["status", false],
  ["targetName", true],
  ["durationMs", true],
  ["name", true],
  ["targetName", false],
  ["note", false],
  ["note", false],
  ["select", false],
  ["startedAt", false],
  ["startedAt", false],
  ["startedAt", false],
];

describe("DataGrid sorting matches TanStack Table's", () => {
  for (const manual of [false, true])
    for (const data of [jobs, jobs.slice(0, 8), [...jobs].reverse()])
      it(`${manual ? "server-sorted" : "sorted in the browser"}, ${data.length} rows starting ${data[0]!.id}`, () => {
        const theirs = tanstack(data, manual);
        const mine = ours(data, manual);
        expect(mine.order()).toEqual(theirs.order());
        for (const [id, shift] of clicks) {
          theirs.click(id, shift);
          mine.click(id, shift);
          expect(mine.sorting(), `${id}${shift ? " with Shift" : ""}`).toEqual(theirs.sorting());
          expect(mine.order(), `${id}${shift ? " with Shift" : ""}`).toEqual(theirs.order());
        }
      });
});
