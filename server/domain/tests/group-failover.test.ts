/**
 * The group failover the item page offers (replicationGroupFailover) says what the verb will do:
 * allowed exactly when the verb accepts, with the members, the multi-VM choices that have a
 * common point, and the member that blocks it when it is refused — in both directions.
 */
import { describe, expect, it } from "vitest";
import { failback, harness, refusal, replicationInput, snapshot, vaultId, multiVmPolicy } from "./harness";
import { enableReplication } from "../replicated-item/enable-replication";
import { failoverToAzure } from "../replicated-item/failover";
import { failoverReplicationGroup } from "../replicated-item/failover-replication-group";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { getItem } from "../replicated-item/queries";
import { stageOf } from "../replicated-item/state";

type H = ReturnType<typeof harness>;
const groupOf = (h: H, itemId: string) => getItem(h.db, vaultId, itemId, h.env()).groupFailover;

/** rg-mail (mail-01, dc-02) protected to Azure under a multi-VM consistent policy. */
function mailGroup(h: H) {
  const { policyId } = multiVmPolicy(h);
  const en = enableReplication(h.db, replicationInput(["m-mail-01", "m-dc-02"], { replicationGroup: "rg-mail", policyId }), h.env());
  for (const it of en.items) expect(h.run(it.jobId).status).toBe("succeeded");
  h.replicate(90);
  return en.items.map((it) => it.itemId);
}

describe("group failover from the item page", { timeout: 60_000 }, () => {
  it("is not offered outside a replication group", () => {
    const h = harness();
    expect(groupOf(h, "web-01")).toBeNull();
  });

  it("to Azure: lists every member and the common points, and the verb does what it said", () => {
    const h = harness();
    const ids = mailGroup(h);
    const g = groupOf(h, ids[0]!)!;
    expect(g).toMatchObject({ name: "rg-mail", direction: "to-azure", allowed: true });
    expect(g.members.map((m) => m.name).sort()).toEqual(["dc-02", "mail-01"]);
    const processed = g.choices.find((c) => c.choice === "latest-multi-vm-processed")!;
    expect(processed.available).toBe(true);
    const r = failoverReplicationGroup(
      h.db,
      { vaultId, replicationGroup: "rg-mail", direction: g.direction, recoveryPoint: "latest-multi-vm-processed" },
      h.env(),
    );
    expect(r.recoveryPointAt).toEqual(processed.at);
    expect(r.message).toMatch(/fail over together/);
    for (const it of r.items) expect(h.run(it.jobId).status).toBe("succeeded");
    expect(ids.map((id) => stageOf(h.item(id)))).toEqual([2, 2]);
  });

  it("is refused, and says so, when one member has failed over alone", () => {
    const h = harness();
    const ids = mailGroup(h);
    expect(h.run(failoverToAzure(h.db, { vaultId, itemId: ids[1]!, recoveryPoint: "latest-processed" }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    const g = groupOf(h, ids[0]!)!;
    expect(g.allowed).toBe(false);
    expect(g.members.find((m) => m.id === ids[1])).toMatchObject({ allowed: false });
    expect(g.reason).toMatch(/dc-02/);
    const before = snapshot(h.db);
    const err = refusal(() =>
      failoverReplicationGroup(h.db, { vaultId, replicationGroup: "rg-mail", recoveryPoint: "latest-multi-vm-processed" }, h.env()),
    );
    expect(err.kind).toBe("NotAllowed");
    expect(snapshot(h.db)).toEqual(before);
  });

  it("without multi-VM points, no choice is available and the command is refused with why", () => {
    const h = harness();
    // A policy with multi-VM consistency off: none of the members' points is multi-VM consistent.
    const { policyId } = multiVmPolicy(h, false);
    const en = enableReplication(h.db, replicationInput(["m-mail-01", "m-dc-02"], { replicationGroup: "rg-plain", policyId }), h.env());
    for (const it of en.items) expect(h.run(it.jobId).status).toBe("succeeded");
    h.replicate(30);
    const g = groupOf(h, en.items[0]!.itemId)!;
    expect(g.choices.every((c) => !c.available)).toBe(true);
    expect(g).toMatchObject({ allowed: false });
    expect(g.reason).toMatch(/no common multi-VM consistent recovery point/);
    expect(
      refusal(() =>
        failoverReplicationGroup(h.db, { vaultId, replicationGroup: "rg-plain", recoveryPoint: "latest-multi-vm-processed" }, h.env()),
      ).code,
    ).toBe("NoRecoveryPoint");
  });

  it("failing back: offered in the item's direction, and a member's failing prerequisite check refuses it before anyone asks", () => {
    const h = harness();
    h.touch();
    expect(h.run(planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    h.replicate(90);
    const g = groupOf(h, "sql-cl-01")!;
    expect(g).toMatchObject({ name: "rg-sql-cluster", direction: "to-on-premises", allowed: true });
    expect(g.choices.map((c) => c.available)).toEqual([true, true]);

    h.fault("vm-has-snapshots", "m-sql-cl-02");
    const blocked = groupOf(h, "sql-cl-01")!;
    expect(blocked.allowed).toBe(false);
    expect(blocked.members.find((m) => m.id === "sql-cl-02")!.reason).toMatch(/78052/);
    const err = refusal(() =>
      failoverReplicationGroup(
        h.db,
        { vaultId, replicationGroup: "rg-sql-cluster", direction: "to-on-premises", recoveryPoint: "latest-multi-vm-processed" },
        h.env(),
      ),
    );
    expect(err.code).toBe("78052");
  });
});
