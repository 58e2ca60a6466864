import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusal, replicationInput, snapshot, vaultId } from "./harness";
import { createReplicationPolicy, type CreateReplicationPolicyInput } from "../policy/create-replication-policy";
import { associatePolicy } from "../policy/associate-policy";
import { getPolicy, listPolicies } from "../policy/queries";
import { enableReplication } from "../replicated-item/enable-replication";
import { getReplicateOptions } from "../replicated-item/queries";
import { CODES } from "../checks/codes";

const policy: CreateReplicationPolicyInput = {
  vaultId,
  name: "4-hour",
  rpoThresholdMinutes: 30,
  retentionHours: 4,
  appConsistentFrequencyMinutes: 60,
};

describe("replication policies", () => {
  it("created without a configuration server: it and its read-only failback policy are not associated until Associate", () => {
    const h = harness();
    const r = createReplicationPolicy(h.db, policy, h.env());
    const rows = listPolicies(h.db, vaultId).filter((p) => p.id === r.policyId || p.id === r.failbackPolicyId);
    expect(rows.map((p) => [p.name, p.direction, p.configurationServerId, p.itemCount])).toEqual([
      ["4-hour", "to-azure", null, 0],
      ["4-hour-failback", "failback", null, 0],
    ]);
    const fb = rows.find((p) => p.direction === "failback")!;
    expect(fb).toMatchObject({ editable: false, rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60 });
    expect(fb.pairedPolicyName).toBe("4-hour");
    expect(fb.readOnlyReason).toMatch(/created with 4-hour and can't be edited, deleted/);
    expect(rows.find((p) => p.direction === "to-azure")!.readOnlyReason).toBeNull();

    const a = associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    expect(a).toEqual({ policyId: r.policyId, failbackPolicyId: r.failbackPolicyId });
    for (const id of [r.policyId, r.failbackPolicyId])
      expect(h.db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, id)).get()?.configurationServerId).toBe("cs-01");
  });

  it("a duplicate name is a field error on Name and nothing is saved (the failback policy's name too)", () => {
    const h = harness();
    createReplicationPolicy(h.db, policy, h.env());
    const before = snapshot(h.db);
    for (const name of ["4-hour", "24-hour-retention-policy-failback", "24-hour-retention-policy"]) {
      const e = refusal(() => createReplicationPolicy(h.db, { ...policy, name: name.replace(/-failback$/, "") }, h.env()));
      expect(e.kind).toBe("Invalid");
      expect(Object.keys(e.fieldErrors ?? {})).toEqual(["name"]);
    }
    const bad = refusal(() => createReplicationPolicy(h.db, { ...policy, name: "x", rpoThresholdMinutes: 0 }, h.env()));
    expect(bad.fieldErrors?.rpoThresholdMinutes).toEqual(["At least 1 minute."]);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("Associate refuses the failback policy, a second association and an unknown server, with typed errors and nothing changed", () => {
    const h = harness();
    const r = createReplicationPolicy(h.db, policy, h.env());
    associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    h.db
      .insert(s.configurationServers)
      .values({ id: "cs-02", vaultId, name: "cs-02", ip: "10.0.0.11", version: "9.62.7096.1", health: "healthy" })
      .run();
    const before = snapshot(h.db);

    const fb = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.failbackPolicyId, configurationServerId: "cs-02" }, h.env()));
    expect(fb).toMatchObject({ kind: "NotAllowed", code: CODES.failbackPolicyReadOnly });
    expect(fb.recommendedAction).toMatch(/Associate 4-hour on Replication policies/);

    const same = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env()));
    expect(same).toMatchObject({ kind: "Invalid", code: CODES.policyAlreadyAssociated });
    expect(same.fieldErrors?.configurationServerId).toEqual(["Associated with cs-01 already."]);

    const other = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-02" }, h.env()));
    expect(other).toMatchObject({ kind: "NotAllowed", code: CODES.policyAlreadyAssociated });

    const missing = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-99" }, h.env()));
    expect(missing.kind).toBe("NotFound");
    const elsewhere = refusal(() =>
      associatePolicy(h.db, { vaultId: "other-vault", policyId: r.policyId, configurationServerId: "cs-01" }, h.env()),
    );
    expect(elsewhere.kind).toBe("NotFound");
    expect(snapshot(h.db)).toEqual(before);
  });

  it("Replicate offers only the policies associated with the configuration server and refuses another; the item is listed under its policy", () => {
    const h = harness();
    const r = createReplicationPolicy(h.db, policy, h.env());
    const options = getReplicateOptions(h.db, vaultId);
    expect(options.policies.find((p) => p.id === r.policyId)?.configurationServerId).toBeNull();
    const machine = options.machines.find((m) => m.kind === "vmware" && m.vcenterId === "vcenter-01")!;
    const before = snapshot(h.db);
    const e = refusal(() => enableReplication(h.db, replicationInput([machine.id], { policyId: r.policyId }), h.env()));
    expect(e.kind).toBe("Invalid");
    expect(e.fieldErrors?.policyId).toEqual(["4-hour is not associated with cs-01."]);
    expect(e.recommendedAction).toMatch(/Replication policies/);
    expect(snapshot(h.db)).toEqual(before);

    associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    const en = enableReplication(h.db, replicationInput([machine.id], { policyId: r.policyId }), h.env());
    const page = getPolicy(h.db, vaultId, r.policyId);
    expect(page.items.map((i) => i.id)).toEqual(en.items.map((i) => i.itemId));
    expect(listPolicies(h.db, vaultId).find((p) => p.id === r.policyId)?.itemCount).toBe(1);
    expect(getPolicy(h.db, vaultId, r.failbackPolicyId).items).toEqual([]);
    expect(refusal(() => getPolicy(h.db, "other-vault", r.policyId)).kind).toBe("NotFound");
  });
});
