import { and, asc, count, desc, eq, gt, gte, lt, lte, or, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEntries, type AuditOutcome, type Role } from "@/db/schema";
import { summarizeInput } from "./redact";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";

export type { AuditOutcome };

export type AuditRecord = {
  vaultId?: string | null;
  userId?: string | null;
  userEmail?: string | null;
  role?: Role | null;
  operation: string;
  target?: string | null;
  input?: unknown;
  outcome: AuditOutcome;
  reason?: string | null;
  clientIp?: string | null;
  at?: Date;
};

/** Writes one activity-log row (synchronously, so it joins the caller's transaction). */
export function recordAudit(db: DbOrTx, r: AuditRecord): void {
  db.insert(auditEntries)
    .values({
      at: r.at ?? new Date(),
      vaultId: r.vaultId ?? null,
      userId: r.userId ?? null,
      userEmail: r.userEmail ?? null,
      role: r.role ?? null,
      operation: r.operation,
      target: r.target ?? null,
      inputSummary: summarizeInput(r.input),
      outcome: r.outcome,
      reason: r.reason ? r.reason.slice(0, 1000) : null,
      clientIp: r.clientIp ?? null,
    })
    .run();
}

/**
 * Who reads the log. Rows outside any vault (sign-ins, CLI actions, refusals outside a vault) are
 * shown to their own user only, and all of them to a server-wide viewer (a server administrator,
 * or the Owner of every vault).
 */
export type AuditViewer = { userId: string; serverWide: boolean };

export type AuditFilter = {
  vaultId: string;
  viewer: AuditViewer;
  user?: string;
  operation?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
};

export type AuditRow = typeof auditEntries.$inferSelect;

/** The largest page the Activity log asks for; the CSV export reads in chunks of EXPORT_CHUNK. */
export const MAX_AUDIT_PAGE = 100;
export const DEFAULT_AUDIT_PAGE = 50;
export const EXPORT_CHUNK = 1_000;
export const AUDIT_ORDERS = ["newest", "oldest"] as const;
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

export type AuditPageInput = AuditFilter & { order?: AuditOrder; cursor?: string | null; limit?: number };
export type AuditPage = { items: AuditRow[]; nextCursor: string | null; total: number };

/**
 * The two sets of rows a viewer sees in a vault's log, each read through its own index in time
 * order: the vault's rows (vault_id = ?) and the vault-less rows they may see (vault_id IS NULL,
 * and their own user id unless server-wide). Reading them apart lets SQLite walk an index in
 * order instead of sorting every row of an OR.
 */
function visibleSets(vaultId: string, viewer: AuditViewer): SQL[] {
  const vaultLess = viewer.serverWide
    ? isNull(auditEntries.vaultId)
    : and(isNull(auditEntries.vaultId), eq(auditEntries.userId, viewer.userId))!;
  return [eq(auditEntries.vaultId, vaultId), vaultLess];
}

function filtersOf(f: AuditFilter): SQL[] {
  const where: SQL[] = [];
  const user = f.user?.trim().toLowerCase();
  // instr() instead of LIKE: the user's % and _ mean themselves.
  if (user) where.push(sql`instr(lower(${auditEntries.userEmail}), ${user}) > 0`);
  if (f.operation) where.push(eq(auditEntries.operation, f.operation));
  if (f.outcome) where.push(eq(auditEntries.outcome, f.outcome));
  if (f.from) where.push(gte(auditEntries.at, f.from));
  if (f.to) where.push(lte(auditEntries.at, f.to));
  return where;
}

function encodeCursor(row: Pick<AuditRow, "at" | "id">): string {
  return `${row.at.getTime()}_${row.id}`;
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const sep = cursor.indexOf("_");
  const at = Number(cursor.slice(0, sep));
  if (sep <= 0 || !Number.isFinite(at) || sep === cursor.length - 1) {
    throw new DomainError("Invalid", {
      code: CODES.invalidCursor,
      message: "The page cursor is not valid.",
      fieldErrors: { cursor: ["Start from the first page."] },
    });
  }
  return { at: new Date(at), id: cursor.slice(sep + 1) };
}

/** Rows after the cursor in the page's order (time, then id, both descending for "newest"). */
function after(cursor: { at: Date; id: string }, order: AuditOrder): SQL {
  return order === "newest"
    ? or(lt(auditEntries.at, cursor.at), and(eq(auditEntries.at, cursor.at), lt(auditEntries.id, cursor.id)))!
    : or(gt(auditEntries.at, cursor.at), and(eq(auditEntries.at, cursor.at), gt(auditEntries.id, cursor.id)))!;
}

const byOrder = (order: AuditOrder) => (a: AuditRow, b: AuditRow) => {
  const d = a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return order === "newest" ? -d : d;
};

/** Up to `limit` rows after `cursor`, filtered and ordered in SQL; the next page's cursor. */
function readPage(db: DbOrTx, f: AuditFilter, order: AuditOrder, cursor: string | null | undefined, limit: number) {
  const filters = filtersOf(f);
  if (cursor) filters.push(after(decodeCursor(cursor), order));
  const dir = order === "newest" ? desc : asc;
  // Each set reads at most limit + 1 rows through its index; the merge keeps the first limit + 1.
  const rows = visibleSets(f.vaultId, f.viewer)
    .flatMap((set) =>
      db
        .select()
        .from(auditEntries)
        .where(and(set, ...filters))
        .orderBy(dir(auditEntries.at), dir(auditEntries.id))
        .limit(limit + 1)
        .all(),
    )
    .sort(byOrder(order))
    .slice(0, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** How many rows of the vault's log match the filter (each set counted through its index). */
export function countAuditEntries(db: DbOrTx, f: AuditFilter): number {
  const filters = filtersOf(f);
  return visibleSets(f.vaultId, f.viewer).reduce(
    (n, set) =>
      n +
      (db
        .select({ n: count() })
        .from(auditEntries)
        .where(and(set, ...filters))
        .get()?.n ?? 0),
    0,
  );
}

/** A page of a vault's log (at most MAX_AUDIT_PAGE rows), newest first unless asked otherwise, with the total. */
export function listAuditPage(db: DbOrTx, input: AuditPageInput): AuditPage {
  const limit = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(input.limit ?? DEFAULT_AUDIT_PAGE)));
  const page = readPage(db, input, input.order ?? "newest", input.cursor, limit);
  return { ...page, total: countAuditEntries(db, input) };
}

/** Every matching row, in chunks of EXPORT_CHUNK read one after the other by cursor (the CSV export). */
export function* auditEntryChunks(db: DbOrTx, f: AuditFilter, order: AuditOrder = "newest"): Generator<AuditRow[]> {
  let cursor: string | null = null;
  do {
    const page = readPage(db, f, order, cursor, EXPORT_CHUNK);
    if (page.items.length) yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Distinct operation names in the rows of a vault's log the viewer may see, for the filter list. */
export function listAuditOperations(db: DbOrTx, vaultId: string, viewer: AuditViewer): string[] {
  return db
    .selectDistinct({ operation: auditEntries.operation })
    .from(auditEntries)
    .where(or(...visibleSets(vaultId, viewer)))
    .orderBy(auditEntries.operation)
    .all()
    .map((r) => r.operation);
}

export const CSV_COLUMNS = ["time", "user", "role", "operation", "target", "input", "outcome", "reason", "clientIp"] as const;

/** RFC 4180 field; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  let s = value == null ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(row: AuditRow): string {
  return (
    [row.at, row.userEmail, row.role, row.operation, row.target, row.inputSummary, row.outcome, row.reason, row.clientIp]
      .map(csvField)
      .join(",") + "\r\n"
  );
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + "\r\n";
}
