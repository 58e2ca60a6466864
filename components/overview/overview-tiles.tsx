"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTRPC } from "@/lib/trpc/client";
import { useRefetchOnChange, type VaultChangeEvent } from "@/lib/vault-changes";
import { HealthStatus, ItemStatus, ServerHealth } from "@/components/status/status";
import { HEALTH_LABEL, ITEM_STATE_LABEL } from "@/lib/labels";
import { HEALTH_COLOR } from "./colors";

/** The donut chart (recharts) loads after the tiles: it is most of the blade's script and the counts beside it say the same. */
const HealthDonut = dynamic(() => import("./health-donut").then((m) => m.HealthDonut), { ssr: false });

/** One Overview tile: its heading, a skeleton while loading, its own error, or its content. */
function Tile<T>({
  title,
  query,
  children,
  className,
}: {
  title: string;
  query: UseQueryResult<T, { message: string }>;
  children: (data: T) => React.ReactNode;
  className?: string;
}) {
  const id = `tile-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      aria-busy={query.isLoading || undefined}
      className={`rounded border border-border-subtle p-4 ${className ?? ""}`}
    >
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {query.error ? (
        <div role="alert" className="border-l-4 border-danger bg-bg-subtle p-2">
          <p className="font-semibold">This tile could not load.</p>
          <p className="text-fg-muted">{query.error.message}</p>
          <button type="button" className="mt-1 text-accent underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : query.data === undefined ? (
        <div className="grid gap-2" aria-label={`Loading ${title}`} role="status">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-4 animate-pulse rounded bg-bg-muted motion-reduce:animate-none" />
          ))}
        </div>
      ) : (
        children(query.data)
      )}
    </section>
  );
}

/** A label and its count, the count a link to the filtered blade. */
function CountRow({ label, count, href, countLabel }: { label: React.ReactNode; count: number; href?: string; countLabel: string }) {
  return (
    <li className="flex items-center justify-between gap-3 py-0.5">
      <span>{label}</span>
      {href ? (
        <Link href={href} aria-label={countLabel} className="font-semibold text-accent hover:underline">
          {count}
        </Link>
      ) : (
        <span aria-label={countLabel} className="font-semibold">
          {count}
        </span>
      )}
    </li>
  );
}

/**
 * The infrastructure tiles' health comes from the servers' heartbeats (simulated time), which the
 * change feed does not carry: those two tiles alone keep a slow refresh.
 */
const heartbeatRefresh = { refetchInterval: 15_000 };
/** The tiles refetch at most this often while items change continuously (replication of thousands of items). */
const TILE_REFETCH_MS = 2_000;

/** The item counts moved (added, removed, state, health, location) or anything on reconnection. */
const itemCounts = (e: VaultChangeEvent) => e.kind === "resync" || (e.kind === "item" && (e.counts || e.ids === null));
/** Any item changed (RPO, latest point, health errors). */
const anyItem = (e: VaultChangeEvent) => e.kind === "resync" || e.kind === "item";
/** A job was added or changed status. */
const jobCounts = (e: VaultChangeEvent) => e.kind === "resync" || (e.kind === "job" && (e.counts || e.ids === null));

/** Refetches a tile when the change feed reports what it counts; no polling. */
function useTileRefetch(query: UseQueryResult<unknown, unknown>, matches: (e: VaultChangeEvent) => boolean) {
  useRefetchOnChange(matches, query.refetch, TILE_REFETCH_MS);
}

export function OverviewTiles({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const o = trpc.vault.overview;
  const input = { vaultId };
  const health = useQuery(o.health.queryOptions(input));
  const status = useQuery(o.status.queryOptions(input));
  const tests = useQuery(o.testFailoverSuccess.queryOptions(input));
  const issues = useQuery({ ...o.configurationIssues.queryOptions(input), ...heartbeatRefresh });
  const errors = useQuery(o.errorSummary.queryOptions(input));
  const infra = useQuery({ ...o.infrastructure.queryOptions(input), ...heartbeatRefresh });
  const jobs = useQuery(o.jobsLast24Hours.queryOptions(input));
  const rpo = useQuery(o.rpoDistribution.queryOptions(input));
  useTileRefetch(health, itemCounts);
  useTileRefetch(status, itemCounts);
  useTileRefetch(tests, jobCounts);
  useTileRefetch(issues, itemCounts);
  useTileRefetch(errors, anyItem);
  useTileRefetch(infra, itemCounts);
  useTileRefetch(jobs, jobCounts);
  useTileRefetch(rpo, anyItem);
  const items = `/vaults/${vaultId}/replicated-items`;
  const jobsBlade = `/vaults/${vaultId}/jobs`;

  return (
    <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
      <Tile title="Replication health" query={health}>
        {(rows) => {
          const total = rows.reduce((n, r) => n + r.count, 0);
          if (!total)
            return <EmptyTile>No replicated items yet. Use Replicate on the Replicated items blade to protect a machine.</EmptyTile>;
          const summary = rows.map((r) => `${HEALTH_LABEL[r.health]} ${r.count}`).join(", ");
          return (
            <div className="flex flex-wrap items-center gap-4">
              <div role="img" aria-label={`Replication health of ${total} items: ${summary}`} className="size-36">
                <HealthDonut rows={rows} itemsHref={items} />
              </div>
              <ul className="min-w-40 flex-1">
                {rows.map((r) => (
                  <CountRow
                    key={r.health}
                    label={<HealthStatus health={r.health} />}
                    count={r.count}
                    href={`${items}?health=${r.health}`}
                    countLabel={`${HEALTH_LABEL[r.health]}: ${r.count} items`}
                  />
                ))}
              </ul>
            </div>
          );
        }}
      </Tile>

      <Tile title="Status" query={status}>
        {(rows) =>
          rows.length ? (
            <ul>
              {rows.map((r) => (
                <CountRow
                  key={r.state}
                  label={<ItemStatus state={r.state} />}
                  count={r.count}
                  href={`${items}?state=${r.state}`}
                  countLabel={`${ITEM_STATE_LABEL[r.state]}: ${r.count} items`}
                />
              ))}
            </ul>
          ) : (
            <EmptyTile>No replicated items yet.</EmptyTile>
          )
        }
      </Tile>

      <Tile title="Failover test success" query={tests}>
        {(t) =>
          t.tested + t.notTested === 0 ? (
            <EmptyTile>No replicated items to test yet.</EmptyTile>
          ) : (
            <>
              <p className="mb-2 text-fg-muted">Items with a successful test failover in the last {t.windowDays} days.</p>
              <Bar
                parts={[
                  { value: t.tested, color: HEALTH_COLOR.healthy },
                  { value: t.notTested, color: HEALTH_COLOR.warning },
                ]}
              />
              <ul className="mt-2">
                <CountRow
                  label="Test failover succeeded"
                  count={t.tested}
                  href={`${jobsBlade}?operation=test-failover&status=succeeded`}
                  countLabel={`Test failover succeeded: ${t.tested} items`}
                />
                <CountRow label="Not tested" count={t.notTested} countLabel={`Not tested: ${t.notTested} items`} />
              </ul>
              {t.notTested ? (
                <p className="mt-1 text-xs text-fg-muted">
                  Run Test failover on the untested items, or on a recovery plan, to prove they recover.
                </p>
              ) : null}
            </>
          )
        }
      </Tile>

      <Tile title="Configuration issues" query={issues}>
        {(rows) => {
          const open = rows.filter((r) => r.count > 0);
          return open.length ? (
            <ul className="grid gap-2">
              {open.map((r) => (
                <li key={r.key}>
                  <div className="flex items-center justify-between gap-3">
                    <span>{r.label}</span>
                    <Link
                      href={r.key.startsWith("no-") ? items : `/vaults/${vaultId}/configuration-servers`}
                      aria-label={`${r.label}: ${r.count}`}
                      className="font-semibold text-accent hover:underline"
                    >
                      {r.count}
                    </Link>
                  </div>
                  <p className="text-xs text-fg-muted">{r.recommendedAction}</p>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyTile>No configuration issues.</EmptyTile>
          );
        }}
      </Tile>

      <Tile title="Error summary" query={errors}>
        {(rows) =>
          rows.length ? (
            <ul className="grid gap-2">
              {rows.map((r) => (
                <li key={r.code}>
                  <div className="flex items-center justify-between gap-3">
                    <span className="font-semibold">Error {r.code}</span>
                    <Link
                      href={`${items}?health=${r.severity}`}
                      aria-label={`Error ${r.code}: ${r.count} items`}
                      className="font-semibold text-accent hover:underline"
                    >
                      {r.count}
                    </Link>
                  </div>
                  <p className="text-xs text-fg-muted">{r.message}</p>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyTile>No replication errors on any item.</EmptyTile>
          )
        }
      </Tile>

      <Tile title="Jobs in the last 24 hours" query={jobs}>
        {(j) => (
          <ul>
            {(
              [
                ["failed", "Failed"],
                ["in-progress", "In progress"],
                ["waiting-for-input", "Waiting for input"],
                ["succeeded", "Succeeded"],
              ] as const
            ).map(([key, label]) => (
              <CountRow
                key={key}
                label={label}
                count={j[key]}
                href={`${jobsBlade}?status=${key}&range=24h`}
                countLabel={`${label} jobs in the last 24 hours: ${j[key]}`}
              />
            ))}
          </ul>
        )}
      </Tile>

      <Tile title="Infrastructure view" query={infra} className="lg:col-span-2">
        {(servers) =>
          servers.length ? (
            <ul className="grid gap-3">
              {servers.map((cs) => (
                <li key={cs.id}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-fg-muted">Configuration server</span>
                    <Link href={`/vaults/${vaultId}/configuration-servers/${cs.id}`} className="font-semibold text-accent hover:underline">
                      {cs.name}
                    </Link>
                    <ServerHealth health={cs.health} />
                    <span className="text-fg-muted">{cs.itemCount} items</span>
                  </div>
                  <ul className="mt-1 ml-5 grid gap-1 border-l-2 border-border-subtle pl-3" aria-label={`Servers of ${cs.name}`}>
                    {cs.processServers.map((p) => (
                      <li key={p.id} className="flex flex-wrap items-center gap-2">
                        <span className="text-fg-muted">Process server ({p.location === "azure" ? "Azure" : "on-premises"})</span>
                        <span>{p.name}</span>
                        <ServerHealth health={p.health} />
                        <span className="text-fg-muted">{p.itemCount} items</span>
                      </li>
                    ))}
                    {cs.masterTargets.map((m) => (
                      <li key={m.id} className="flex flex-wrap items-center gap-2">
                        <span className="text-fg-muted">Master target ({m.osType === "linux" ? "Linux" : "Windows"})</span>
                        <span>{m.name}</span>
                        <ServerHealth health={m.health} />
                        <span className="text-fg-muted">{m.itemCount} items</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyTile>No configuration server yet. Add one on the Configuration servers blade.</EmptyTile>
          )
        }
      </Tile>

      <Tile title="RPO distribution" query={rpo}>
        {(d) => {
          const max = Math.max(1, ...d.buckets.map((b) => b.count));
          return d.buckets.every((b) => b.count === 0) ? (
            <EmptyTile>No item reports an RPO yet: it appears once replication creates recovery points.</EmptyTile>
          ) : (
            <ul className="grid gap-1">
              {d.buckets.map((b) => (
                <li key={b.key} className="grid grid-cols-[7rem_1fr_2rem] items-center gap-2">
                  <span>{b.label}</span>
                  <span className="h-3 rounded-sm bg-accent" style={{ width: `${(b.count / max) * 100}%` }} aria-hidden />
                  <span className="text-right font-semibold" aria-label={`RPO ${b.label}: ${b.count} items`}>
                    {b.count}
                  </span>
                </li>
              ))}
              {d.noRpo ? <li className="text-xs text-fg-muted">{d.noRpo} items report no RPO yet.</li> : null}
            </ul>
          );
        }}
      </Tile>
    </div>
  );
}

function EmptyTile({ children }: { children: React.ReactNode }) {
  return <p className="text-fg-muted">{children}</p>;
}

/** A stacked bar of parts (decorative: the counts beside it say the same). */
function Bar({ parts }: { parts: { value: number; color: string }[] }) {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1;
  return (
    <div aria-hidden className="flex h-3 overflow-hidden rounded-sm bg-bg-muted">
      {parts.map((p, i) => (
        <span key={i} style={{ width: `${(p.value / total) * 100}%`, background: p.color }} />
      ))}
    </div>
  );
}
