import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, replicationInput, vaultId } from "./harness";
import { enableReplication } from "../replicated-item/enable-replication";
import { failoverToAzure } from "../replicated-item/failover";
import { commit } from "../replicated-item/commit";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { reprotectToAzure } from "../replicated-item/reprotect-to-azure";
import { testFailover } from "../replicated-item/test-failover";
import { cleanupTestFailover } from "../replicated-item/cleanup-test-failover";
import { changeRecoveryPoint } from "../replicated-item/change-recovery-point";
import { disableReplication } from "../replicated-item/disable-replication";
import { stageOf } from "../replicated-item/state";

type Machine = {
  title: string;
  machineId: string;
  machineType: "vmware" | "physical";
  reprotect: {
    masterTargetId: string;
    datastoreId: string;
    retentionVolumeId: string;
    legacy?: { nicIps?: { nic: string; ip: string }[]; displayName?: string };
  };
  expectLocation: "original" | "alternate";
  expectNotes: RegExp[];
  expectNoNotes?: RegExp[];
};

const MACHINES: Machine[] = [
  {
    title: "Windows VMware VM",
    machineId: "m-mail-01",
    machineType: "vmware",
    reprotect: { masterTargetId: "mt-cs-01", datastoreId: "ds-prod-01", retentionVolumeId: "rv-cs-01-r" },
    expectLocation: "original",
    expectNotes: [/static address 10\.0\.1\.30.*Set 10\.0\.1\.30 back by hand/],
    expectNoNotes: [/Network Manager/],
  },
  {
    title: "Linux VMware VM through the Linux master target",
    machineId: "m-web-lnx-03",
    machineType: "vmware",
    reprotect: { masterTargetId: "mt-lnx-01", datastoreId: "ds-prod-02", retentionVolumeId: "rv-lnx-01" },
    expectLocation: "original",
    expectNotes: [/Network Manager package was removed/, /10\.0\.1\.63/],
  },
  {
    title: "physical server (fails back to a new VMware VM, failback IP given)",
    machineId: "m-phys-db-01",
    machineType: "physical",
    reprotect: {
      masterTargetId: "mt-cs-01",
      datastoreId: "ds-prod-02",
      retentionVolumeId: "rv-cs-01-r",
      legacy: { nicIps: [{ nic: "Network adapter 1", ip: "10.0.2.21" }], displayName: "phys-db-01-vm" },
    },
    expectLocation: "alternate",
    expectNotes: [],
    expectNoNotes: [/back by hand/],
  },
];

// Whole seeded vaults on the real engine: generous timeouts for a busy machine.
describe("the complete 7-stage round trip", { timeout: 60_000 }, () => {
  it.each(MACHINES)("$title", (m) => {
    const h = harness();
    const stage = (id: string) => stageOf(h.item(id));

    // 1. Protected to Azure
    const enabled = enableReplication(
      h.db,
      replicationInput([m.machineId], { machineType: m.machineType, vcenterId: m.machineType === "vmware" ? "vcenter-01" : undefined }),
      h.env(),
    );
    const itemId = enabled.items[0]!.itemId;
    expect(h.item(itemId)).toMatchObject({ state: "enabling-protection", currentJobId: enabled.items[0]!.jobId });
    expect(h.run(enabled.items[0]!.jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(1);
    expect(h.item(itemId).currentJobId).toBeNull();

    // Test failover and its cleanup on the way.
    h.touch();
    const tf = testFailover(h.db, { vaultId, itemId, networkId: "vnet-isolated" }, h.env());
    expect(h.run(tf.jobId).status).toBe("succeeded");
    expect(h.item(itemId).state).toBe("test-failover-completed");
    const testVm = h.item(itemId).testAzureVmId!;
    expect(h.azureVm(testVm)).toMatchObject({
      isTest: true,
      networkId: "vnet-isolated",
      deleted: false,
    });
    expect(h.run(cleanupTestFailover(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    expect(h.item(itemId).state).toBe("protected");
    expect(h.azureVm(testVm).deleted).toBe(true);

    // 2. Failed over
    h.touch();
    const fo = failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env());
    expect(h.run(fo.jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(2);
    const vmId = h.item(itemId).azureVmId!;
    expect(h.azureVm(vmId)).toMatchObject({
      powerState: "running",
      networkId: "vnet-prod",
    });

    // Change recovery point before commit.
    const cr = changeRecoveryPoint(h.db, { vaultId, itemId, recoveryPoint: "latest-app-consistent" }, h.env());
    expect(h.run(cr.jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(2);

    // 3. Committed
    expect(h.run(commit(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(3);

    // 4. Protected to on-premises
    h.touch();
    const rp = reprotectToOnPremises(
      h.db,
      { vaultId, itemId, processServerId: "ps-azure-prod", accountId: "acct-vcenter-admin", ...m.reprotect },
      h.env(),
    );
    expect(rp.location).toBe(m.expectLocation);
    expect(h.item(itemId).state).toBe("reprotecting");
    expect(h.run(rp.jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(4);
    expect(h.item(itemId)).toMatchObject({
      policyId: "policy-24h-failback",
      processServerId: "ps-azure-prod",
      masterTargetId: m.reprotect.masterTargetId,
      replicationHealth: "healthy",
    });

    // 5. Failed back: the Azure VM is shut down first.
    h.touch();
    const fb = unplannedFailoverToOnPremises(h.db, { vaultId, itemId, recoveryPoint: "latest" }, h.env());
    expect(fb.warnings.join(" ")).toMatch(/shut down/);
    expect(h.run(fb.jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(5);
    expect(h.azureVm(vmId).powerState).toBe("stopped");
    const notes = h.item(itemId).notes.join("\n");
    for (const re of m.expectNotes) expect(notes).toMatch(re);
    for (const re of m.expectNoNotes ?? []) expect(notes).not.toMatch(re);
    const machine = h.db.select().from(s.machines).where(eq(s.machines.id, m.machineId)).get()!;
    if (m.machineType === "physical") {
      expect(machine).toMatchObject({ hostId: "esxi-01", datastoreId: "ds-prod-02", name: "phys-db-01-vm" });
      expect(machine.nics[0]).toMatchObject({ ipMode: "static", ip: "10.0.2.21" });
    }

    // 6. Committed: the Azure VM is deleted; on-premises, not protected.
    expect(h.run(commit(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(6);
    expect(h.item(itemId)).toMatchObject({
      state: "failover-committed",
      activeLocation: "on-premises",
      replicationHealth: "not-applicable",
    });
    expect(h.azureVm(vmId).deleted).toBe(true);

    // 7. Protected again
    h.touch();
    expect(h.run(reprotectToAzure(h.db, { vaultId, itemId, processServerId: "ps-cs-01" }, h.env()).jobId).status).toBe("succeeded");
    expect(stage(itemId)).toBe(1);
    expect(h.item(itemId)).toMatchObject({
      policyId: "policy-24h",
      replicationDirection: "to-azure",
      activeLocation: "on-premises",
      currentJobId: null,
    });

    // And out: disable replication.
    expect(h.run(disableReplication(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    expect(h.item(itemId).state).toBe("replication-disabled");
  });
});

describe("multi-VM failover of a replication group", () => {
  it("fails every member over to one common multi-VM consistent point", async () => {
    const { failoverReplicationGroup } = await import("../replicated-item/failover-replication-group");
    const h = harness();
    const en = enableReplication(h.db, replicationInput(["m-mail-01", "m-dc-02"], { replicationGroup: "rg-mail" }), h.env());
    for (const it of en.items) expect(h.run(it.jobId).status).toBe("succeeded");
    const r = failoverReplicationGroup(h.db, { vaultId, replicationGroup: "rg-mail", recoveryPoint: "latest-multi-vm-processed" }, h.env());
    expect(r.items).toHaveLength(2);
    for (const it of r.items) expect(h.run(it.jobId).status).toBe("succeeded");
    const pts = r.items.map((it) => h.item(it.itemId).failoverRecoveryPointId!);
    const at = pts.map((id) => h.db.select().from(s.recoveryPoints).where(eq(s.recoveryPoints.id, id)).get()!.at.getTime());
    expect(at[0]).toBe(at[1]);
    expect(r.items.every((it) => stageOf(h.item(it.itemId)) === 2)).toBe(true);
  });
});
