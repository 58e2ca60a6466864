import { describe, expect, it } from "vitest";
import { harness, vaultId } from "./harness";
import { bulkItemOperation } from "../replicated-item/bulk";

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
