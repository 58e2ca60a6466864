import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { ConfigurationServerDetails } from "@/components/configuration-servers/details";

export default async function ConfigurationServerPage({ params }: { params: Promise<{ vault: string; server: string }> }) {
  const { vault, server } = await params;
  if (!(await prefetchOrNotFound(trpc.infrastructure.configurationServers.get.queryOptions({ vaultId: vault, serverId: server }))))
    notFound();
  return (
    <HydrateClient>
      <ConfigurationServerDetails vaultId={vault} serverId={server} />
    </HydrateClient>
  );
}
