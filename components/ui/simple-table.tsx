import * as React from "react";
import Link from "next/link";
import { EmptyState } from "@/components/shell/blade";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./table";

export type SimpleColumn<T> = { header: string; cell: (row: T) => React.ReactNode; className?: string };

/** A column of row names, each a link to the row's own page. */
export function linkColumn<T extends { id: string; name: string }>(href: (row: T) => string, header = "Name"): SimpleColumn<T> {
  return {
    header,
    cell: (row) => (
      <Link href={href(row)} className="text-accent hover:underline">
        {row.name}
      </Link>
    ),
  };
}

/**
 * A labelled read-only table: one header per column, one row per item (keyed by its id).
 * With `empty`, no rows show that message instead of an empty table.
 */
export function SimpleTable<T extends { id: string }>({
  label,
  columns,
  rows,
  empty,
  className,
}: {
  label: string;
  columns: SimpleColumn<T>[];
  rows: readonly T[];
  empty?: React.ReactNode;
  className?: string;
}) {
  if (empty && rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table aria-label={label} className={className}>
      <TableHeader>
        <TableRow>
          {columns.map((c) => (
            <TableHead key={c.header}>{c.header}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            {columns.map((c) => (
              <TableCell key={c.header} className={c.className}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
