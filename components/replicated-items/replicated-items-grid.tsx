"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef, SortingState } from "@/components/ui/data-grid";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { useQueryStates } from "nuqs";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DataGrid, nameLinkColumn } from "@/components/ui/data-grid";
import { Button } from "@/components/ui/button";
import type { ItemSort } from "@/server/domain/replicated-item/inputs";
import { FilterSelect } from "@/components/ui/filter-select";
import { SearchBox } from "@/components/ui/search-box";
import { HealthStatus, ItemStatus } from "@/components/status/status";
import { HEALTH_LABEL, ITEM_STATE_LABEL, LOCATION_LABEL, formatRpo, formatTime } from "@/lib/labels";
import { BulkActionBar, useBulkSelection } from "./bulk-actions";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";
import { itemGridPage, itemGridParams, itemListInput } from "./grid-params";

export type ItemRow = RouterOutputs["items"]["list"]["items"][number];

/**
 * The grid's columns; each column's id is its server-side sort key (ItemSort). Other views (e.g.
 * a selection column) extend the grid through `extendColumns` rather than copying these.
 */
export function replicatedItemColumns(vaultId: string): ColumnDef<ItemRow>[] {
  return [
    nameLinkColumn((item) => `/vaults/${vaultId}/replicated-items/${item.id}`),
    {
      id: "health",
      accessorKey: "replicationHealth",
      header: "Replication Health",
      cell: ({ row }) => <HealthStatus health={row.original.replicationHealth} />,
    },
    {
      id: "state",
      accessorKey: "state",
      header: "Status",
      cell: ({ row }) => (
        <span className="inline-flex items-center gap-1">
          <ItemStatus state={row.original.state} />
          {row.original.state === "enabling-protection" ? (
            <span className="text-fg-muted">({Math.floor(row.original.initialReplicationPercent)}%)</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "location",
      accessorKey: "activeLocation",
      header: "Active location",
      cell: ({ row }) => LOCATION_LABEL[row.original.activeLocation],
    },
    { id: "rpo", accessorKey: "rpoSeconds", header: "RPO", cell: ({ row }) => formatRpo(row.original.rpoSeconds) },
    {
      id: "lastRecoveryPoint",
      accessorKey: "lastRecoveryPointAt",
      header: "Latest recovery point",
      cell: ({ row }) => formatTime(row.original.lastRecoveryPointAt),
    },
    {
      id: "kind",
      accessorKey: "kind",
      header: "Type",
      cell: ({ row }) => (row.original.kind === "vmware" ? "VMware VM" : "Physical server"),
    },
  ];
}

/** At most one refetch of the page per this many ms when its rows change continuously (thousands of replicating items). */
const CHANGE_REFETCH_MS = 500;

/**
 * The Replicated items grid: one page of at most 100 items at a time, filtered, sorted and
 * counted by the server; filters, sort and page live in the URL. `sorts` and `pageSize` are the
 * domain's (ITEM_SORTS, ITEM_PAGE_SIZE), passed by the server page.
 */
export function ReplicatedItemsGrid({
  vaultId,
  sorts,
  pageSize,
  extendColumns,
}: {
  vaultId: string;
  sorts: readonly ItemSort[];
  pageSize: number;
  extendColumns?: (columns: ColumnDef<ItemRow>[]) => ColumnDef<ItemRow>[];
}) {
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(React.useMemo(() => itemGridParams(sorts), [sorts]));
  const page = itemGridPage(filters);
  const input = itemListInput(vaultId, filters, pageSize);
  const isSort = (id: string): id is ItemSort => (sorts as readonly string[]).includes(id);
  // No polling: the page refetches when the vault's change feed names one of its rows, or a change
  // that can move counts or filtered pages (an item added or removed, a state/health/location change).
  const query = useQuery({ ...trpc.items.list.queryOptions(input), placeholderData: (prev) => prev });
  // Bulk actions (bulk-actions.tsx): the selection column and the action bar; they read the rows shown, nothing more.
  const rows = React.useMemo(() => query.data?.items ?? [], [query.data]);
  const shownIds = React.useMemo(() => rows.map((r) => r.id), [rows]);
  useRefetchOnChange((e) => touches(e, "item", shownIds), query.refetch, CHANGE_REFETCH_MS);
  const bulk = useBulkSelection(rows);
  const columns = React.useMemo(() => {
    const base = [bulk.column, ...replicatedItemColumns(vaultId)];
    return extendColumns ? extendColumns(base) : base;
  }, [vaultId, extendColumns, bulk.column]);
  const sorting: SortingState = filters.sort ? [{ id: filters.sort, desc: filters.dir === "desc" }] : [];
  const onSortingChange = (next: SortingState) => {
    const first = next[0];
    // A new sort starts again from the first page.
    if (first && isSort(first.id)) void setFilters({ sort: first.id, dir: first.desc ? "desc" : "asc", page: null });
    else void setFilters({ sort: null, dir: null, page: null });
  };
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // Items went away (or a stale link): show the last page there is rather than an empty one.
  const beyond = !!query.data && page > pages;
  React.useEffect(() => {
    if (beyond) void setFilters({ page: pages > 1 ? pages : null });
  }, [beyond, pages, setFilters]);
  const first = total ? (page - 1) * pageSize + 1 : 0;
  const last = Math.min(total, page * pageSize);
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <div className="relative w-64">
          <label htmlFor="items-search" className="sr-only">
            Search
          </label>
          <Search aria-hidden className="pointer-events-none absolute top-2 left-2 size-4 text-fg-muted" />
          <SearchBox
            id="items-search"
            placeholder="Filter by name"
            value={filters.search}
            onSearch={(search) => void setFilters({ search, page: null })}
            className="pl-7"
          />
        </div>
        <FilterSelect
          id="filter-health"
          label="Replication health"
          value={filters.health}
          options={Object.entries(HEALTH_LABEL)}
          onChange={(health) => void setFilters({ health, page: null })}
        />
        <FilterSelect
          id="filter-state"
          label="Status"
          value={filters.state}
          options={Object.entries(ITEM_STATE_LABEL)}
          onChange={(state) => void setFilters({ state, page: null })}
        />
        <FilterSelect
          id="filter-location"
          label="Active location"
          value={filters.location}
          options={Object.entries(LOCATION_LABEL)}
          onChange={(location) => void setFilters({ location, page: null })}
        />
        <span className="ml-auto text-fg-muted" aria-live="polite">
          {query.data ? (total > pageSize ? `${first}–${last} of ${total} items` : `${total} items`) : "Loading…"}
        </span>
      </div>
      <BulkActionBar vaultId={vaultId} rows={rows} selected={bulk.selected} onDone={bulk.clear} />
      {query.error ? (
        <p role="alert" className="text-danger">
          {query.error.message}
        </p>
      ) : (
        <DataGrid
          label="Replicated items"
          data={rows}
          columns={columns}
          getRowId={(r) => r.id}
          sorting={sorting}
          onSortingChange={onSortingChange}
          empty={query.isLoading ? "Loading…" : "No replicated items match the filters."}
        />
      )}
      {pages > 1 ? (
        <nav aria-label="Pages of replicated items" className="mt-2 flex items-center gap-2">
          <Button variant="command" disabled={page <= 1} onClick={() => void setFilters({ page: page - 1 > 1 ? page - 1 : null })}>
            <ChevronLeft aria-hidden className="size-4" />
            Previous page
          </Button>
          <span className="text-fg-muted">
            Page {page} of {pages}
          </span>
          <Button variant="command" disabled={page >= pages} onClick={() => void setFilters({ page: page + 1 })}>
            Next page
            <ChevronRight aria-hidden className="size-4" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
