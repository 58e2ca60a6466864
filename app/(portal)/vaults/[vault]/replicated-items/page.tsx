import type { Metadata } from "next";
import { Suspense } from "react";
import { createLoader, type SearchParams } from "nuqs/server";
import { BladeHeader } from "@/components/shell/blade";
import { ReplicatedItemsGrid } from "@/components/replicated-items/replicated-items-grid";
import { ReplicatedItemsCommands } from "@/components/replicated-items/commands";
import { itemGridParams, itemListInput } from "@/components/replicated-items/grid-params";
import { getQueryClient, HydrateClient, trpc } from "@/lib/trpc/server";
import { ITEM_PAGE_SIZE, ITEM_SORTS } from "@/server/domain/replicated-item/inputs";

export const metadata: Metadata = { title: "Replicated items" };

const loadFilters = createLoader(itemGridParams(ITEM_SORTS));

export default async function ReplicatedItemsPage({
  params,
  searchParams,
}: {
  params: Promise<{ vault: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { vault } = await params;
  // The page of rows the URL asks for is read on the server and comes with the HTML; the grid's own
  // query (same input, same key) starts from it and follows the change feed from there. A refusal
  // is not cached: the grid's query asks again and shows it.
  await getQueryClient().prefetchQuery(trpc.items.list.queryOptions(itemListInput(vault, loadFilters(await searchParams), ITEM_PAGE_SIZE)));
  return (
    <HydrateClient>
      <BladeHeader title="Replicated items" commands={<ReplicatedItemsCommands vaultId={vault} />} />
      <Suspense>
        <ReplicatedItemsGrid vaultId={vault} sorts={ITEM_SORTS} pageSize={ITEM_PAGE_SIZE} />
      </Suspense>
    </HydrateClient>
  );
}
