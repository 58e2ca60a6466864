import { describe, expect, it } from "vitest";
import { harness, vaultId } from "./harness";
import * as s from "@/db/schema";
import { bulkItemOperation, bulkItemVerdicts } from "../replicated-item/bulk";
import { BULK_OPERATIONS } from "../replicated-item/inputs";

const h = harness();

describe("bulk actions", () => {
  it("starts one job per allowed item and refuses the others without touching them", () => {
    const before = h.item("app-01");
    const r = bulkItemOperation(
      h.db,
      { vaultId, operation: "test-failover", itemIds: ["web-01", "hr-01", "app-01"], networkId: "vnet-isolated" },
      h.env(),
    );
    expect(r).toMatchObject({ started: 2, refused: 1 });
    // The refused item is untouched by the bulk action (the replication tick that runs the jobs may refresh its simulation times).
    expect(h.item("app-01")).toEqual(before);
    const jobs = r.results.flatMap((x) => (x.ok ? [x.jobId] : []));
    expect(new Set(jobs).size).toBe(2);
    for (const id of jobs) expect(h.run(id).status).toBe("succeeded");
    expect(h.item("web-01").state).toBe("test-failover-completed");
    expect(h.item("app-01").state).toBe(before.state);
    expect(r.results.find((x) => x.itemId === "app-01")).toMatchObject({ ok: false });
  });

  it("asks for the network of a test failover", () => {
    expect(() => bulkItemOperation(h.db, { vaultId, operation: "test-failover", itemIds: ["hr-01"] }, h.env())).toThrow(/Azure network/);
  });
});

describe("bulk actions offer what the verbs accept", { timeout: 60_000 }, () => {
  it.each(BULK_OPERATIONS)(
    "%s: over every seeded item, the verdicts name exactly the items the verb runs on, and the refusals' reasons",
    (op) => {
      const h = harness();
      const itemIds = h.db
        .select({ id: s.replicatedItems.id })
        .from(s.replicatedItems)
        .all()
        .map((r) => r.id);
      const verdict = bulkItemVerdicts(h.db, { vaultId, itemIds }, h.env())[op];
      expect(verdict.allowed.length).toBeGreaterThan(0);
      expect(verdict.refused.length).toBeGreaterThan(0);
      const r = bulkItemOperation(
        h.db,
        { vaultId, operation: op, itemIds, networkId: op === "test-failover" ? "vnet-isolated" : undefined },
        h.env(),
      );
      expect(r.results.filter((x) => x.ok).map((x) => x.itemId)).toEqual(verdict.allowed);
      for (const refusal of verdict.refused) {
        const result = r.results.find((x) => x.itemId === refusal.id)!;
        expect(result.ok).toBe(false);
        if (!result.ok) expect(refusal.code).toBe(result.code);
      }
    },
  );
});
