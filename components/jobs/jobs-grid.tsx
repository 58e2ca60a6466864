"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useTRPC } from "@/lib/trpc/client";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { searchParam } from "@/lib/url-state";
import { JOB_STATUSES, type JobStatus } from "@/db/schema/enums";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DataGrid, nameLinkColumn } from "@/components/ui/data-grid";
import { Select } from "@/components/ui/field";
import { SearchBox } from "@/components/ui/search-box";
import { JobStatus as JobStatusBadge } from "@/components/status/status";
import { JOB_STATUS_LABEL, formatDuration, formatTime } from "@/lib/labels";

type Row = RouterOutputs["jobs"]["list"]["items"][number];

const FILTERS = { search: searchParam, status: parseAsStringLiteral(JOB_STATUSES) };

export function JobsGrid({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const [params, setParams] = useQueryStates(FILTERS);
  const status = params.status;
  const query = useQuery({
    ...trpc.jobs.list.queryOptions({ vaultId, status: status ?? undefined, search: params.search || undefined, limit: 200 }),
    refetchInterval: 2_000,
    placeholderData: (prev) => prev,
  });
  const columns = React.useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      nameLinkColumn((job) => `/vaults/${vaultId}/jobs/${job.id}`),
      { accessorKey: "targetName", header: "Item" },
      {
        accessorKey: "status",
        header: "Status",
        cell: ({ row }) => (
          <span className="inline-flex items-center gap-1">
            <JobStatusBadge status={row.original.status} />
            {row.original.status === "in-progress" ? (
              <span className="text-fg-muted">({Math.floor(row.original.progressPercent)}%)</span>
            ) : null}
          </span>
        ),
      },
      { accessorKey: "startedAt", header: "Start time", cell: ({ row }) => formatTime(row.original.startedAt ?? row.original.createdAt) },
      { accessorKey: "durationMs", header: "Duration", cell: ({ row }) => formatDuration(row.original.durationMs) },
    ],
    [vaultId],
  );
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <div className="grid gap-0.5">
          <label htmlFor="jobs-search" className="text-xs text-fg-muted">
            Search
          </label>
          <SearchBox
            id="jobs-search"
            value={params.search}
            placeholder="Job, item or ID"
            onSearch={(search) => void setParams({ search })}
            className="w-64"
          />
        </div>
        <div className="grid gap-0.5">
          <label htmlFor="jobs-status" className="text-xs text-fg-muted">
            Status
          </label>
          <Select
            id="jobs-status"
            value={status ?? ""}
            onChange={(e) => void setParams({ status: (e.target.value || null) as JobStatus | null })}
            className="w-48"
          >
            <option value="">All</option>
            {Object.entries(JOB_STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {query.error ? (
        <p role="alert" className="text-danger">
          {query.error.message}
        </p>
      ) : (
        <DataGrid
          label="Site Recovery jobs"
          data={query.data?.items ?? []}
          columns={columns}
          getRowId={(r) => r.id}
          empty={query.isLoading ? "Loading…" : "No jobs match the filters."}
        />
      )}
    </div>
  );
}
