import { describe, expect, it } from "vitest";
import { harness, vaultId } from "./harness";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { planTestFailover } from "../recovery-plan/plan-test-failover";
import { drillReport, drillReportCsv, DRILL_CSV_COLUMNS } from "../replicated-item/history";

const h = harness();

describe("drill evidence report", () => {
  it("has nothing to report before a test failover", () => {
    expect(drillReport(h.db, vaultId, { itemId: "hr-01" })).toBeNull();
  });

  it("reports each item of a plan's test failover with its achieved RPO and RTO, as CSV too", () => {
    const { planId } = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-drill", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ["web-01"] }, { itemIds: ["hr-01"] }] },
      h.env(),
    );
    const { jobId } = planTestFailover(h.db, { vaultId, planId, networkId: "vnet-isolated" }, h.env());
    expect(h.run(jobId).status).toBe("succeeded");
    const report = drillReport(h.db, vaultId, { planId })!;
    expect(report.planJob).toMatchObject({ id: jobId, status: "succeeded" });
    expect(report.runs.map((r) => r.itemId).sort()).toEqual(["hr-01", "web-01"]);
    for (const r of report.runs) {
      expect(r).toMatchObject({ status: "succeeded", checks: "Passed", planJobId: jobId });
      expect(r.rpoSeconds).toBeGreaterThanOrEqual(0);
      expect(r.rtoSeconds).toBeGreaterThan(0);
    }
    const csv = drillReportCsv(report).trim().split("\r\n");
    expect(csv[0]).toBe(DRILL_CSV_COLUMNS.join(","));
    expect(csv).toHaveLength(3);
    // The item's own report is its latest test failover: the plan's.
    expect(drillReport(h.db, vaultId, { itemId: "web-01" })!.runs[0]!.planJobId).toBe(jobId);
  });

  it("guards CSV cells against spreadsheet formulas", () => {
    const report = drillReport(h.db, vaultId, { itemId: "web-01" })!;
    const csv = drillReportCsv({ ...report, runs: report.runs.map((r) => ({ ...r, notes: "=HYPERLINK(1)" })) });
    expect(csv).toContain("'=HYPERLINK(1)");
  });
});
