/**
 * The recovery plan page offers a command exactly when the plan verb accepts it: for each seeded
 * plan and each command, `getPlanCommands` (what the page enables, and the direction its dialog
 * opens on) against the verb itself run in that direction.
 */
import { describe, expect, it } from "vitest";
import { failback, harness, vaultId } from "./harness";
import { DomainError } from "../errors";
import { getPlanCommands } from "../recovery-plan/commands";
import { PLAN_OPERATIONS, type PlanDirection, type PlanOperation } from "../recovery-plan/common";
import { runPlanFailover } from "../recovery-plan/run-plan-failover";
import { planCommit } from "../recovery-plan/plan-commit";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { planCleanupTestFailover, planTestFailover } from "../recovery-plan/plan-test-failover";

type H = ReturnType<typeof harness>;

function runVerb(h: H, planId: string, op: PlanOperation, direction: PlanDirection) {
  const target = { vaultId, planId };
  switch (op) {
    case "failover":
      return runPlanFailover(h.db, { ...target, direction, recoveryPoint: "latest-processed" }, h.env());
    case "commit":
      return planCommit(h.db, { ...target, direction }, h.env());
    case "reprotect":
      return planReprotect(
        h.db,
        direction === "to-on-premises" ? { ...target, direction, ...failback } : { ...target, direction, processServerId: "ps-cs-01" },
        h.env(),
      );
    case "test-failover":
      return planTestFailover(h.db, { ...target, networkId: "vnet-isolated" }, h.env());
    case "cleanup-test-failover":
      return planCleanupTestFailover(h.db, target, h.env());
  }
}

/** Whether the verb accepts (starts its job), or the refusal. */
function accepts(fn: () => unknown): true | DomainError {
  try {
    fn();
    return true;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

describe("recovery plan commands offer what the plan verbs accept", { timeout: 120_000 }, () => {
  it.each([
    // web-01, hr-01: protected to Azure.
    ["rp-web", ["failover to-azure", "test-failover to-azure"]],
    // sql-cl-01/02: failover committed in Azure (a replication group).
    ["rp-sql", ["reprotect to-on-premises"]],
    // crm-01 protected back to on-premises, crm-02 failed back: no operation takes both.
    ["rp-crm", []],
  ])("%s: each command allowed exactly when its verb starts, in the direction offered", (planId, expected) => {
    const offered: string[] = [];
    for (const op of PLAN_OPERATIONS) {
      const h = harness();
      h.touch();
      const verdict = getPlanCommands(h.db, vaultId, planId, h.env())[op];
      const result = accepts(() => runVerb(h, planId, op, verdict.direction));
      if (verdict.allowed) {
        expect(result, `${planId} ${op} ${verdict.direction}: ${result === true ? "" : result.message}`).toBe(true);
        offered.push(`${op} ${verdict.direction}`);
      } else {
        expect(result).toBeInstanceOf(DomainError);
        expect(verdict.reason).toMatch(/cannot take part/);
        // The other directions are refused too: nothing the page hides would have run.
        for (const other of ["to-azure", "to-on-premises"] as const)
          if (other !== verdict.direction && (op === "failover" || op === "reprotect" || op === "commit"))
            expect(accepts(() => runVerb(harnessed(), planId, op, other))).toBeInstanceOf(DomainError);
      }
    }
    expect(offered).toEqual(expected);
  });

  it("a plan with a running job offers nothing, and says why", () => {
    const h = harness();
    h.touch();
    runPlanFailover(h.db, { vaultId, planId: "rp-web", direction: "to-azure", recoveryPoint: "latest-processed" }, h.env());
    const commands = getPlanCommands(h.db, vaultId, "rp-web", h.env());
    for (const op of PLAN_OPERATIONS) expect(commands[op]).toMatchObject({ allowed: false, reason: expect.stringMatching(/in progress/) });
  });
});

/** A fresh seeded vault with live heartbeats. */
function harnessed(): H {
  const h = harness();
  h.touch();
  return h;
}
