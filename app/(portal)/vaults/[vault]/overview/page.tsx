import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { serverCaller } from "@/lib/trpc/server";
import { loadOrNotFound } from "@/lib/trpc/load";
import { BladeHeader } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { OverviewTiles } from "@/components/overview/overview-tiles";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault: vaultId } = await params;
  const caller = await serverCaller();
  const vault = await loadOrNotFound(() => caller.vault.get({ vaultId }));
  if (!vault) notFound();
  return (
    <>
      <BladeHeader title={vault.name} subtitle="Recovery Services vault · Site Recovery" />
      <dl>
        <LabelledValue id="v-sub" label="Subscription">
          {vault.subscriptionName} ({vault.subscriptionId})
        </LabelledValue>
        <LabelledValue id="v-rg" label="Resource group">
          {vault.resourceGroup}
        </LabelledValue>
        <LabelledValue id="v-region" label="Location">
          {vault.region}
        </LabelledValue>
      </dl>
      <OverviewTiles vaultId={vaultId} />
    </>
  );
}
