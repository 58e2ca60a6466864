import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { VCenterDetails } from "@/components/infrastructure/vcenter-details";

export default async function VCenterPage({ params }: { params: Promise<{ vault: string; vcenter: string }> }) {
  const { vault, vcenter } = await params;
  if (!(await prefetchOrNotFound(trpc.infrastructure.vcenters.get.queryOptions({ vaultId: vault, vcenterId: vcenter })))) notFound();
  return (
    <HydrateClient>
      <VCenterDetails vaultId={vault} vcenterId={vcenter} />
    </HydrateClient>
  );
}
