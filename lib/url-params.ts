/**
 * URL parameters shared by a blade's client grid and its server page (which prefetches the page of
 * rows the URL asks for): nuqs' parsers from `nuqs/server`, usable on both sides.
 */
import { debounce, parseAsString } from "nuqs/server";

/** A free-text search: shown at once, written to the URL once typing pauses. */
export const searchParam = parseAsString.withDefault("").withOptions({ limitUrlUpdates: debounce(250) });
