import { describe, expect, it } from "vitest";
import { allowedOperations, canPerform, OPERATIONS, stageOf, type ItemStateView, type Operation } from "../replicated-item/state";
import { ITEM_STATES, type ItemState, type ActiveLocation, type ReplicationDirection } from "@/db/schema";

type Row = [ItemState, ActiveLocation, ReplicationDirection, string | null, Operation[]];

const ALL_STATES = ITEM_STATES;

// What is allowed in each placement (everything else must be refused with a reason).
const TABLE: Row[] = [
  ["protected", "on-premises", "to-azure", null, ["failover-to-azure", "test-failover", "disable-replication"]],
  ["failover-completed", "azure", "to-azure", null, ["commit", "change-recovery-point", "disable-replication"]],
  ["failover-committed", "azure", "to-azure", null, ["reprotect-to-on-premises", "disable-replication"]],
  ["protected", "azure", "to-on-premises", null, ["unplanned-failover-to-on-premises", "disable-replication"]],
  ["failover-completed", "on-premises", "to-on-premises", null, ["commit", "change-recovery-point", "disable-replication"]],
  ["failover-committed", "on-premises", "to-on-premises", null, ["reprotect-to-azure", "disable-replication"]],
  ["test-failover-completed", "on-premises", "to-azure", null, ["cleanup-test-failover"]],
  ["replication-disabled", "on-premises", "to-azure", null, ["enable-replication"]],
  ["enabling-protection", "on-premises", "to-azure", null, ["disable-replication"]],
  // Any state with a running job: nothing.
  ...ALL_STATES.map((st): Row => [st, "on-premises", "to-azure", "job-1", []]),
  ...ALL_STATES.map((st): Row => [st, "azure", "to-on-premises", "job-2", []]),
  // In-progress states without a job (e.g. after a manual DB edit) still refuse.
  ...(
    [
      "failover-in-progress",
      "commit-in-progress",
      "reprotecting",
      "test-failover-in-progress",
      "test-failover-cleanup-in-progress",
      "disabling-replication",
    ] as ItemState[]
  ).map((st): Row => [st, "azure", "to-azure", null, []]),
];

const cases = TABLE.flatMap(([state, loc, dir, job, allowed]) =>
  OPERATIONS.map((op) => ({ state, loc, dir, job, op, expected: allowed.includes(op) })),
);

describe("allowedOperations: every (state × operation) pair", () => {
  it.each(cases)("$state/$loc/$dir job=$job $op ⇒ $expected", ({ state, loc, dir, job, op, expected }) => {
    const item: ItemStateView = { name: "vm-1", state, activeLocation: loc, replicationDirection: dir, currentJobId: job };
    const v = canPerform(op, item);
    expect(v.allowed).toBe(expected);
    if (!expected) {
      expect(v.reason).toBeTruthy();
      expect(v.recommendedAction).toBeTruthy();
      if (job || state.endsWith("in-progress") || state === "reprotecting" || state === "disabling-replication")
        expect(v.reason).toMatch(/Another operation is in progress on vm-1/);
    }
  });
});

describe("refusal reasons name the situation", () => {
  const mk = (state: ItemState, loc: ActiveLocation, dir: ReplicationDirection): ItemStateView => ({
    name: "app-01",
    state,
    activeLocation: loc,
    replicationDirection: dir,
    currentJobId: null,
  });
  it("reprotect before commit says to commit first", () => {
    expect(canPerform("reprotect-to-on-premises", mk("failover-completed", "azure", "to-azure")).recommendedAction).toMatch(
      /Commit the failover first/,
    );
  });
  it("failover to Azure while replicating back recommends Unplanned failover", () => {
    expect(canPerform("failover-to-azure", mk("protected", "azure", "to-on-premises")).recommendedAction).toMatch(/Unplanned failover/);
  });
  it("change recovery point after commit says the point is fixed", () => {
    expect(canPerform("change-recovery-point", mk("failover-committed", "azure", "to-azure")).reason).toMatch(/fixed/);
  });
  it("a wrong state names the current status", () => {
    expect(canPerform("commit", mk("protected", "on-premises", "to-azure")).reason).toMatch(/protected/i);
  });
  it("failover without a recovery point is refused", () => {
    expect(canPerform("failover-to-azure", mk("protected", "on-premises", "to-azure"), { recoveryPointCount: 0 })).toMatchObject({
      allowed: false,
      code: "NoRecoveryPoint",
    });
  });
  it("reprotect without an Azure VM is refused", () => {
    expect(canPerform("reprotect-to-on-premises", mk("failover-committed", "azure", "to-azure"), { azureVmExists: false }).allowed).toBe(
      false,
    );
  });
  it("stages 1–6 are recognised", () => {
    expect(stageOf(mk("protected", "on-premises", "to-azure"))).toBe(1);
    expect(stageOf(mk("failover-committed", "on-premises", "to-on-premises"))).toBe(6);
    expect(Object.keys(allowedOperations(mk("protected", "on-premises", "to-azure")))).toEqual([...OPERATIONS]);
  });
});
