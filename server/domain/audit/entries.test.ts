import { beforeEach, describe, expect, it } from "vitest";
import { memoryDb, type DB } from "@/db/client";
import { auditEntries } from "@/db/schema";
import { DomainError } from "../errors";
import {
  MAX_AUDIT_PAGE,
  EXPORT_CHUNK,
  auditEntryChunks,
  countAuditEntries,
  listAuditPage,
  listAuditOperations,
  recordAudit,
} from "./entries";

const V = "vault-a";
const viewer = { userId: "u-1", serverWide: false };
const T0 = Date.UTC(2026, 0, 1);
let db: DB;

/** n rows in vault A a second apart (several at the same instant every 10, to exercise the id tie-break), plus others. */
function fill(n: number) {
  const rows: (typeof auditEntries.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      id: `a-${String(i).padStart(5, "0")}`,
      at: new Date(T0 + Math.floor(i / 3) * 1000),
      vaultId: V,
      userId: i % 2 ? "u-1" : "u-2",
      userEmail: i % 2 ? "ada@contoso.test" : "bob@contoso.test",
      operation: i % 5 ? "items.failover" : "items.commit",
      outcome: i % 7 ? "accepted" : "refused",
    });
  }
  // Another vault's rows, and vault-less rows of the viewer and of someone else.
  rows.push({ id: "b-1", at: new Date(T0), vaultId: "vault-b", userId: "u-1", operation: "x", outcome: "accepted" });
  rows.push({ id: "n-mine", at: new Date(T0 + 5_500), vaultId: null, userId: "u-1", operation: "auth.signIn", outcome: "accepted" });
  rows.push({ id: "n-other", at: new Date(T0 + 5_500), vaultId: null, userId: "u-9", operation: "auth.signIn", outcome: "accepted" });
  for (let i = 0; i < rows.length; i += 500)
    db.insert(auditEntries)
      .values(rows.slice(i, i + 500))
      .run();
}

beforeEach(() => {
  db = memoryDb();
});

describe("the Activity log's pages", () => {
  it("pages newest first by cursor, every visible row exactly once, with the total", () => {
    fill(250);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = listAuditPage(db, { vaultId: V, viewer, cursor, limit: MAX_AUDIT_PAGE });
      expect(page.items.length).toBeLessThanOrEqual(MAX_AUDIT_PAGE);
      expect(page.total).toBe(251); // 250 of the vault + the viewer's own vault-less row
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(251);
    expect(seen).toContain("n-mine");
    expect(seen).not.toContain("n-other");
    expect(seen).not.toContain("b-1");
    // Newest first, ties by id descending.
    const all = db.select().from(auditEntries).all();
    const byId = new Map(all.map((r) => [r.id, r]));
    for (let i = 1; i < seen.length; i++) {
      const a = byId.get(seen[i - 1]!)!;
      const b = byId.get(seen[i]!)!;
      expect(a.at.getTime() > b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.id > b.id)).toBe(true);
    }
  });

  it("orders oldest first on request, and a server-wide viewer sees every vault-less row", () => {
    fill(20);
    const oldest = listAuditPage(db, { vaultId: V, viewer: { userId: "u-1", serverWide: true }, order: "oldest", limit: 100 });
    expect(oldest.items[0]!.id).toBe("a-00000");
    expect(oldest.items.map((r) => r.id)).toEqual(expect.arrayContaining(["n-mine", "n-other"]));
    expect(oldest.total).toBe(22);
  });

  it("filters in SQL by user, operation, outcome and time, and counts the same rows", () => {
    fill(100);
    const f = { vaultId: V, viewer, user: "ADA@", operation: "items.failover", outcome: "accepted" as const };
    const page = listAuditPage(db, { ...f, limit: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const r of page.items) expect([r.userEmail, r.operation, r.outcome]).toEqual(["ada@contoso.test", "items.failover", "accepted"]);
    expect(page.total).toBe(page.items.length);
    expect(countAuditEntries(db, f)).toBe(page.items.length);
    const window = listAuditPage(db, { vaultId: V, viewer, from: new Date(T0 + 10_000), to: new Date(T0 + 11_000), limit: 100 });
    expect(window.items.map((r) => r.at.getTime() - T0).every((ms) => ms >= 10_000 && ms <= 11_000)).toBe(true);
    expect(window.total).toBe(6);
    // A % in the user filter means itself.
    expect(listAuditPage(db, { vaultId: V, viewer, user: "%" }).total).toBe(0);
  });

  it("refuses a cursor it did not make, and caps the page at 100", () => {
    fill(150);
    expect(() => listAuditPage(db, { vaultId: V, viewer, cursor: "garbage" })).toThrow(DomainError);
    expect(listAuditPage(db, { vaultId: V, viewer, limit: 10_000 }).items).toHaveLength(MAX_AUDIT_PAGE);
  });

  it("reads a page through the indexes, never by sorting the table", () => {
    const plan = (sqlText: string) =>
      (db.$client.prepare(`explain query plan ${sqlText}`).all() as { detail: string }[]).map((r) => r.detail).join(" | ");
    const q = `select * from audit_entries where vault_id = 'v' and %s order by at desc, id desc limit 101`;
    for (const [cond, index] of [
      ["1", "audit_vault_at_id"],
      ["operation = 'x'", "audit_vault_operation_at"],
      ["outcome = 'refused'", "audit_vault_outcome_at"],
    ] as const) {
      const p = plan(q.replace("%s", cond));
      expect(p).toContain(index);
      expect(p).not.toContain("TEMP B-TREE");
    }
    const mine = plan(`select * from audit_entries where vault_id is null and user_id = 'u' order by at desc, id desc limit 101`);
    expect(mine).toContain("audit_vault_user_at");
    expect(mine).not.toContain("TEMP B-TREE");
  });

  it("exports every matching row in chunks, beyond any page or the old 10,000 cap", () => {
    fill(EXPORT_CHUNK * 2 + 5);
    const chunks = [...auditEntryChunks(db, { vaultId: V, viewer })];
    expect(chunks.map((c) => c.length)).toEqual([EXPORT_CHUNK, EXPORT_CHUNK, 6]);
    expect(new Set(chunks.flat().map((r) => r.id)).size).toBe(EXPORT_CHUNK * 2 + 6);
    const refused = [...auditEntryChunks(db, { vaultId: V, viewer, outcome: "refused" })].flat();
    expect(refused.length).toBe(countAuditEntries(db, { vaultId: V, viewer, outcome: "refused" }));
  });

  it("lists the operations of the visible rows", () => {
    recordAudit(db, { vaultId: V, operation: "b.op", outcome: "accepted" });
    recordAudit(db, { vaultId: null, userId: "u-1", operation: "a.op", outcome: "accepted" });
    recordAudit(db, { vaultId: null, userId: "u-9", operation: "z.op", outcome: "accepted" });
    expect(listAuditOperations(db, V, viewer)).toEqual(["a.op", "b.op"]);
  });
});
