import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, vaultId } from "./harness";
import { listItems } from "../replicated-item/queries";
import { testFailover } from "../replicated-item/test-failover";
import { cleanupTestFailover } from "../replicated-item/cleanup-test-failover";
import { drillRuns } from "../replicated-item/history";
import {
  configurationIssues,
  errorSummary,
  healthCounts,
  infrastructureView,
  jobsLast24Hours,
  rpoDistribution,
  statusCounts,
  testFailoverSuccess,
} from "../vault/overview";

const h = harness();

describe("the Overview's aggregates agree with the items they count", () => {
  const items = listItems(h.db, { vaultId });

  it("health and status counts match the filtered item lists", () => {
    for (const r of healthCounts(h.db, vaultId)) expect(r.count).toBe(listItems(h.db, { vaultId, health: r.health }).length);
    const status = statusCounts(h.db, vaultId);
    for (const r of status) expect(r.count).toBe(listItems(h.db, { vaultId, state: r.state }).length);
    expect(status.reduce((n, r) => n + r.count, 0)).toBe(items.length);
  });

  it("error summary counts the items having each health error code", () => {
    const rows = h.db
      .select({ errors: s.replicatedItems.healthErrors })
      .from(s.replicatedItems)
      .where(eq(s.replicatedItems.vaultId, vaultId))
      .all();
    for (const r of errorSummary(h.db, vaultId)) expect(r.count).toBe(rows.filter((x) => x.errors.some((e) => e.code === r.code)).length);
  });

  it("infrastructure counts each server's items, RPO buckets add up, jobs count by status", () => {
    const infra = infrastructureView(h.db, vaultId, h.env());
    expect(infra.length).toBeGreaterThan(0);
    const active = items.filter((i) => i.state !== "replication-disabled");
    expect(infra.reduce((n, cs) => n + cs.itemCount, 0)).toBe(active.length);
    const rpo = rpoDistribution(h.db, vaultId);
    expect(rpo.buckets.reduce((n, b) => n + b.count, 0) + rpo.noRpo).toBe(active.length);
    const jobs = jobsLast24Hours(h.db, vaultId, h.env());
    expect(jobs.failed).toBeGreaterThanOrEqual(1);
    expect(configurationIssues(h.db, vaultId, h.env()).every((i) => i.count >= 0)).toBe(true);
  });

  it("a test failover counts as tested and its drill run holds its achieved RPO and RTO", () => {
    const before = testFailoverSuccess(h.db, vaultId, h.env());
    const { jobId } = testFailover(h.db, { vaultId, itemId: "web-01", networkId: "vnet-isolated" }, h.env());
    expect(h.run(jobId).status).toBe("succeeded");
    const after = testFailoverSuccess(h.db, vaultId, h.env());
    expect(after.tested).toBe(before.tested + 1);
    expect(after.notTested).toBe(before.notTested - 1);
    const cleanup = cleanupTestFailover(h.db, { vaultId, itemId: "web-01", notes: "Drill passed." }, h.env());
    h.run(cleanup.jobId);
    const [run] = drillRuns(h.db, ["web-01"]);
    expect(run).toMatchObject({ jobId, checks: "Passed", notes: "Drill passed.", cleanupJobId: cleanup.jobId });
    expect(run!.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(run!.rtoSeconds).toBeGreaterThan(0);
    expect(run!.cleanupAt).not.toBeNull();
  });
});
