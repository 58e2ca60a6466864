import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { serverCaller } from "@/lib/trpc/server";
import { loadOrNotFound } from "@/lib/trpc/load";
import { BladeHeader, Section } from "@/components/shell/blade";
import { LabelledValue } from "@/components/ui/field";
import { HealthStatus, ItemStatus, ServerHealth } from "@/components/status/status";
import { ITEM_STATES, REPLICATION_HEALTHS } from "@/db/schema/enums";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

function countBy<T>(rows: T[], key: (r: T) => string) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

export default async function OverviewPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault: vaultId } = await params;
  const caller = await serverCaller();
  const vault = await loadOrNotFound(() => caller.vault.get({ vaultId }));
  if (!vault) notFound();
  const [items, servers] = await Promise.all([caller.items.all({ vaultId }), caller.infrastructure.configurationServers.list({ vaultId })]);
  const byHealth = countBy(items, (i) => i.replicationHealth);
  const byState = countBy(items, (i) => i.state);
  const base = `/vaults/${vaultId}/replicated-items`;
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
      <div className="grid gap-6 lg:grid-cols-3">
        <Section title="Replication health">
          <ul className="grid gap-1">
            {REPLICATION_HEALTHS.map((h) => (
              <li key={h} className="flex items-center justify-between">
                <Link href={`${base}?health=${h}`} className="hover:underline">
                  <HealthStatus health={h} />
                </Link>
                <span className="font-semibold">{byHealth.get(h) ?? 0}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Status">
          <ul className="grid gap-1">
            {ITEM_STATES.filter((s) => byState.has(s)).map((s) => (
              <li key={s} className="flex items-center justify-between">
                <Link href={`${base}?state=${s}`} className="hover:underline">
                  <ItemStatus state={s} />
                </Link>
                <span className="font-semibold">{byState.get(s)}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Infrastructure">
          <ul className="grid gap-1">
            {servers.map((cs) => (
              <li key={cs.id} className="flex items-center justify-between">
                <Link href={`/vaults/${vaultId}/configuration-servers/${cs.id}`} className="text-accent hover:underline">
                  {cs.name}
                </Link>
                <ServerHealth health={cs.health} />
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </>
  );
}
