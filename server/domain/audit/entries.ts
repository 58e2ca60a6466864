import { and, desc, eq, gte, lte, like, or, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEntries, type AuditOutcome, type Role } from "@/db/schema";
import { summarizeInput } from "./redact";

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
  limit?: number;
};

export type AuditRow = typeof auditEntries.$inferSelect;

/** The rows a viewer may see in a vault's log: the vault's own, and the vault-less rows they may see. */
function visibleIn(vaultId: string, viewer: AuditViewer): SQL | undefined {
  const vaultLess = viewer.serverWide
    ? isNull(auditEntries.vaultId)
    : and(isNull(auditEntries.vaultId), eq(auditEntries.userId, viewer.userId));
  return or(eq(auditEntries.vaultId, vaultId), vaultLess);
}

/** Rows of a vault, newest first, with the vault-less rows the viewer may see. */
export function listAuditEntries(db: DbOrTx, f: AuditFilter): AuditRow[] {
  const where: (SQL | undefined)[] = [visibleIn(f.vaultId, f.viewer)];
  if (f.user) where.push(like(auditEntries.userEmail, `%${f.user.replace(/[%_]/g, "")}%`));
  if (f.operation) where.push(eq(auditEntries.operation, f.operation));
  if (f.outcome) where.push(eq(auditEntries.outcome, f.outcome));
  if (f.from) where.push(gte(auditEntries.at, f.from));
  if (f.to) where.push(lte(auditEntries.at, f.to));
  return db
    .select()
    .from(auditEntries)
    .where(and(...where))
    .orderBy(desc(auditEntries.at))
    .limit(Math.min(f.limit ?? 500, 10_000))
    .all();
}

/** Distinct operation names in the rows of a vault's log the viewer may see, for the filter list. */
export function listAuditOperations(db: DbOrTx, vaultId: string, viewer: AuditViewer): string[] {
  return db
    .selectDistinct({ operation: auditEntries.operation })
    .from(auditEntries)
    .where(visibleIn(vaultId, viewer))
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
