"use client";

import * as React from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@/components/ui/data-grid";
import { useTRPC } from "@/lib/trpc/client";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";
import { useQueryStates } from "nuqs";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DataGrid, nameLinkColumn } from "@/components/ui/data-grid";
import { FilterSelect } from "@/components/ui/filter-select";
import { Button } from "@/components/ui/button";
import { SearchBox } from "@/components/ui/search-box";
import { JobStatus as JobStatusBadge } from "@/components/status/status";
import { JOB_STATUS_LABEL, formatDuration, formatTime } from "@/lib/labels";
import type { JobOperation, JobTimeRange } from "@/server/domain/jobs/inputs";
import { jobGridParams, jobListInput, jobsNextCursor, type JobFilterChoices } from "./grid-params";

type Row = RouterOutputs["jobs"]["list"]["items"][number];

/** How often the rows refresh while a job shown is in progress (its progress percent and duration). */
const RUNNING_REFRESH_MS = 10_000;

/**
 * The Jobs grid: cursor pages of jobs, newest first, filtered by the server; filters live in the URL.
 * `operations` and `ranges` are the domain's filter choices (JOB_OPERATION_LABEL, JOB_TIME_RANGES), passed by the server page.
 */
export function JobsGrid({
  vaultId,
  operations,
  ranges,
}: {
  vaultId: string;
  operations: JobFilterChoices<JobOperation>;
  ranges: JobFilterChoices<JobTimeRange>;
}) {
  const trpc = useTRPC();
  const [params, setParams] = useQueryStates(React.useMemo(() => jobGridParams(operations, ranges), [operations, ranges]));
  const input = jobListInput(vaultId, params);
  // Cursor paging: each page continues after the last job of the one before (newest first).
  const query = useInfiniteQuery({
    ...trpc.jobs.list.infiniteQueryOptions(input, { getNextPageParam: jobsNextCursor }),
    // Status changes and new jobs come from the change feed. Only while a job shown is in progress does
    // a slow refresh remain: its progress and duration grow with simulated time between two steps,
    // and nothing is written (so nothing is published) until its step ends.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((j) => j.status === "in-progress")) ? RUNNING_REFRESH_MS : false),
    placeholderData: (prev) => prev,
  });
  const targets = useQuery(trpc.jobs.targets.queryOptions({ vaultId }));
  const rows = React.useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const shownIds = React.useMemo(() => rows.map((r) => r.id), [rows]);
  // A new job, a status change, or a change to a job shown: refetch the pages loaded.
  useRefetchOnChange((e) => touches(e, "job", shownIds), query.refetch, 500);
  const columns = React.useMemo<ColumnDef<Row>[]>(
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
  const filtered = !!(params.status || params.operation || params.item || params.range || params.search);
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
            width="w-56"
          />
        </div>
        <FilterSelect
          id="jobs-status"
          label="Status"
          value={params.status}
          options={Object.entries(JOB_STATUS_LABEL)}
          onChange={(status) => void setParams({ status })}
          width="w-44"
        />
        <FilterSelect
          id="jobs-operation"
          label="Operation"
          value={params.operation}
          options={operations}
          onChange={(operation) => void setParams({ operation })}
          width="w-44"
        />
        <FilterSelect
          id="jobs-item"
          label="Item"
          value={params.item}
          options={[
            // A filter from a link keeps its value even before the choices have loaded.
            ...(params.item && !targets.data?.some((t) => t.id === params.item) ? [[params.item, params.item] as const] : []),
            ...(targets.data ?? []).map((t) => [t.id, `${t.name}${t.type === "recovery-plan" ? " (recovery plan)" : ""}`] as const),
          ]}
          onChange={(item) => void setParams({ item })}
          width="w-44"
        />
        <FilterSelect
          id="jobs-range"
          label="Time range"
          value={params.range}
          options={ranges}
          onChange={(range) => void setParams({ range })}
          width="w-44"
        />
        {filtered ? (
          <Button
            variant="link"
            onClick={() => void setParams({ search: null, status: null, operation: null, item: null, range: null })}
            className="self-end"
          >
            Clear filters
          </Button>
        ) : null}
        <span className="ml-auto self-end text-fg-muted" aria-live="polite">
          {query.data ? `${rows.length}${query.hasNextPage ? "+" : ""} jobs` : "Loading…"}
        </span>
      </div>
      {query.error ? (
        <p role="alert" className="text-danger">
          {query.error.message}
        </p>
      ) : (
        <>
          <DataGrid
            label="Site Recovery jobs"
            data={rows}
            columns={columns}
            getRowId={(r) => r.id}
            empty={query.isLoading ? "Loading…" : filtered ? "No jobs match the filters. Clear a filter to see more." : "No jobs yet."}
          />
          {query.hasNextPage ? (
            <div className="mt-2">
              <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? "Loading more…" : "Load more"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
