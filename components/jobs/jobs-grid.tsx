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

/** How long after the grid shows the Item filter's choices load (unless the filter is reached first). */
const TARGETS_AFTER_MS = 1_000;

const STATUS_OPTIONS = Object.entries(JOB_STATUS_LABEL);

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
  // The Item filter's choices: every item any job ran on (10,000 in a large vault, 700 KB). Neither
  // the first rows nor a search typed at once need them, so they load a moment after the grid, or
  // as soon as the pointer or the focus reaches the filter; they are built once per answer and
  // rendered at low priority, so that neither typing a search nor its rows wait for them.
  const [wantTargets, setWantTargets] = React.useState(false);
  const loadTargets = React.useCallback(() => setWantTargets(true), []);
  React.useEffect(() => {
    const timer = setTimeout(loadTargets, TARGETS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loadTargets]);
  const targets = useQuery({ ...trpc.jobs.targets.queryOptions({ vaultId }), enabled: wantTargets });
  const targetChoices = React.useDeferredValue(targets.data);
  const itemOptions = React.useMemo(
    () => [
      // A filter from a link keeps its value even before the choices have loaded.
      ...(params.item && !targetChoices?.some((t) => t.id === params.item) ? [[params.item, params.item] as const] : []),
      ...(targetChoices ?? []).map((t) => [t.id, `${t.name}${t.type === "recovery-plan" ? " (recovery plan)" : ""}`] as const),
    ],
    [targetChoices, params.item],
  );
  const onStatus = React.useCallback((status: Row["status"] | null) => void setParams({ status }), [setParams]);
  const onOperation = React.useCallback((operation: JobOperation | null) => void setParams({ operation }), [setParams]);
  const onItem = React.useCallback((item: string | null) => void setParams({ item }), [setParams]);
  const onRange = React.useCallback((range: JobTimeRange | null) => void setParams({ range }), [setParams]);
  const rows = React.useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const shownIds = React.useMemo(() => rows.map((r) => r.id), [rows]);
  // A new job, a status change, or a change to a job shown: refetch the pages loaded. A refetch
  // would cancel a next page being loaded ("Load more", e.g. during the feed's resync on connecting)
  // and drop it: the page is left to land, then every page loaded is read again.
  const refetchPages = () =>
    query.isFetchingNextPage ? query.refetch({ cancelRefetch: false }).then(() => query.refetch()) : query.refetch();
  useRefetchOnChange((e) => touches(e, "job", shownIds), refetchPages, 500);
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
        <FilterSelect id="jobs-status" label="Status" value={params.status} options={STATUS_OPTIONS} onChange={onStatus} width="w-44" />
        <FilterSelect
          id="jobs-operation"
          label="Operation"
          value={params.operation}
          options={operations}
          onChange={onOperation}
          width="w-44"
        />
        <div onPointerEnter={loadTargets} onFocus={loadTargets}>
          <FilterSelect id="jobs-item" label="Item" value={params.item} options={itemOptions} onChange={onItem} width="w-44" />
        </div>
        <FilterSelect id="jobs-range" label="Time range" value={params.range} options={ranges} onChange={onRange} width="w-44" />
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
