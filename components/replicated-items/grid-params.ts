/**
 * The Replicated items grid's URL parameters and the `items.list` input they select, shared by the
 * grid (client) and its page (server), which prefetches that page of rows so the first rows come
 * with the HTML. The sort keys and page size come from the domain's input module, passed in by the
 * server page, so the browser bundle does not carry the domain's zod schemas.
 */
import { parseAsInteger, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { ACTIVE_LOCATIONS, ITEM_STATES, REPLICATION_HEALTHS } from "@/db/schema/enums";
import type { ItemSort } from "@/server/domain/replicated-item/inputs";
import { searchParam } from "@/lib/url-params";

/** The grid's filters, sort and page in the URL, e.g. the Overview's counts link to `?health=critical`. */
export function itemGridParams(sorts: readonly ItemSort[]) {
  return {
    search: searchParam,
    health: parseAsStringLiteral(REPLICATION_HEALTHS),
    state: parseAsStringLiteral(ITEM_STATES),
    location: parseAsStringLiteral(ACTIVE_LOCATIONS),
    sort: parseAsStringLiteral(sorts),
    dir: parseAsStringLiteral(["asc", "desc"] as const),
    page: parseAsInteger,
  };
}

export type ItemGridFilters = inferParserType<ReturnType<typeof itemGridParams>>;

/** The page shown (1-based; a missing or bad page is the first). */
export const itemGridPage = (filters: ItemGridFilters) => Math.max(1, filters.page ?? 1);

/** The `items.list` input of the page the URL asks for. */
export function itemListInput(vaultId: string, filters: ItemGridFilters, pageSize: number) {
  return {
    vaultId,
    search: filters.search || undefined,
    health: filters.health ?? undefined,
    state: filters.state ?? undefined,
    location: filters.location ?? undefined,
    sort: filters.sort ?? undefined,
    dir: filters.dir ?? undefined,
    offset: (itemGridPage(filters) - 1) * pageSize,
    limit: pageSize,
  };
}
