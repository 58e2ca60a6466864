/**
 * The Jobs grid's URL parameters and the `jobs.list` input they select, shared by the grid (client)
 * and its page (server), which prefetches the first page of jobs so the first rows come with the
 * HTML. The operations and time ranges come from the domain's input module, passed in by the server
 * page, so the browser bundle does not carry the domain's zod schemas.
 */
import { parseAsString, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { JOB_STATUSES } from "@/db/schema/enums";
import type { JobOperation, JobTimeRange } from "@/server/domain/jobs/inputs";
import { searchParam } from "@/lib/url-params";

/** A filter's choices: its URL values with their labels. */
export type JobFilterChoices<K extends string> = readonly (readonly [K, string])[];

/** The blade's filters in the URL: linkable (the Overview's counts link here) and kept on reload. */
export function jobGridParams(operations: JobFilterChoices<JobOperation>, ranges: JobFilterChoices<JobTimeRange>) {
  return {
    search: searchParam,
    status: parseAsStringLiteral(JOB_STATUSES),
    operation: parseAsStringLiteral(operations.map(([k]) => k)),
    item: parseAsString,
    range: parseAsStringLiteral(ranges.map(([k]) => k)),
  };
}

export type JobGridFilters = inferParserType<ReturnType<typeof jobGridParams>>;

/** Jobs per page of the grid (cursor paging, newest first). */
export const JOB_GRID_PAGE_SIZE = 20;

/** The `jobs.list` input (without its cursor) of the filters in the URL. */
export function jobListInput(vaultId: string, params: JobGridFilters) {
  return {
    vaultId,
    status: params.status ?? undefined,
    operation: params.operation ?? undefined,
    targetId: params.item ?? undefined,
    range: params.range ?? undefined,
    search: params.search || undefined,
    limit: JOB_GRID_PAGE_SIZE,
  };
}

/** The cursor of the page after `last` (none after the last page). */
export const jobsNextCursor = (last: { nextCursor?: string | null }) => last.nextCursor ?? undefined;
