import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/lib/trpc/server";
import { BladeHeader, EmptyState } from "@/components/shell/blade";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Recovery Plans" };

export default async function RecoveryPlansPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  const plans = await (await serverCaller()).plans.list({ vaultId: vault });
  return (
    <>
      <BladeHeader title="Recovery Plans" subtitle="Ordered groups of replicated items that fail over, commit and re-protect together." />
      {plans.length === 0 ? (
        <EmptyState>No recovery plans yet.</EmptyState>
      ) : (
        <Table aria-label="Recovery Plans">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Source</TableHead>
              <TableHead>Target</TableHead>
              <TableHead>Groups</TableHead>
              <TableHead>Replicated items</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {plans.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Link href={`/vaults/${vault}/recovery-plans/${p.id}`} className="text-accent hover:underline">
                    {p.name}
                  </Link>
                </TableCell>
                <TableCell>{p.source}</TableCell>
                <TableCell>{p.target}</TableCell>
                <TableCell>{p.groupCount}</TableCell>
                <TableCell>{p.itemCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
