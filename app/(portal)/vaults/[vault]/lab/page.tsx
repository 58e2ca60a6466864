import type { Metadata } from "next";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { notFound } from "next/navigation";
import { BladeHeader } from "@/components/shell/blade";
import { LabBlade } from "@/components/lab/lab-blade";

export const metadata: Metadata = { title: "Lab" };

export default async function LabPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  if (!(await prefetchOrNotFound(trpc.lab.get.queryOptions({ vaultId: vault })))) notFound();
  return (
    <HydrateClient>
      <BladeHeader title="Lab" subtitle="Inject faults into the simulated infrastructure and set how fast simulated time runs." />
      <LabBlade vaultId={vault} />
    </HydrateClient>
  );
}
