import type { Metadata } from "next";
import { DrillReportView } from "@/components/drill/drill-report";

export const metadata: Metadata = { title: "Drill report" };

/** The printable drill report of an item (`?item=`) or a recovery plan (`?plan=`). */
export default async function DrillReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ vault: string }>;
  searchParams: Promise<{ item?: string; plan?: string }>;
}) {
  const { vault } = await params;
  const { item, plan } = await searchParams;
  if (!item && !plan) return <p role="alert">Open the drill report from a replicated item or a recovery plan (Export report).</p>;
  return <DrillReportView vaultId={vault} target={plan ? { plan } : { item: item! }} />;
}
