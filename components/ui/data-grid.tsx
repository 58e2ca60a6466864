"use client";

/**
 * A dense, sortable grid with keyboard-reachable sort buttons in the headers. It keeps TanStack
 * Table's column definitions (id / accessorKey / accessorFn, header, cell, enableSorting) and its
 * sorting rules (first direction by the first row's value, asc → desc → none, Shift+click adds a
 * column, the same sorting functions and stable order) without its table core, which held a grid's
 * first load back by ≈ 13 KB: a grid only pages, filters and sorts, never groups, pins or resizes.
 */
import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { sortingFns } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./table";

export type GridRow<T> = { id: string; index: number; original: T; getValue: (columnId: string) => unknown };
export type CellContext<T> = { row: GridRow<T>; column: { id: string }; getValue: () => unknown; renderValue: () => unknown };
export type ColumnDef<T> = {
  id?: string;
  accessorKey?: keyof T & string;
  accessorFn?: (row: T) => unknown;
  header?: string | React.ComponentType<{ column: { id: string } }>;
  cell?: React.ComponentType<CellContext<T>>;
  enableSorting?: boolean;
};
export type SortingState = { id: string; desc: boolean }[];

export type Column<T> = { id: string; def: ColumnDef<T>; accessor?: (row: T) => unknown };

/** The Name column of a grid whose rows open a blade: the name links to `href(row)`. */
export function nameLinkColumn<T extends { name: string }>(href: (row: T) => string): ColumnDef<T> {
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

/** A header or cell: a component (rendered as one) or a value shown as it is. */
function render<P extends object>(content: React.ComponentType<P> | React.ReactNode, props: P): React.ReactNode {
  if (typeof content === "function") {
    const Content = content as React.ComponentType<P>;
    return <Content {...props} />;
  }
  return content as React.ReactNode;
}

export function resolveColumns<T>(defs: ColumnDef<T>[]): Column<T>[] {
  return defs.map((def) => {
    const key = def.accessorKey;
    const accessor = def.accessorFn ?? (key ? (row: T) => row[key] : undefined);
    return { id: def.id ?? key ?? (typeof def.header === "string" ? def.header : ""), def, accessor };
  });
}

/** The grid's rows, in `data`'s order; each value is read once. */
export function gridRows<T>(data: T[], columns: Column<T>[], getRowId?: (row: T) => string): GridRow<T>[] {
  return data.map((original, index) => {
    const values = new Map<string, unknown>();
    return {
      id: getRowId ? getRowId(original) : String(index),
      index,
      original,
      getValue: (id) => {
        if (!values.has(id)) values.set(id, columns.find((c) => c.id === id)?.accessor?.(original));
        return values.get(id);
      },
    };
  });
}

/**
 * The sorting after a click on column `id`'s header (TanStack's toggleSorting): its first direction,
 * then the other, then none; with `multi` (Shift) the column is added to the sorting or toggled in it.
 */
export function toggleSorting(sorting: SortingState, id: string, firstDesc: boolean, multi: boolean): SortingState {
  const current = sorting.find((s) => s.id === id);
  const next: "asc" | "desc" | false = !current
    ? firstDesc
      ? "desc"
      : "asc"
    : current.desc !== firstDesc
      ? false
      : current.desc
        ? "asc"
        : "desc";
  const desc = next === "desc";
  const toggled = () => (next === false ? sorting.filter((s) => s.id !== id) : sorting.map((s) => (s.id === id ? { ...s, desc } : s)));
  if (sorting.length && multi) return current ? toggled() : [...sorting, { id, desc }];
  if (current && sorting.indexOf(current) === sorting.length - 1) return toggled();
  return [{ id, desc }];
}

type SortingFn = (a: GridRow<unknown>, b: GridRow<unknown>, columnId: string) => number;
/** TanStack's sorting functions; they read a row only through getValue. */
const SORTING_FNS = sortingFns as unknown as Record<"alphanumeric" | "text" | "datetime" | "basic", SortingFn>;

/** TanStack's "auto" sorting function (it looks at the rows from the eleventh on, as TanStack does). */
function autoSortingFn<T>(rows: GridRow<T>[], id: string): SortingFn {
  let isString = false;
  for (const row of rows.slice(10)) {
    const value = row.getValue(id);
    if (Object.prototype.toString.call(value) === "[object Date]") return SORTING_FNS.datetime;
    if (typeof value === "string") {
      isString = true;
      if (value.split(/([0-9]+)/gm).length > 1) return SORTING_FNS.alphanumeric;
    }
  }
  return isString ? SORTING_FNS.text : SORTING_FNS.basic;
}

/** Rows sorted by `sorting`: undefined values last, ties in their original order. */
export function sortRows<T>(rows: GridRow<T>[], sorting: SortingState, columns: Column<T>[]): GridRow<T>[] {
  const sorts = sorting
    .map((s) => ({ ...s, column: columns.find((c) => c.id === s.id) }))
    .filter((s) => s.column && canSort(s.column))
    .map((s) => ({ ...s, fn: autoSortingFn(rows, s.id) }));
  if (!rows.length || !sorts.length) return rows;
  return [...rows].sort((a, b) => {
    for (const s of sorts) {
      const av = a.getValue(s.id);
      const bv = b.getValue(s.id);
      let result = 0;
      if (av === undefined || bv === undefined) result = av === undefined && bv === undefined ? 0 : av === undefined ? 1 : -1;
      if (result === 0) result = s.fn(a as GridRow<unknown>, b as GridRow<unknown>, s.id);
      if (result !== 0) return s.desc ? -result : result;
    }
    return a.index - b.index;
  });
}

const canSort = <T,>(column: Column<T>) => (column.def.enableSorting ?? true) && !!column.accessor;

/**
 * A dense, sortable grid. Sorted in the browser, unless the caller owns the sorting (`sorting` +
 * `onSortingChange`): then `data` is already sorted (by the server) and a header click only
 * reports the new sorting (one column, ascending first).
 */
export function DataGrid<T>({
  data,
  columns: defs,
  label,
  empty,
  getRowId,
  sorting: controlled,
  onSortingChange,
}: {
  data: T[];
  columns: ColumnDef<T>[];
  label: string;
  empty?: React.ReactNode;
  getRowId?: (row: T) => string;
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
}) {
  const [local, setLocal] = React.useState<SortingState>([]);
  const manual = controlled !== undefined && onSortingChange !== undefined;
  const sorting = manual ? controlled : local;
  const columns = React.useMemo(() => resolveColumns(defs), [defs]);
  const rows = React.useMemo(() => gridRows(data, columns, getRowId), [data, columns, getRowId]);
  const shown = React.useMemo(() => (manual ? rows : sortRows(rows, sorting, columns)), [manual, rows, sorting, columns]);

  const toggle = (column: Column<T>, shiftKey: boolean) => {
    // The first direction: ascending when the server sorts, else by the first row's value (text ascending, the rest descending).
    const firstDesc = manual ? false : typeof rows[0]?.getValue(column.id) !== "string";
    const updated = toggleSorting(sorting, column.id, firstDesc, !manual && shiftKey);
    if (manual) onSortingChange(updated);
    else setLocal(updated);
  };

  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => {
            const sort = sorting.find((s) => s.id === column.id);
            const sorted = sort ? (sort.desc ? "desc" : "asc") : false;
            const header = render(column.def.header ?? (column.def.accessorKey || (column.def.accessorFn ? column.id : null)), {
              column: { id: column.id },
            });
            return (
              <TableHead key={column.id} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                {canSort(column) ? (
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 font-semibold hover:text-accent"
                    onClick={(e) => toggle(column, e.shiftKey)}
                  >
                    {header}
                    {sorted === "asc" ? (
                      <ArrowUp aria-hidden className="size-3" />
                    ) : sorted === "desc" ? (
                      <ArrowDown aria-hidden className="size-3" />
                    ) : (
                      <ArrowUpDown aria-hidden className="size-3 opacity-40" />
                    )}
                  </button>
                ) : (
                  header
                )}
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {shown.length === 0 ? (
          <TableRow>
            <TableCell colSpan={columns.length} className="py-6 text-center text-fg-muted">
              {empty ?? "No results."}
            </TableCell>
          </TableRow>
        ) : (
          shown.map((row) => (
            <TableRow key={row.id}>
              {columns.map((column) => {
                const getValue = () => row.getValue(column.id);
                return (
                  <TableCell key={`${row.id}_${column.id}`}>
                    {column.def.cell
                      ? render(column.def.cell, { row, column: { id: column.id }, getValue, renderValue: getValue })
                      : ((getValue() as { toString?: () => string } | null | undefined)?.toString?.() ?? null)}
                  </TableCell>
                );
              })}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
