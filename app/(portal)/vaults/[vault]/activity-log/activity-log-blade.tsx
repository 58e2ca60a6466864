"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { Download } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { useCan } from "@/components/auth/role-gate";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { searchParam } from "@/lib/url-params";

const OUTCOMES = ["accepted", "refused", "error"] as const;
type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_LABEL: Record<Outcome, string> = { accepted: "Accepted", refused: "Refused", error: "Error" };
const ORDERS = ["newest", "oldest"] as const;
type Order = (typeof ORDERS)[number];
const ORDER_LABEL: Record<Order, string> = { newest: "Newest first", oldest: "Oldest first" };

/** The filters in the URL; From and To are the datetime-local inputs' values. */
const FILTERS = {
  user: searchParam,
  operation: parseAsString.withDefault(""),
  outcome: parseAsStringLiteral(OUTCOMES),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
  order: parseAsStringLiteral(ORDERS),
};

/** Rows per page (the server answers at most 100); "Load more" continues after the last row shown. */
const PAGE_SIZE = 50;

function toDate(v: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function ActivityLogBlade({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const canExport = useCan("exportActivityLog", vaultId);
  const [{ user, operation, outcome, from, to, order }, setFilters] = useQueryStates(FILTERS);

  const filter = {
    vaultId,
    user: user || undefined,
    operation: operation || undefined,
    outcome: outcome ?? undefined,
    from: toDate(from),
    to: toDate(to),
  };
  // Paged by cursor on the server (filtered and ordered in SQL, with the total count).
  const entries = useInfiniteQuery({
    ...trpc.activity.list.infiniteQueryOptions(
      { ...filter, order: order ?? undefined, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: (prev) => prev,
  });
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const total = entries.data?.pages[0]?.total;
  const operations = useQuery(trpc.activity.operations.queryOptions({ vaultId }));

  const exportQuery = new URLSearchParams();
  for (const [k, v] of Object.entries({
    user,
    operation,
    outcome: outcome ?? "",
    from: toDate(from)?.toISOString() ?? "",
    to: toDate(to)?.toISOString() ?? "",
    order: order ?? "",
  }))
    if (v) exportQuery.set(k, v);
  const exportHref = `/vaults/${encodeURIComponent(vaultId)}/activity-log/export?${exportQuery.toString()}`;

  return (
    <div className="grid gap-3">
      <form
        role="search"
        aria-label="Filter the activity log"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="User" htmlFor="filter-user" className="w-52">
          <Input
            id="filter-user"
            type="search"
            value={user}
            placeholder="Email contains…"
            onChange={(e) => void setFilters({ user: e.target.value })}
          />
        </Field>
        <Field label="Operation" htmlFor="filter-operation" className="w-52">
          <Select id="filter-operation" value={operation} onChange={(e) => void setFilters({ operation: e.target.value })}>
            <option value="">All operations</option>
            {(operations.data ?? []).map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Outcome" htmlFor="filter-outcome" className="w-36">
          <Select
            id="filter-outcome"
            value={outcome ?? ""}
            onChange={(e) => void setFilters({ outcome: (e.target.value || null) as Outcome | null })}
          >
            <option value="">All outcomes</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From" htmlFor="filter-from" className="w-52">
          <Input id="filter-from" type="datetime-local" value={from} onChange={(e) => void setFilters({ from: e.target.value })} />
        </Field>
        <Field label="To" htmlFor="filter-to" className="w-52">
          <Input id="filter-to" type="datetime-local" value={to} onChange={(e) => void setFilters({ to: e.target.value })} />
        </Field>
        <Field label="Order" htmlFor="filter-order" className="w-36">
          <Select
            id="filter-order"
            value={order ?? "newest"}
            onChange={(e) => void setFilters({ order: e.target.value === "oldest" ? "oldest" : null })}
          >
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {ORDER_LABEL[o]}
              </option>
            ))}
          </Select>
        </Field>
        {canExport.allowed ? (
          <a href={exportHref} className={buttonVariants({ variant: "secondary" })} download>
            <Download aria-hidden /> Export to CSV
          </a>
        ) : (
          <Tooltip content={canExport.reason ?? "Loading…"}>
            <button
              type="button"
              aria-disabled="true"
              aria-describedby="export-reason"
              className={buttonVariants({ variant: "secondary" })}
            >
              <Download aria-hidden /> Export to CSV
            </button>
          </Tooltip>
        )}
        {!canExport.allowed && canExport.reason ? (
          <span id="export-reason" className="sr-only">
            {canExport.reason}
          </span>
        ) : null}
      </form>

      <p className="text-fg-muted" aria-live="polite">
        {total === undefined ? "Loading…" : total > rows.length ? `${rows.length} of ${total} entries` : `${total} entries`}
      </p>
      {entries.error ? (
        <p role="alert" className="text-danger">
          {entries.error.message}
        </p>
      ) : null}
      <Table aria-label="Activity log entries">
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>User</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Operation</TableHead>
            <TableHead>Target</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead>Reason</TableHead>
            <TableHead>Client IP</TableHead>
            <TableHead>Input</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((e) => (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap">{e.at.toLocaleString()}</TableCell>
              <TableCell>{e.userEmail ?? "—"}</TableCell>
              <TableCell>{e.role ?? "—"}</TableCell>
              <TableCell>{e.operation}</TableCell>
              <TableCell>{e.target ?? ""}</TableCell>
              <TableCell>
                <span className={e.outcome === "accepted" ? "text-success" : "text-danger"}>{OUTCOME_LABEL[e.outcome]}</span>
              </TableCell>
              <TableCell className="max-w-xs">{e.reason ?? ""}</TableCell>
              <TableCell>{e.clientIp ?? ""}</TableCell>
              <TableCell className="max-w-xs truncate font-mono text-xs" title={e.inputSummary ?? ""}>
                {e.inputSummary ?? ""}
              </TableCell>
            </TableRow>
          ))}
          {entries.data && rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={9} className="text-fg-muted">
                No entries match the filters.
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
      {entries.hasNextPage ? (
        <div>
          <Button onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
            {entries.isFetchingNextPage ? "Loading more…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
