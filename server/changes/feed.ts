/**
 * The per-vault change feed: after a transaction commits, the ids of the replicated items, jobs,
 * recovery plans, infrastructure objects and Lab switches it changed go to the open change streams of their vault (the blades refetch only
 * what an event names).
 *
 * Capture: while at least one stream listens on a connection, TEMP triggers on replicated_items,
 * jobs, recovery_plans, the on-premises infrastructure and the Lab's settings (`triggerDefs`) append (kind, vault, id, counts) to the connection's temp table
 * `portal_changes`. Temp objects are per connection and transactional, so a rolled-back
 * transaction or savepoint leaves nothing there, and no writer needs to know about the feed. With
 * no stream open the triggers are dropped: an idle portal pays nothing.
 *
 * Publish: `publishChanges(db)` at the commit points (runMutation after its transaction, the job
 * engine after each vault's tick, which also picks up any other write on the connection within a
 * tick) drains the table outside any transaction and hands each vault's batch to its listeners.
 * State lives on globalThis: the job engine (instrumentation) and the route handlers are separate
 * module graphs of one process and share one connection.
 */
import type Database from "better-sqlite3";
import type { DB } from "@/db/client";
import { logger } from "@/server/lib/logger";

export const CHANGE_KINDS = ["item", "job", "plan", "infrastructure", "lab"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * What changed in one kind: `ids` (null when more than MAX_IDS changed at once: "assume yours did"),
 * and whether the change can move counts or filtered lists (a row added or removed; an item's state,
 * health or active location; a job's status).
 */
export type Change = { kind: ChangeKind; ids: string[] | null; counts: boolean };
export type ChangeBatch = { vaultId: string; version: number; changes: Change[] };
export type ChangeListener = (batch: ChangeBatch) => void;

/** Above this many ids of one kind in one event, the event says "many" (ids: null) instead of listing them. */
export const MAX_IDS = 500;

type Feed = {
  version: number;
  listeners: Map<string, Set<ChangeListener>>;
  /** Streams open per connection; triggers exist while > 0. */
  capturing: WeakMap<Database.Database, number>;
};
const g = globalThis as unknown as { __portalChangeFeed?: Feed };
const feed: Feed = (g.__portalChangeFeed ??= { version: 0, listeners: new Map(), capturing: new WeakMap() });

/** The feed's version: grows with every published batch (process-wide). */
export function changeVersion(): number {
  return feed.version;
}

const TABLE = "temp.portal_changes";

/** Item columns the read models never show: the simulation's own bookkeeping. */
const ITEM_QUIET_COLUMNS = ["simulate_at", "simulated_at"];

function columnsOf(client: Database.Database, table: string): string[] {
  return (client.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
}

const changed = (cols: string[]) => cols.map((c) => `old."${c}" IS NOT new."${c}"`).join(" OR ");

/**
 * The on-premises infrastructure the feed publishes as "infrastructure" (configuration servers and
 * what they manage: process servers, master targets and their retention volumes, run-as accounts,
 * vCenters with their hosts and datastores, discovered machines), each with the path to its vault,
 * and the columns whose change alone is published only when it crosses a HEARTBEAT_STEP_MS mark.
 */
/** Simulated time between two published heartbeats of one server (5 s of real time at the default 60×). */
export const HEARTBEAT_STEP_MS = 5 * 60_000;

const INFRASTRUCTURE: { table: string; vault: (ref: string) => string; quiet?: string[] }[] = [
  // A heartbeat changes every tick: alone it is published once per HEARTBEAT_STEP_MS of simulated
  // time (so a page's "Last heartbeat" keeps up); a health it changes is published at once.
  { table: "configuration_servers", vault: (ref) => `SELECT ${ref}.vault_id`, quiet: ["last_heartbeat_at"] },
  ...["process_servers", "master_targets", "run_as_accounts", "vcenters", "machines"].map((table) => ({
    table,
    vault: (ref: string) => `SELECT c.vault_id FROM configuration_servers c WHERE c.id = ${ref}.configuration_server_id`,
    ...(table === "process_servers" || table === "master_targets" ? { quiet: ["last_heartbeat_at"] } : {}),
  })),
  ...["esxi_hosts", "datastores"].map((table) => ({
    table,
    vault: (ref: string) =>
      `SELECT c.vault_id FROM configuration_servers c JOIN vcenters v ON v.configuration_server_id = c.id WHERE v.id = ${ref}.vcenter_id`,
  })),
  {
    table: "retention_volumes",
    vault: (ref) =>
      `SELECT c.vault_id FROM configuration_servers c JOIN master_targets m ON m.configuration_server_id = c.id WHERE m.id = ${ref}.master_target_id`,
  },
];

/**
 * What the feed publishes, stated once: [trigger name, body] for every captured table. Items, jobs
 * and plans by id; the infrastructure (above) by object id; the Lab's switches and simulation
 * speed as "lab" (id: the fault, or the vault for the speed).
 */
function triggerDefs(client: Database.Database): [string, string][] {
  const itemCols = columnsOf(client, "replicated_items").filter((c) => !ITEM_QUIET_COLUMNS.includes(c));
  // Unqualified: a trigger's body may not name a schema (the temp table is found first).
  const row = (kind: ChangeKind, ref: "new" | "old", counts: string, id = `${ref}.id`) =>
    `INSERT INTO portal_changes(kind, vault_id, id, counts) VALUES ('${kind}', ${ref}.vault_id, ${id}, ${counts});`;
  const itemCounts = `(old.state IS NOT new.state OR old.replication_health IS NOT new.replication_health OR old.active_location IS NOT new.active_location)`;
  const defs: [string, string][] = [
    ["portal_feed_items_ins", `AFTER INSERT ON main.replicated_items BEGIN ${row("item", "new", "1")} END`],
    ["portal_feed_items_del", `AFTER DELETE ON main.replicated_items BEGIN ${row("item", "old", "1")} END`],
    [
      "portal_feed_items_upd",
      `AFTER UPDATE ON main.replicated_items WHEN ${changed(itemCols)} BEGIN ${row("item", "new", itemCounts)} END`,
    ],
    ["portal_feed_jobs_ins", `AFTER INSERT ON main.jobs BEGIN ${row("job", "new", "1")} END`],
    ["portal_feed_jobs_del", `AFTER DELETE ON main.jobs BEGIN ${row("job", "old", "1")} END`],
    ["portal_feed_jobs_upd", `AFTER UPDATE ON main.jobs BEGIN ${row("job", "new", "(old.status IS NOT new.status)")} END`],
    ["portal_feed_plans_ins", `AFTER INSERT ON main.recovery_plans BEGIN ${row("plan", "new", "1")} END`],
    ["portal_feed_plans_del", `AFTER DELETE ON main.recovery_plans BEGIN ${row("plan", "old", "1")} END`],
    ["portal_feed_plans_upd", `AFTER UPDATE ON main.recovery_plans BEGIN ${row("plan", "new", "0")} END`],
    ["portal_feed_lab_ins", `AFTER INSERT ON main.fault_switches BEGIN ${row("lab", "new", "1", "new.fault")} END`],
    ["portal_feed_lab_del", `AFTER DELETE ON main.fault_switches BEGIN ${row("lab", "old", "1", "old.fault")} END`],
    [
      "portal_feed_speed_upd",
      `AFTER UPDATE ON main.simulation_settings WHEN old.speed IS NOT new.speed BEGIN ${row("lab", "new", "1", "new.vault_id")} END`,
    ],
  ];
  for (const { table, vault, quiet = [] } of INFRASTRUCTURE) {
    const cols = columnsOf(client, table).filter((c) => !quiet.includes(c));
    const crossed = quiet.map((c) => `(old."${c}" / ${HEARTBEAT_STEP_MS}) IS NOT (new."${c}" / ${HEARTBEAT_STEP_MS})`);
    // Through the parent rows: a row whose vault is already gone (a cascade) adds nothing; its parent's row says it.
    const infra = (ref: "new" | "old") =>
      `INSERT INTO portal_changes(kind, vault_id, id, counts) SELECT 'infrastructure', v.vault_id, ${ref}.id, 1 FROM (${vault(ref)}) v WHERE v.vault_id IS NOT NULL;`;
    defs.push(
      [`portal_feed_${table}_ins`, `AFTER INSERT ON main.${table} BEGIN ${infra("new")} END`],
      [`portal_feed_${table}_del`, `AFTER DELETE ON main.${table} BEGIN ${infra("old")} END`],
      [
        `portal_feed_${table}_upd`,
        `AFTER UPDATE ON main.${table} WHEN ${[changed(cols), ...crossed].join(" OR ")} BEGIN ${infra("new")} END`,
      ],
    );
  }
  return defs;
}

function startCapture(client: Database.Database): void {
  client.exec(
    `CREATE TEMP TABLE IF NOT EXISTS portal_changes (kind TEXT NOT NULL, vault_id TEXT NOT NULL, id TEXT NOT NULL, counts INTEGER NOT NULL)`,
  );
  for (const [name, body] of triggerDefs(client)) client.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name} ${body}`);
}

function stopCapture(client: Database.Database): void {
  for (const [name] of triggerDefs(client)) client.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
  client.exec(`DELETE FROM ${TABLE}`);
}

/**
 * Listens to a vault's changes made on `db`'s connection; returns the function that stops. Must be
 * called outside a transaction (it may create the capture triggers).
 */
export function subscribeChanges(db: DB, vaultId: string, listener: ChangeListener): () => void {
  const client = db.$client;
  const open = feed.capturing.get(client) ?? 0;
  if (open === 0) startCapture(client);
  feed.capturing.set(client, open + 1);
  const set = feed.listeners.get(vaultId) ?? new Set();
  set.add(listener);
  feed.listeners.set(vaultId, set);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    set.delete(listener);
    if (!set.size) feed.listeners.delete(vaultId);
    const left = (feed.capturing.get(client) ?? 1) - 1;
    feed.capturing.set(client, left);
    if (left === 0) {
      try {
        // Publishes what is pending first: other vaults' streams on other connections are unaffected.
        publishChanges(db);
        stopCapture(client);
      } catch (err) {
        logger.error({ err }, "change feed: cannot stop capturing");
      }
    }
  };
}

type Row = { kind: ChangeKind; vault_id: string; id: string; counts: number };

/**
 * Sends the changes committed on `db`'s connection since the last call to their vaults' listeners.
 * A no-op inside a transaction (nothing is committed yet) and when no stream listens.
 */
export function publishChanges(db: DB): void {
  const client = db.$client;
  if (!client || !(feed.capturing.get(client) ?? 0) || client.inTransaction) return;
  const rows = client.prepare(`SELECT kind, vault_id, id, counts FROM ${TABLE}`).all() as Row[];
  if (!rows.length) return;
  client.prepare(`DELETE FROM ${TABLE}`).run();
  const byVault = new Map<string, Map<ChangeKind, { ids: Set<string>; counts: boolean }>>();
  for (const r of rows) {
    const kinds = byVault.get(r.vault_id) ?? new Map();
    byVault.set(r.vault_id, kinds);
    const c = kinds.get(r.kind) ?? { ids: new Set<string>(), counts: false };
    kinds.set(r.kind, c);
    c.ids.add(r.id);
    if (r.counts) c.counts = true;
  }
  for (const [vaultId, kinds] of byVault) {
    const listeners = feed.listeners.get(vaultId);
    if (!listeners?.size) continue;
    const batch: ChangeBatch = {
      vaultId,
      version: ++feed.version,
      changes: [...kinds].map(([kind, c]) => ({ kind, ids: c.ids.size > MAX_IDS ? null : [...c.ids], counts: c.counts })),
    };
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (err) {
        logger.error({ err, vaultId }, "change feed: a listener failed");
      }
    }
  }
}

/** Merges two changes of one kind (ids union, capped; counts if either). */
export function mergeChange(a: Change, b: Change): Change {
  if (a.ids === null || b.ids === null) return { kind: a.kind, ids: null, counts: a.counts || b.counts };
  const ids = new Set([...a.ids, ...b.ids]);
  return { kind: a.kind, ids: ids.size > MAX_IDS ? null : [...ids], counts: a.counts || b.counts };
}

/**
 * One stream's queue: batches that arrive while the stream is busy are merged (per kind), so a
 * slow reader gets one event per kind with everything since its last one, never a backlog.
 */
export class ChangeQueue {
  private pending = new Map<ChangeKind, Change>();
  private version = 0;
  private wake: (() => void) | null = null;

  readonly push = (batch: ChangeBatch): void => {
    for (const c of batch.changes) {
      const prev = this.pending.get(c.kind);
      this.pending.set(c.kind, mergeChange(prev ?? { kind: c.kind, ids: [], counts: false }, c));
    }
    this.version = Math.max(this.version, batch.version);
    this.wake?.();
  };

  /** The merged changes since the last call, waiting at most `timeoutMs` (then an empty list). */
  async next(signal: AbortSignal | undefined, timeoutMs: number): Promise<{ version: number; changes: Change[] }> {
    if (!this.pending.size && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    const changes = [...this.pending.values()];
    this.pending.clear();
    return { version: this.version, changes };
  }
}
