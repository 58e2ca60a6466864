/**
 * Multi-VM consistency is one rule (replication/multi-vm.ts): a recovery point is multi-VM
 * consistent only when the item's policy has multi-VM consistency on AND the item is in a
 * replication group with others — for the first points of initial replication and of re-protect
 * as for every later point of the replication tick.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback, harness, replicationInput, vaultId, multiVmPolicy } from "./harness";
import { enableReplication } from "../replicated-item/enable-replication";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { isMultiVmConsistent } from "../replication/multi-vm";
import type { ReplicationDirection } from "@/db/schema";

type H = ReturnType<typeof harness>;

const points = (h: H, itemId: string, direction: ReplicationDirection = "to-azure") =>
  h.db
    .select()
    .from(s.recoveryPoints)
    .where(and(eq(s.recoveryPoints.replicatedItemId, itemId), eq(s.recoveryPoints.direction, direction)))
    .all();

/** A replication policy of cs-01 with multi-VM consistency as given (and its failback twin). */
const policy = (h: H, multiVmConsistency: boolean) => multiVmPolicy(h, multiVmConsistency);

/** Enables replication of `machineIds` (in `group` when given) and runs the jobs; the items' ids. */
function protect(h: H, machineIds: string[], policyId: string, group?: string) {
  const en = enableReplication(h.db, replicationInput(machineIds, { policyId, replicationGroup: group }), h.env());
  for (const it of en.items) expect(h.run(it.jobId).status).toBe("succeeded");
  return en.items.map((it) => it.itemId);
}

describe("the rule", () => {
  it.each([
    [true, 2, true],
    [true, 5, true],
    [true, 1, false],
    [true, 0, false],
    [false, 2, false],
    [false, 0, false],
  ])("policy multi-VM %s, group of %i ⇒ %s", (on, size, expected) => {
    expect(isMultiVmConsistent({ multiVmConsistency: on }, size)).toBe(expected);
  });

  it("no policy ⇒ never", () => {
    expect(isMultiVmConsistent(null, 3)).toBe(false);
    expect(isMultiVmConsistent(undefined, 3)).toBe(false);
  });
});

describe("recovery points of a replication group follow the policy", { timeout: 60_000 }, () => {
  it.each([true, false])("policy with multi-VM consistency %s: the first points and every later one", (on) => {
    const h = harness();
    const ids = protect(h, ["m-mail-01", "m-dc-02"], policy(h, on).policyId, "rg-mail");
    // The first points, made by the enable-replication job before any replication tick.
    for (const id of ids) {
      const first = points(h, id);
      expect(first).toHaveLength(2);
      expect(first.map((p) => p.multiVm)).toEqual([on, on]);
    }
    h.replicate(60);
    for (const id of ids) {
      const all = points(h, id);
      expect(all.length).toBeGreaterThan(5);
      expect(all.every((p) => p.multiVm === on)).toBe(true);
    }
  });

  it("a machine alone in its group makes no multi-VM points, even under a multi-VM policy", () => {
    const h = harness();
    const [id] = protect(h, ["m-mail-01"], policy(h, true).policyId, "rg-alone");
    h.replicate(30);
    const all = points(h, id!);
    expect(all.length).toBeGreaterThan(2);
    expect(all.some((p) => p.multiVm)).toBe(false);
  });

  it("a machine in no group makes no multi-VM points under a multi-VM policy", () => {
    const h = harness();
    const [id] = protect(h, ["m-mail-01"], policy(h, true).policyId);
    h.replicate(30);
    expect(points(h, id!).some((p) => p.multiVm)).toBe(false);
  });

  it.each([true, false])("failing back (re-protect through a plan), failback policy multi-VM %s: first points and later ones", (on) => {
    const h = harness();
    // The seeded rg-sql-cluster's policies keep multi-VM consistency on; the failback twin is not
    // editable in the portal, so the off case sets it in the database.
    if (!on)
      h.db
        .update(s.replicationPolicies)
        .set({ multiVmConsistency: false })
        .where(eq(s.replicationPolicies.id, "policy-24h-failback"))
        .run();
    h.touch();
    expect(h.run(planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    // The re-protect jobs' first points (the plan job ticks a while: later points may be there too).
    for (const id of ["sql-cl-01", "sql-cl-02"]) {
      const first = points(h, id, "to-on-premises");
      expect(first.length).toBeGreaterThanOrEqual(2);
      expect(first.every((p) => p.multiVm === on)).toBe(true);
    }
    h.replicate(60);
    for (const id of ["sql-cl-01", "sql-cl-02"]) {
      const all = points(h, id, "to-on-premises");
      expect(all.length).toBeGreaterThan(5);
      expect(all.every((p) => p.multiVm === on)).toBe(true);
    }
  });
});
