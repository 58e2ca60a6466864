import type { Metadata } from "next";
import { HydrateClient, getQueryClient, trpc } from "@/lib/trpc/server";
import { PoliciesBlade } from "@/components/policies/policies-blade";

export const metadata: Metadata = { title: "Replication policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  await getQueryClient().prefetchQuery(trpc.policies.list.queryOptions({ vaultId: vault }));
  return (
    <HydrateClient>
      <PoliciesBlade vaultId={vault} />
    </HydrateClient>
  );
}
