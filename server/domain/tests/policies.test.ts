import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusal, replicationInput, snapshot, vaultId } from "./harness";
import { createReplicationPolicy, type CreateReplicationPolicyInput } from "../policy/create-replication-policy";
import { associatePolicy, dissociatePolicy } from "../policy/associate-policy";
import { getPolicy, listPolicies } from "../policy/queries";
import { enableReplication } from "../replicated-item/enable-replication";
import { getReplicateOptions } from "../replicated-item/queries";
import { CODES } from "../checks/codes";

type Harness = ReturnType<typeof harness>;

/** The configuration servers a policy is associated with, as stored. */
const associationsOf = (h: Harness, policyId: string) =>
  h.db
    .select({ cs: s.policyConfigurationServers.configurationServerId })
    .from(s.policyConfigurationServers)
    .where(eq(s.policyConfigurationServers.policyId, policyId))
    .all()
    .map((r) => r.cs)
    .sort();

/** A second configuration server in the vault. */
const addConfigurationServer = (h: Harness) =>
  h.db
    .insert(s.configurationServers)
    .values({ id: "cs-02", vaultId, name: "cs-02", ip: "10.0.0.11", version: "9.62.7096.1", health: "healthy" })
    .run();

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
    expect(rows.map((p) => [p.name, p.direction, p.configurationServers, p.itemCount])).toEqual([
      ["4-hour", "to-azure", [], 0],
      ["4-hour-failback", "failback", [], 0],
    ]);
    const fb = rows.find((p) => p.direction === "failback")!;
    expect(fb).toMatchObject({ editable: false, rpoThresholdMinutes: 15, retentionHours: 24, appConsistentFrequencyMinutes: 60 });
    expect(fb.pairedPolicyName).toBe("4-hour");
    expect(fb.readOnlyReason).toMatch(/created with 4-hour and can't be edited, deleted/);
    expect(rows.find((p) => p.direction === "to-azure")!.readOnlyReason).toBeNull();

    const a = associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    expect(a).toEqual({ policyId: r.policyId, failbackPolicyId: r.failbackPolicyId });
    for (const id of [r.policyId, r.failbackPolicyId]) expect(associationsOf(h, id)).toEqual(["cs-01"]);
    expect(getPolicy(h.db, vaultId, r.policyId).configurationServers).toEqual([{ id: "cs-01", name: "cs-01" }]);
  });

  it("created through the API with a configuration server: both policies are associated with it at once", () => {
    const h = harness();
    const r = createReplicationPolicy(h.db, { ...policy, configurationServerId: "cs-01" }, h.env());
    expect(associationsOf(h, r.policyId)).toEqual(["cs-01"]);
    expect(associationsOf(h, r.failbackPolicyId)).toEqual(["cs-01"]);
  });

  it("a policy may be associated with several configuration servers; Replicate offers it on each", () => {
    const h = harness();
    addConfigurationServer(h);
    const r = createReplicationPolicy(h.db, policy, h.env());
    associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-02" }, h.env());
    expect(associationsOf(h, r.policyId)).toEqual(["cs-01", "cs-02"]);
    expect(associationsOf(h, r.failbackPolicyId)).toEqual(["cs-01", "cs-02"]);
    const listed = listPolicies(h.db, vaultId).find((p) => p.id === r.policyId)!;
    expect(listed.configurationServers.map((cs) => cs.name)).toEqual(["cs-01", "cs-02"]);
    const offered = getReplicateOptions(h.db, vaultId).policies.find((p) => p.id === r.policyId)!;
    expect(offered.configurationServerIds).toEqual(["cs-01", "cs-02"]);
    // The failback policy is not offered in Replicate.
    expect(getReplicateOptions(h.db, vaultId).policies.some((p) => p.id === r.failbackPolicyId)).toBe(false);
  });

  it("Dissociate removes one association of the policy and its failback policy; refused while items of that server use either, and nothing changes", () => {
    const h = harness();
    addConfigurationServer(h);
    const r = createReplicationPolicy(h.db, policy, h.env());
    for (const cs of ["cs-01", "cs-02"]) associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: cs }, h.env());
    const machine = getReplicateOptions(h.db, vaultId).machines.find((m) => m.kind === "vmware" && m.vcenterId === "vcenter-01")!;
    const en = enableReplication(h.db, replicationInput([machine.id], { policyId: r.policyId }), h.env());
    const itemName = h.db.select().from(s.replicatedItems).where(eq(s.replicatedItems.id, en.items[0]!.itemId)).get()!.name;

    const page = getPolicy(h.db, vaultId, r.policyId);
    expect(page.associations.map((a) => [a.name, a.itemCount, a.dissociateBlockedReason])).toEqual([
      ["cs-01", 1, "1 replicated item of cs-01 uses 4-hour or its failback policy."],
      ["cs-02", 0, null],
    ]);

    const before = snapshot(h.db);
    const used = refusal(() => dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env()));
    expect(used).toMatchObject({ kind: "NotAllowed", code: CODES.policyInUse });
    expect(used.message).toContain(itemName);
    expect(used.recommendedAction).toMatch(/Disable replication/);
    const fb = refusal(() => dissociatePolicy(h.db, { vaultId, policyId: r.failbackPolicyId, configurationServerId: "cs-02" }, h.env()));
    expect(fb).toMatchObject({ kind: "NotAllowed", code: CODES.failbackPolicyReadOnly });
    expect(fb.recommendedAction).toMatch(/Dissociate 4-hour on Replication policies/);
    expect(refusal(() => dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-99" }, h.env())).kind).toBe(
      "NotFound",
    );
    expect(snapshot(h.db)).toEqual(before);

    // An item re-protected to on-premises uses the failback policy: it keeps the association too.
    h.db.update(s.replicatedItems).set({ policyId: r.failbackPolicyId }).where(eq(s.replicatedItems.id, en.items[0]!.itemId)).run();
    expect(refusal(() => dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env())).code).toBe(
      CODES.policyInUse,
    );

    expect(dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-02" }, h.env())).toEqual({
      policyId: r.policyId,
      failbackPolicyId: r.failbackPolicyId,
    });
    expect(associationsOf(h, r.policyId)).toEqual(["cs-01"]);
    expect(associationsOf(h, r.failbackPolicyId)).toEqual(["cs-01"]);
    const again = refusal(() => dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-02" }, h.env()));
    expect(again).toMatchObject({ kind: "Invalid", code: CODES.policyNotAssociated });
    expect(again.fieldErrors?.configurationServerId).toEqual(["Not associated with cs-02."]);
    // Replicate on cs-02 no longer offers it.
    expect(getReplicateOptions(h.db, vaultId).policies.find((p) => p.id === r.policyId)?.configurationServerIds).toEqual(["cs-01"]);

    // Once the item no longer uses it, the last association can go too.
    h.db.delete(s.replicatedItems).where(eq(s.replicatedItems.id, en.items[0]!.itemId)).run();
    dissociatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    expect(associationsOf(h, r.policyId)).toEqual([]);
    expect(associationsOf(h, r.failbackPolicyId)).toEqual([]);
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

  it("Associate refuses the failback policy, the same association twice and an unknown server, with typed errors and nothing changed", () => {
    const h = harness();
    const r = createReplicationPolicy(h.db, policy, h.env());
    associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env());
    addConfigurationServer(h);
    const before = snapshot(h.db);

    const fb = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.failbackPolicyId, configurationServerId: "cs-02" }, h.env()));
    expect(fb).toMatchObject({ kind: "NotAllowed", code: CODES.failbackPolicyReadOnly });
    expect(fb.recommendedAction).toMatch(/Associate 4-hour on Replication policies/);

    const same = refusal(() => associatePolicy(h.db, { vaultId, policyId: r.policyId, configurationServerId: "cs-01" }, h.env()));
    expect(same).toMatchObject({ kind: "Invalid", code: CODES.policyAlreadyAssociated });
    expect(same.fieldErrors?.configurationServerId).toEqual(["Associated with cs-01 already."]);

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
    expect(options.policies.find((p) => p.id === r.policyId)?.configurationServerIds).toEqual([]);
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
