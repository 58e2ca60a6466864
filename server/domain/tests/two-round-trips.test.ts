/**
 * Two full round trips in a row, as an administrator runs them: on one VMware VM, on a physical
 * server (it comes back as a VMware VM, then fails back by delta to that VM), and on a
 * replication group through a recovery plan (one multi-VM point in both directions, a new master
 * target on the second re-protect). The real engine on a manual clock, whole seeded vaults:
 * generous timeouts for a busy machine.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback, harness, replicationInput, vaultId, multiVmPolicy } from "./harness";
import { enableReplication } from "../replicated-item/enable-replication";
import { failoverToAzure } from "../replicated-item/failover";
import { commit } from "../replicated-item/commit";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { reprotectToAzure } from "../replicated-item/reprotect-to-azure";
import { stageOf } from "../replicated-item/state";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { runPlanFailover } from "../recovery-plan/run-plan-failover";
import { planCommit } from "../recovery-plan/plan-commit";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { addMasterTarget } from "../infrastructure/add-master-target";

type H = ReturnType<typeof harness>;
const machine = (h: H, id: string) => h.db.select().from(s.machines).where(eq(s.machines.id, id)).get()!;
const point = (h: H, id: string) => h.db.select().from(s.recoveryPoints).where(eq(s.recoveryPoints.id, id)).get()!;
const ok = (h: H, jobId: string) => expect(h.run(jobId).status).toBe("succeeded");

/** Stages 2–7 of one item: failover, commit, re-protect back, failback, commit, re-protect to Azure. Returns what each leg used. */
function roundTrip(h: H, itemId: string, reprotect: Omit<Parameters<typeof reprotectToOnPremises>[1], "vaultId" | "itemId">) {
  h.replicate(30);
  const fo = failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env());
  ok(h, fo.jobId);
  expect(stageOf(h.item(itemId))).toBe(2);
  const azureVmId = h.item(itemId).azureVmId!;
  expect(h.azureVm(azureVmId)).toMatchObject({ powerState: "running", deleted: false });
  ok(h, commit(h.db, { vaultId, itemId }, h.env()).jobId);
  expect(stageOf(h.item(itemId))).toBe(3);

  h.touch();
  const rp = reprotectToOnPremises(h.db, { vaultId, itemId, ...reprotect }, h.env());
  ok(h, rp.jobId);
  expect(stageOf(h.item(itemId))).toBe(4);
  expect(h.item(itemId)).toMatchObject({ replicationDirection: "to-on-premises", masterTargetId: reprotect.masterTargetId });

  h.replicate(20);
  const fb = unplannedFailoverToOnPremises(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env());
  ok(h, fb.jobId);
  expect(stageOf(h.item(itemId))).toBe(5);
  expect(point(h, h.item(itemId).failoverRecoveryPointId!).direction).toBe("to-on-premises");
  expect(h.azureVm(azureVmId).powerState).toBe("stopped");
  ok(h, commit(h.db, { vaultId, itemId }, h.env()).jobId);
  expect(stageOf(h.item(itemId))).toBe(6);
  expect(h.azureVm(azureVmId).deleted).toBe(true);

  h.touch();
  ok(h, reprotectToAzure(h.db, { vaultId, itemId, processServerId: "ps-cs-01" }, h.env()).jobId);
  expect(stageOf(h.item(itemId))).toBe(1);
  expect(h.item(itemId)).toMatchObject({ replicationDirection: "to-azure", activeLocation: "on-premises", currentJobId: null });
  return { azureVmId, location: rp.location, locationReason: rp.locationReason };
}

describe("two full round trips", { timeout: 120_000 }, () => {
  it("on the same VMware VM: a fresh Azure VM each time, back to the original VM by delta both times", () => {
    const h = harness();
    const en = enableReplication(h.db, replicationInput(["m-mail-01"]), h.env());
    ok(h, en.items[0]!.jobId);
    const itemId = en.items[0]!.itemId;
    const placement = () => {
      const m = machine(h, "m-mail-01");
      return { kind: m.kind, hostId: m.hostId, datastoreId: m.datastoreId, exists: m.exists, poweredOn: m.poweredOn };
    };
    const before = placement();

    const first = roundTrip(h, itemId, { ...failback });
    expect(first).toMatchObject({ location: "original" });
    expect(placement()).toEqual(before);

    const second = roundTrip(h, itemId, { ...failback });
    expect(second).toMatchObject({ location: "original" });
    expect(second.locationReason).toMatch(/only the changes/);
    expect(second.azureVmId).not.toBe(first.azureVmId);
    expect(placement()).toEqual(before);
    // Both round trips left their failbacks in the job history: two of each operation.
    const jobs = h.db.select().from(s.jobs).where(eq(s.jobs.targetId, itemId)).all();
    expect(jobs.filter((j) => j.type === "failover" && (j.input as { direction?: string }).direction === "to-on-premises")).toHaveLength(2);
  });

  it("on a physical server: back as a new VMware VM the first time, then by delta to that VM", () => {
    const h = harness();
    const en = enableReplication(h.db, replicationInput(["m-phys-db-01"], { machineType: "physical", vcenterId: undefined }), h.env());
    ok(h, en.items[0]!.jobId);
    const itemId = en.items[0]!.itemId;
    expect(h.item(itemId).kind).toBe("physical");

    const first = roundTrip(h, itemId, { ...failback, datastoreId: "ds-prod-02", legacy: { folderName: "phys-db-01-failback" } });
    expect(first.location).toBe("alternate");
    const vm = machine(h, "m-phys-db-01");
    expect(vm).toMatchObject({ kind: "vmware", vcenterId: "vcenter-01", hostId: "esxi-01", datastoreId: "ds-prod-02" });
    expect(vm.vmFolder).toBe("phys-db-01-failback");
    expect(h.item(itemId).kind).toBe("vmware");

    const second = roundTrip(h, itemId, { ...failback, datastoreId: "ds-prod-01" });
    expect(second.location).toBe("original");
    expect(second.locationReason).toMatch(/only the changes/);
    // The VM the first failback created is the one the second reached: same host, datastore and folder.
    expect(machine(h, "m-phys-db-01")).toMatchObject({
      kind: "vmware",
      hostId: "esxi-01",
      datastoreId: "ds-prod-02",
      vmFolder: "phys-db-01-failback",
    });
  });

  it("on a replication group through a recovery plan: one multi-VM point each way, a new master target accepted the second time", () => {
    const h = harness();
    const { policyId } = multiVmPolicy(h);
    const en = enableReplication(h.db, replicationInput(["m-mail-01", "m-dc-02"], { replicationGroup: "rg-mail", policyId }), h.env());
    for (const it of en.items) ok(h, it.jobId);
    const ids = en.items.map((it) => it.itemId);
    const { planId } = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-mail", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ids }] },
      h.env(),
    );
    /** The failover points of both members: one multi-VM point in time, in the given direction. */
    const commonPoint = (direction: s.ReplicationDirection) => {
      const pts = ids.map((id) => point(h, h.item(id).failoverRecoveryPointId!));
      expect(pts.every((p) => p.multiVm && p.direction === direction)).toBe(true);
      expect(pts[0]!.at.getTime()).toBe(pts[1]!.at.getTime());
      return pts[0]!.at.getTime();
    };
    const stages = () => ids.map((id) => stageOf(h.item(id)));

    const trip = (masterTargetId: string, retentionVolumeId: string) => {
      h.replicate(90);
      ok(h, runPlanFailover(h.db, { vaultId, planId, direction: "to-azure", recoveryPoint: "latest-multi-vm-processed" }, h.env()).jobId);
      expect(stages()).toEqual([2, 2]);
      commonPoint("to-azure");
      ok(h, planCommit(h.db, { vaultId, planId, direction: "to-azure" }, h.env()).jobId);
      expect(stages()).toEqual([3, 3]);
      h.touch();
      ok(
        h,
        planReprotect(h.db, { vaultId, planId, direction: "to-on-premises", ...failback, masterTargetId, retentionVolumeId }, h.env())
          .jobId,
      );
      expect(ids.map((id) => h.item(id).masterTargetId)).toEqual([masterTargetId, masterTargetId]);
      h.replicate(90);
      ok(
        h,
        runPlanFailover(h.db, { vaultId, planId, direction: "to-on-premises", recoveryPoint: "latest-multi-vm-app-consistent" }, h.env())
          .jobId,
      );
      expect(stages()).toEqual([5, 5]);
      const back = commonPoint("to-on-premises");
      ok(h, planCommit(h.db, { vaultId, planId, direction: "to-on-premises" }, h.env()).jobId);
      expect(stages()).toEqual([6, 6]);
      h.touch();
      ok(h, planReprotect(h.db, { vaultId, planId, direction: "to-azure", processServerId: "ps-cs-01" }, h.env()).jobId);
      expect(stages()).toEqual([1, 1]);
      return back;
    };

    const firstBack = trip("mt-cs-01", "rv-cs-01-r");
    // Between the round trips the infrastructure changes: a new master target on esxi-01.
    const { masterTargetId } = addMasterTarget(
      h.db,
      {
        vaultId,
        configurationServerId: "cs-01",
        name: "mt-win-03",
        ip: "10.0.0.33",
        osType: "windows",
        osName: "Windows Server 2019",
        hostId: "esxi-01",
        datastoreId: "ds-prod-01",
        diskEnableUuid: true,
        retentionVolume: { name: "R:", fileSystem: "NTFS", capacityGb: 500 },
      },
      h.env(),
    );
    const rv = h.db.select().from(s.retentionVolumes).where(eq(s.retentionVolumes.masterTargetId, masterTargetId)).get()!;
    // The members still carry mt-cs-01 from the first trip: check 11 looks at the plan's one master target.
    expect(ids.map((id) => h.item(id).masterTargetId)).toEqual(["mt-cs-01", "mt-cs-01"]);
    const secondBack = trip(masterTargetId, rv.id);
    expect(secondBack).toBeGreaterThan(firstBack);
  });
});
