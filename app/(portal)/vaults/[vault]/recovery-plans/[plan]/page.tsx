import Link from "next/link";
import { notFound } from "next/navigation";
import { Hand, FileCode } from "lucide-react";
import { serverCaller } from "@/lib/trpc/server";
import { loadOrNotFound } from "@/lib/trpc/load";
import { BladeHeader, Section } from "@/components/shell/blade";
import { ItemStatus } from "@/components/status/status";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LOCATION_LABEL } from "@/lib/labels";

export default async function RecoveryPlanPage({ params }: { params: Promise<{ vault: string; plan: string }> }) {
  const { vault, plan: planId } = await params;
  const caller = await serverCaller();
  const plan = await loadOrNotFound(() => caller.plans.get({ vaultId: vault, planId }));
  if (!plan) notFound();
  return (
    <>
      <BladeHeader title={plan.name} subtitle={`Recovery plan · ${plan.source} → ${plan.target}`} />
      {plan.groups.map((g) => (
        <Section key={g.id} title={`Group ${g.ordinal}`} id={`group-${g.ordinal}`}>
          {g.actions.filter((a) => a.phase === "pre").map((a) => (
            <p key={a.id} className="mb-1 flex items-center gap-1 text-fg-muted">
              {a.kind === "manual" ? <Hand aria-hidden className="size-4" /> : <FileCode aria-hidden className="size-4" />} Pre-step ({a.kind === "manual" ? "manual action" : "script"}): {a.name}
            </p>
          ))}
          <Table aria-label={`Group ${g.ordinal} items`}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Active location</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {g.items.map((i) => (
                <TableRow key={i.id}>
                  <TableCell>
                    <Link href={`/vaults/${vault}/replicated-items/${i.id}`} className="text-accent hover:underline">
                      {i.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <ItemStatus state={i.state} />
                  </TableCell>
                  <TableCell>{LOCATION_LABEL[i.activeLocation]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {g.actions.filter((a) => a.phase === "post").map((a) => (
            <p key={a.id} className="mt-1 flex items-center gap-1 text-fg-muted">
              {a.kind === "manual" ? <Hand aria-hidden className="size-4" /> : <FileCode aria-hidden className="size-4" />} Post-step ({a.kind === "manual" ? "manual action" : "script"}): {a.name}
            </p>
          ))}
        </Section>
      ))}
    </>
  );
}
