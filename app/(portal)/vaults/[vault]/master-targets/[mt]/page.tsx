import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { MasterTargetDetails } from "@/components/infrastructure/server-details";

export default async function MasterTargetPage({ params }: { params: Promise<{ vault: string; mt: string }> }) {
  const { vault, mt } = await params;
  if (!(await prefetchOrNotFound(trpc.infrastructure.masterTargets.get.queryOptions({ vaultId: vault, serverId: mt })))) notFound();
  return (
    <HydrateClient>
      <MasterTargetDetails vaultId={vault} serverId={mt} />
    </HydrateClient>
  );
}
