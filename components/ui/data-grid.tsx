"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./table";

/** The Name column of a grid whose rows open a blade: the name links to `href(row)`. */
export function nameLinkColumn<T extends { name: string }>(href: (row: T) => string): ColumnDef<T, unknown> {
  return {
    id: "name",
    accessorFn: (row) => row.name,
    header: "Name",
    cell: ({ row }) => <RowLink href={href(row.original)}>{row.original.name}</RowLink>,
  };
}

/**
 * A row's link, prefetched when the pointer or the focus reaches it rather than when it scrolls
 * into view: a grid shows up to 100 rows, and each new set of rows (a search, a page, a sort) would
 * otherwise send as many page prefetches to the server, queued with (and ahead of) the query that
 * fills the grid.
 */
function RowLink({ href, children }: { href: string; children: React.ReactNode }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      href={href}
      prefetch={false}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
      className="text-accent hover:underline"
    >
      {children}
    </Link>
  );
}

/**
 * A dense, sortable grid (TanStack Table) with keyboard-reachable sort buttons in the headers.
 * Sorted in the browser, unless the caller owns the sorting (`sorting` + `onSortingChange`): then
 * `data` is already sorted (by the server) and a header click only reports the new sorting.
 */
export function DataGrid<T>({
  data,
  columns,
  label,
  empty,
  getRowId,
  sorting: controlled,
  onSortingChange,
}: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  label: string;
  empty?: React.ReactNode;
  getRowId?: (row: T) => string;
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
}) {
  const [local, setLocal] = React.useState<SortingState>([]);
  const manual = controlled !== undefined && onSortingChange !== undefined;
  const sorting = manual ? controlled : local;
  // TanStack Table returns non-memoizable functions by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      if (manual) onSortingChange(next);
      else setLocal(next);
    },
    getCoreRowModel: getCoreRowModel(),
    ...(manual ? { manualSorting: true, enableMultiSort: false, sortDescFirst: false } : { getSortedRowModel: getSortedRowModel() }),
    getRowId,
  });
  return (
    <Table aria-label={label}>
      <TableHeader>
        {table.getHeaderGroups().map((hg) => (
          <TableRow key={hg.id}>
            {hg.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              return (
                <TableHead key={h.id} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                  {h.isPlaceholder ? null : h.column.getCanSort() ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 font-semibold hover:text-accent"
                      onClick={h.column.getToggleSortingHandler()}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {sorted === "asc" ? (
                        <ArrowUp aria-hidden className="size-3" />
                      ) : sorted === "desc" ? (
                        <ArrowDown aria-hidden className="size-3" />
                      ) : (
                        <ArrowUpDown aria-hidden className="size-3 opacity-40" />
                      )}
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={columns.length} className="py-6 text-center text-fg-muted">
              {empty ?? "No results."}
            </TableCell>
          </TableRow>
        ) : (
          table.getRowModel().rows.map((row) => (
            <TableRow key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
              ))}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
