import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { ItemDetails } from "@/components/replicated-items/item-details";

export default async function ReplicatedItemPage({ params }: { params: Promise<{ vault: string; item: string }> }) {
  const { vault, item } = await params;
  if (!(await prefetchOrNotFound(trpc.items.get.queryOptions({ vaultId: vault, itemId: item })))) notFound();
  return (
    <HydrateClient>
      <ItemDetails vaultId={vault} itemId={item} />
    </HydrateClient>
  );
}
