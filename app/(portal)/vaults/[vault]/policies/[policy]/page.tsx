import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { PolicyDetails } from "@/components/policies/policy-details";

export const metadata: Metadata = { title: "Replication policy" };

export default async function PolicyPage({ params }: { params: Promise<{ vault: string; policy: string }> }) {
  const { vault, policy } = await params;
  if (!(await prefetchOrNotFound(trpc.policies.get.queryOptions({ vaultId: vault, policyId: policy })))) notFound();
  return (
    <HydrateClient>
      <PolicyDetails vaultId={vault} policyId={policy} />
    </HydrateClient>
  );
}
