import type { Metadata } from "next";
import { Suspense } from "react";
import { createLoader, type SearchParams } from "nuqs/server";
import { BladeHeader } from "@/components/shell/blade";
import { JobsGrid } from "@/components/jobs/jobs-grid";
import { jobGridParams, jobListInput, jobsNextCursor } from "@/components/jobs/grid-params";
import { getQueryClient, HydrateClient, trpc } from "@/lib/trpc/server";
import { JOB_OPERATIONS, JOB_OPERATION_LABEL, JOB_TIME_RANGE_KEYS, JOB_TIME_RANGES } from "@/server/domain/jobs/inputs";

export const metadata: Metadata = { title: "Jobs" };

const OPERATIONS = JOB_OPERATIONS.map((k) => [k, JOB_OPERATION_LABEL[k]] as const);
const RANGES = JOB_TIME_RANGE_KEYS.map((k) => [k, JOB_TIME_RANGES[k].label] as const);
const loadFilters = createLoader(jobGridParams(OPERATIONS, RANGES));

export default async function JobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ vault: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { vault } = await params;
  // The first page of jobs the URL asks for is read on the server and comes with the HTML; the
  // grid's infinite query (same input, same key) starts from it and follows the change feed.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.jobs.list.infiniteQueryOptions(jobListInput(vault, loadFilters(await searchParams)), { getNextPageParam: jobsNextCursor }),
  );
  return (
    <HydrateClient>
      <BladeHeader title="Site Recovery jobs" subtitle="Every operation runs as a job; open one to see its steps and errors." />
      <Suspense>
        <JobsGrid vaultId={vault} operations={OPERATIONS} ranges={RANGES} />
      </Suspense>
    </HydrateClient>
  );
}
