"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Search } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { searchParam } from "@/lib/url-state";
import { ACTIVE_LOCATIONS, ITEM_STATES, REPLICATION_HEALTHS } from "@/db/schema/enums";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DataGrid, nameLinkColumn } from "@/components/ui/data-grid";
import { Select } from "@/components/ui/field";
import { SearchBox } from "@/components/ui/search-box";
import { HealthStatus, ItemStatus } from "@/components/status/status";
import { HEALTH_LABEL, ITEM_STATE_LABEL, LOCATION_LABEL, formatRpo, formatTime } from "@/lib/labels";
import { BulkActionBar, useBulkSelection } from "./bulk-actions";

type Row = RouterOutputs["items"]["list"][number];

/** The grid's filters in the URL, e.g. the Overview's counts link to `?health=critical`. */
const FILTERS = {
  search: searchParam,
  health: parseAsStringLiteral(REPLICATION_HEALTHS),
  state: parseAsStringLiteral(ITEM_STATES),
  location: parseAsStringLiteral(ACTIVE_LOCATIONS),
};

export function ReplicatedItemsGrid({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(FILTERS);
  const query = useQuery({
    ...trpc.items.list.queryOptions({
      vaultId,
      search: filters.search || undefined,
      health: filters.health ?? undefined,
      state: filters.state ?? undefined,
      location: filters.location ?? undefined,
    }),
    refetchInterval: 5_000,
    placeholderData: (prev) => prev,
  });
  // Bulk actions (bulk-actions.tsx): the selection column and the action bar; they read the rows shown, nothing more.
  const rows = React.useMemo(() => query.data ?? [], [query.data]);
  const bulk = useBulkSelection(rows);
  const columns = React.useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      bulk.column,
      nameLinkColumn((item) => `/vaults/${vaultId}/replicated-items/${item.id}`),
      {
        accessorKey: "replicationHealth",
        header: "Replication Health",
        cell: ({ row }) => <HealthStatus health={row.original.replicationHealth} />,
      },
      {
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
      { accessorKey: "activeLocation", header: "Active location", cell: ({ row }) => LOCATION_LABEL[row.original.activeLocation] },
      { accessorKey: "rpoSeconds", header: "RPO", cell: ({ row }) => formatRpo(row.original.rpoSeconds) },
      {
        accessorKey: "lastRecoveryPointAt",
        header: "Latest recovery point",
        cell: ({ row }) => formatTime(row.original.lastRecoveryPointAt),
      },
      { accessorKey: "kind", header: "Type", cell: ({ row }) => (row.original.kind === "vmware" ? "VMware VM" : "Physical server") },
    ],
    [vaultId, bulk.column],
  );
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
            onSearch={(search) => void setFilters({ search })}
            className="pl-7"
          />
        </div>
        <FilterSelect
          id="filter-health"
          label="Replication health"
          value={filters.health}
          options={HEALTH_LABEL}
          onChange={(health) => void setFilters({ health })}
        />
        <FilterSelect
          id="filter-state"
          label="Status"
          value={filters.state}
          options={ITEM_STATE_LABEL}
          onChange={(state) => void setFilters({ state })}
        />
        <FilterSelect
          id="filter-location"
          label="Active location"
          value={filters.location}
          options={LOCATION_LABEL}
          onChange={(location) => void setFilters({ location })}
        />
        <span className="ml-auto text-fg-muted" aria-live="polite">
          {query.data ? `${query.data.length} items` : "Loading…"}
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
          empty={query.isLoading ? "Loading…" : "No replicated items match the filters."}
        />
      )}
    </div>
  );
}

/** A select filter over the values of `options` (the option's label shown); "All" clears it. */
function FilterSelect<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T | null;
  options: Record<string, string>;
  onChange: (v: T | null) => void;
}) {
  return (
    <div className="grid gap-0.5">
      <label htmlFor={id} className="text-xs text-fg-muted">
        {label}
      </label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange((e.target.value || null) as T | null)} className="w-48">
        <option value="">All</option>
        {Object.entries(options).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </Select>
    </div>
  );
}
