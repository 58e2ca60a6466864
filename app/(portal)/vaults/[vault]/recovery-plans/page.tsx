import type { Metadata } from "next";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader } from "@/components/shell/blade";
import { SimpleTable, linkColumn } from "@/components/ui/simple-table";
import { RecoveryPlansCommands } from "@/components/recovery-plans/recovery-plans-commands";

export const metadata: Metadata = { title: "Recovery Plans" };

export default async function RecoveryPlansPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const plans = await (await serverCaller()).plans.list({ vaultId: vault });
  return (
    <>
      <BladeHeader
        title="Recovery Plans"
        subtitle="Ordered groups of replicated items that fail over, commit and re-protect together."
        commands={<RecoveryPlansCommands vaultId={vault} />}
      />
      <SimpleTable
        label="Recovery Plans"
        rows={plans}
        empty="No recovery plans yet."
        columns={[
          linkColumn((p) => `/vaults/${vault}/recovery-plans/${p.id}`),
          { header: "Source", cell: (p) => p.source },
          { header: "Target", cell: (p) => p.target },
          { header: "Groups", cell: (p) => p.groupCount },
          { header: "Replicated items", cell: (p) => p.itemCount },
        ]}
      />
    </>
  );
}
