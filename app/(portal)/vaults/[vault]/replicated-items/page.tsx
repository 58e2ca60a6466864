import type { Metadata } from "next";
import { Suspense } from "react";
import { BladeHeader } from "@/components/shell/blade";
import { ReplicatedItemsGrid } from "@/components/replicated-items/replicated-items-grid";
import { ReplicatedItemsCommands } from "@/components/replicated-items/commands";
import { ITEM_PAGE_SIZE, ITEM_SORTS } from "@/server/domain/replicated-item/inputs";

export const metadata: Metadata = { title: "Replicated items" };

export default async function ReplicatedItemsPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Replicated items" commands={<ReplicatedItemsCommands vaultId={vault} />} />
      <Suspense>
        <ReplicatedItemsGrid vaultId={vault} sorts={ITEM_SORTS} pageSize={ITEM_PAGE_SIZE} />
      </Suspense>
    </>
  );
}
