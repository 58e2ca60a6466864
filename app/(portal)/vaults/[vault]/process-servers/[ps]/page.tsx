import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { ProcessServerDetails } from "@/components/infrastructure/server-details";

export default async function ProcessServerPage({ params }: { params: Promise<{ vault: string; ps: string }> }) {
  const { vault, ps } = await params;
  if (!(await prefetchOrNotFound(trpc.infrastructure.processServers.get.queryOptions({ vaultId: vault, serverId: ps })))) notFound();
  return (
    <HydrateClient>
      <ProcessServerDetails vaultId={vault} serverId={ps} />
    </HydrateClient>
  );
}
