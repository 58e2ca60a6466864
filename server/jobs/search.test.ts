/**
 * The Jobs blade's search: a substring of a job's name, target name or id, ASCII case folded, the
 * user's % and _ literal. A rare term is read through the trigram index (jobs_search, kept by
 * triggers), a short or common one by a scan: both must answer what the definition says.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memoryDb, type DB } from "@/db/client";
import { seedDemoVault, seedVault, DEMO_VAULT_ID } from "@/db/seed";
import { jobs } from "@/db/schema";
import { listJobs } from "./progress";

const vaultId = DEMO_VAULT_ID;
const now = new Date(Date.UTC(2026, 0, 10));
let db: DB;

/** What the search means, written plainly over every job of the vault. */
function expected(term: string): string[] {
  const fold = (x: string) => x.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const t = fold(term.trim().toLowerCase());
  return db
    .select()
    .from(jobs)
    .where(eq(jobs.vaultId, vaultId))
    .all()
    .filter((j) => [j.name, j.targetName, j.id].some((f) => fold(f).includes(t)))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((j) => j.id);
}

/** Every page of a search, following the cursor. */
function searchAll(term: string, limit = 100): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = listJobs(db, { vaultId, now, search: term, limit, cursor });
    ids.push(...page.items.map((j) => j.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

beforeAll(() => {
  db = memoryDb();
  seedDemoVault(db, now.getTime());
  seedVault(db, { id: "other-vault", name: "other-vault", idPrefix: "o-" });
  const insert = db.$client.prepare(
    `insert into jobs (id, vault_id, type, name, target_type, target_id, target_name, status, input, created_at)
     values (?, ?, 'failover', ?, 'replicated-item', ?, ?, 'succeeded', '{}', ?)`,
  );
  const names = ["Failover", "Test failover", "Reprotect", "Commit"];
  db.$client.transaction(() => {
    // 2,500 jobs on "common-vm-…" items: "common" is in more jobs than the index is used for.
    for (let i = 0; i < 2500; i++) {
      const target = `common-vm-${String(i % 300).padStart(4, "0")}`;
      insert.run(`job-c-${i}`, vaultId, names[i % names.length], target, target, now.getTime() - i * 60_000);
    }
    const odd: [string, string][] = [
      ["job-odd-1", "Café-VM_01"],
      ["job-odd-2", "CAFÉ-vm%02"],
      ["job-odd-3", 'quote"vm'],
      ["job-odd-4", "Rare-Target-XYZ"],
      ["job-odd-5", "rare-target-xyz-2"],
    ];
    for (const [id, target] of odd) insert.run(id, vaultId, "Failover", id, target, now.getTime() - 10_000);
  })();
  // The same names in another vault never show.
  db.$client
    .prepare(
      `insert into jobs (id, vault_id, type, name, target_type, target_id, target_name, status, input, created_at)
       values ('job-other-1', ?, 'failover', 'Failover', 'replicated-item', 'x', 'Rare-Target-XYZ', 'succeeded', '{}', ?)`,
    )
    .run("other-vault", now.getTime());
});

describe("jobs search", () => {
  it.each([
    ["a rare term (the index)", "rare-target-xyz"],
    ["its other case", "RARE-TARGET-XYZ"],
    ["a part of an id", "job-odd-3"],
    ["a common term (a scan)", "common-vm"],
    ["a common term, narrower", "common-vm-0042"],
    ["a term of two characters", "vm"],
    ["a name", "test failover"],
    ["a literal %", "vm%0"],
    ["a literal _", "vm_0"],
    ["a lone _", "_"],
    ["a double quote", 'quote"v'],
    ["a non-ASCII letter in its case", "café"],
    ["a non-ASCII letter in the other case (LIKE folds ASCII only)", "CAFÉ"],
    ["spaces around", "  rare-target  "],
    ["nothing matches", "no-such-job-anywhere"],
  ])("%s: %s", (_what, term) => {
    const want = expected(term);
    expect(searchAll(term)).toEqual(want);
    expect(searchAll(term, 7)).toEqual(want);
  });

  it("finds a job when it is added, renamed or deleted (the index follows the jobs table)", () => {
    expect(searchAll("brand-new-target")).toEqual([]);
    db.$client
      .prepare(
        `insert into jobs (id, vault_id, type, name, target_type, target_id, target_name, status, input, created_at)
         values ('job-new', ?, 'failover', 'Failover', 'replicated-item', 'n', 'brand-new-target', 'succeeded', '{}', ?)`,
      )
      .run(vaultId, now.getTime());
    expect(searchAll("brand-new-target")).toEqual(["job-new"]);
    db.update(jobs).set({ targetName: "renamed-target" }).where(eq(jobs.id, "job-new")).run();
    expect(searchAll("brand-new-target")).toEqual([]);
    expect(searchAll("renamed-target")).toEqual(["job-new"]);
    db.delete(jobs).where(eq(jobs.id, "job-new")).run();
    expect(searchAll("renamed-target")).toEqual([]);
    // FTS5's own check that the index matches the jobs table (it throws when they differ).
    expect(() => db.$client.prepare("insert into jobs_search(jobs_search) values ('integrity-check')").run()).not.toThrow();
  });
});
