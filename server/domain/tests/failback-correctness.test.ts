/**
 * Failback correctness: one describe per rule that a second round trip, replication groups and a
 * fault between two stages put to the test. Each runs the real engine on a manual clock (whole seeded
 * vaults: generous timeouts for a busy machine).
 */
import { describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { getJob } from "@/server/jobs/progress";
import { failback, harness, MIN, refusal, replicationInput, snapshot, vaultId, multiVmPolicy } from "./harness";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { enableReplication } from "../replicated-item/enable-replication";
import { failoverToAzure } from "../replicated-item/failover";
import { commit } from "../replicated-item/commit";
import { reprotectToAzure } from "../replicated-item/reprotect-to-azure";
import { disableReplication } from "../replicated-item/disable-replication";
import { getItem, listItemRecoveryPoints } from "../replicated-item/queries";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { planCommit } from "../recovery-plan/plan-commit";
import { runPlanFailover } from "../recovery-plan/run-plan-failover";
import { failoverReplicationGroup } from "../replicated-item/failover-replication-group";
import { stageOf } from "../replicated-item/state";

type H = ReturnType<typeof harness>;
const machine = (h: H, id: string) => h.db.select().from(s.machines).where(eq(s.machines.id, id)).get()!;

describe("1. failback never takes production down for nothing", { timeout: 60_000 }, () => {
  const faults: [s.FaultKey, string, string][] = [
    ["datastore-unreachable-from-mt-host", "ds-prod-02", "8061"],
    ["vcenter-disconnected", "vcenter-01", "FB-1401"],
    ["vm-has-snapshots", "m-crm-01", "78052"],
  ];

  it.each(faults)(
    "a fault (%s) switched on after the request fails the job at Prerequisites; the Azure VM keeps running",
    (f, target, code) => {
      const h = harness();
      h.touch();
      const vmId = h.item("crm-01").azureVmId!;
      const { jobId } = unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest-processed" }, h.env());
      h.fault(f, target);
      const job = h.run(jobId);
      expect(job.status).toBe("failed");
      expect(job.error?.code).toBe(code);
      const steps = h.steps(jobId);
      expect(steps.find((st) => st.status === "failed")?.key).toBe("prerequisites");
      expect(steps.find((st) => st.key === "shutdown-azure-vm")?.startedAt).toBeNull();
      expect(h.azureVm(vmId).powerState).toBe("running");
      expect(h.item("crm-01")).toMatchObject({ state: "protected", activeLocation: "azure", currentJobId: null });
    },
  );

  it.each(faults)("with the fault (%s) on before the request, the verb refuses and changes nothing", (f, target, code) => {
    const h = harness();
    h.fault(f, target);
    const before = snapshot(h.db);
    const err = refusal(() => unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest" }, h.env()));
    expect(err).toMatchObject({ kind: "NotAllowed", code });
    expect(snapshot(h.db)).toEqual(before);
  });

  it("the on-premises VM starts where Prerequisites decided, without deciding again after the shutdown", () => {
    const h = harness();
    h.touch();
    const { jobId } = unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest-processed" }, h.env());
    // Run up to the shutdown, then the datastore goes away: the decision stands, the VM starts.
    for (let i = 0; i < 20 && h.steps(jobId).find((st) => st.key === "shutdown-azure-vm")?.status !== "succeeded"; i++) {
      h.engine.tick();
      h.clock.advance(MIN);
    }
    expect(h.job(jobId).input).toMatchObject({ location: { location: "original", hostId: "esxi-02", datastoreId: "ds-prod-02" } });
    h.fault("datastore-unreachable-from-mt-host", "ds-prod-02");
    expect(h.run(jobId).status).toBe("succeeded");
    expect(machine(h, "m-crm-01")).toMatchObject({ hostId: "esxi-02", datastoreId: "ds-prod-02", poweredOn: true });
  });
});

describe("2. check 11 looks at the master targets in use, not stale ones", { timeout: 60_000 }, () => {
  it("a plan re-protect with a new master target is accepted although the members carry an old one", () => {
    const h = harness();
    // A previous round trip left mt-win-02 on both members (they are back at stage 3 now).
    h.db.$client.prepare("update replicated_items set master_target_id='mt-win-02' where id in ('sql-cl-01','sql-cl-02')").run();
    h.touch();
    const { jobId } = planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env());
    expect(h.run(jobId).status).toBe("succeeded");
    for (const id of ["sql-cl-01", "sql-cl-02"]) expect(h.item(id)).toMatchObject({ masterTargetId: "mt-cs-01", state: "protected" });
  });

  it("a member already replicating to on-premises through another master target is refused with FB-1102", () => {
    const h = harness();
    h.db.$client
      .prepare(
        "update replicated_items set state='protected', active_location='azure', replication_direction='to-on-premises', master_target_id='mt-win-02' where id='sql-cl-02'",
      )
      .run();
    const err = refusal(() =>
      reprotectToOnPremises(
        h.db,
        { vaultId, itemId: "sql-cl-01", ...failback, viaRecoveryPlan: true, planMasterTargetId: "mt-cs-01" },
        h.env(),
      ),
    );
    expect(err.code).toBe("FB-1102");
  });
});

describe("3. replication groups have a common multi-VM point in both directions", { timeout: 60_000 }, () => {
  it("the failback policy keeps the multi-VM consistency of its replication policy", () => {
    const h = harness();
    const { failbackPolicyId } = multiVmPolicy(h);
    const fb = h.db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, failbackPolicyId)).get()!;
    expect(fb).toMatchObject({ multiVmConsistency: true, rpoThresholdMinutes: 15, retentionHours: 24, editable: false });
  });

  it("after a plan re-protect, the group gets multi-VM points towards on-premises and fails back to one common point", () => {
    const h = harness();
    h.touch();
    expect(h.run(planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    h.replicate(90);
    const multi = h.db
      .select()
      .from(s.recoveryPoints)
      .where(and(eq(s.recoveryPoints.replicatedItemId, "sql-cl-01"), eq(s.recoveryPoints.direction, "to-on-premises")))
      .all()
      .filter((p) => p.multiVm);
    expect(multi.length).toBeGreaterThan(5);

    h.touch();
    const r = failoverReplicationGroup(
      h.db,
      { vaultId, replicationGroup: "rg-sql-cluster", direction: "to-on-premises", recoveryPoint: "latest-multi-vm-app-consistent" },
      h.env(),
    );
    expect(r.items).toHaveLength(2);
    for (const it of r.items) expect(h.run(it.jobId).status).toBe("succeeded");
    const points = r.items.map((it) =>
      h.db
        .select()
        .from(s.recoveryPoints)
        .where(eq(s.recoveryPoints.id, h.item(it.itemId).failoverRecoveryPointId!))
        .get()!,
    );
    expect(points.map((p) => p.at.getTime())).toEqual([r.recoveryPointAt.getTime(), r.recoveryPointAt.getTime()]);
    expect(points.every((p) => p.multiVm && p.type === "app-consistent" && p.direction === "to-on-premises")).toBe(true);
    expect(r.items.map((it) => stageOf(h.item(it.itemId)))).toEqual([5, 5]);
  });

  it("a plan fails over with Latest multi-VM processed: the group to its common point, the others to their latest processed", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      {
        vaultId,
        name: "rp-mixed-group",
        source: "cs-01",
        target: "Microsoft Azure",
        groups: [{ itemIds: ["web-01"] }, { itemIds: ["hr-01"] }],
      },
      h.env(),
    );
    const en = enableReplication(h.db, replicationInput(["m-mail-01", "m-dc-02"], { replicationGroup: "rg-mail" }), h.env());
    for (const it of en.items) expect(h.run(it.jobId).status).toBe("succeeded");
    h.replicate(60);
    const groups = h.db
      .select()
      .from(s.recoveryPlanGroups)
      .where(eq(s.recoveryPlanGroups.planId, planId))
      .orderBy(asc(s.recoveryPlanGroups.ordinal))
      .all();
    h.db
      .insert(s.recoveryPlanItems)
      .values([
        { groupId: groups[0]!.id, replicatedItemId: en.items[0]!.itemId },
        { groupId: groups[1]!.id, replicatedItemId: en.items[1]!.itemId },
      ])
      .run();
    h.touch();
    const { jobId } = runPlanFailover(
      h.db,
      { vaultId, planId, direction: "to-azure", recoveryPoint: "latest-multi-vm-processed" },
      h.env(),
    );
    expect(h.run(jobId).status).toBe("succeeded");
    const pointOf = (itemId: string) =>
      h.db
        .select()
        .from(s.recoveryPoints)
        .where(eq(s.recoveryPoints.id, h.item(itemId).failoverRecoveryPointId!))
        .get()!;
    const [a, b] = en.items.map((it) => pointOf(it.itemId));
    expect(a!.multiVm && b!.multiVm).toBe(true);
    expect(a!.at.getTime()).toBe(b!.at.getTime());
    expect(pointOf("web-01").pendingMb).toBe(0);
    expect(stageOf(h.item("web-01"))).toBe(2);
  });
});

describe("4. waiting for its item jobs, a plan job is In progress (Waiting for input is for manual actions)", { timeout: 60_000 }, () => {
  it("offers no Resume while the item jobs run", () => {
    const h = harness();
    h.touch();
    const { jobId } = planReprotect(h.db, { vaultId, planId: "rp-sql", direction: "to-on-premises", ...failback }, h.env());
    h.engine.tick();
    h.clock.advance(MIN);
    h.engine.tick();
    expect(h.item("sql-cl-01").state).toBe("reprotecting");
    const job = getJob(h.db, { vaultId, jobId, now: new Date(h.clock.now()) });
    expect(job.job.status).toBe("in-progress");
    expect(job.allowed.resume).toBe(false);
    const waiting = job.steps.find((st) => st.key === "wait-group")!;
    expect(waiting.status).toBe("in-progress");
    expect(waiting.message).toMatch(/sql-cl-01/);
    expect(h.run(jobId).status).toBe("succeeded");
  });
});

describe("5. a physical server comes back as a VMware VM", { timeout: 60_000 }, () => {
  it("is a VM after failback, and its next round trip fails back to that VM by delta", () => {
    const h = harness();
    h.touch();
    const itemId = "phys-win-01";
    const reprotect = (ds: string) => reprotectToOnPremises(h.db, { vaultId, itemId, ...failback, datastoreId: ds }, h.env());
    const first = reprotect("ds-prod-02");
    expect(first.location).toBe("alternate");
    expect(h.run(first.jobId).status).toBe("succeeded");
    h.touch();
    expect(h.run(unplannedFailoverToOnPremises(h.db, { vaultId, itemId, recoveryPoint: "latest" }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    expect(machine(h, "m-phys-win-01")).toMatchObject({
      kind: "vmware",
      vcenterId: "vcenter-01",
      hostId: "esxi-01",
      datastoreId: "ds-prod-02",
    });
    expect(h.item(itemId).kind).toBe("vmware");
    expect(h.run(commit(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    h.touch();
    expect(h.run(reprotectToAzure(h.db, { vaultId, itemId, processServerId: "ps-cs-01" }, h.env()).jobId).status).toBe("succeeded");
    h.replicate(30);
    h.touch();
    expect(h.run(failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env()).jobId).status).toBe("succeeded");
    expect(h.run(commit(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    h.touch();
    const second = reprotectToOnPremises(h.db, { vaultId, itemId, ...failback, datastoreId: "ds-prod-02" }, h.env());
    expect(second.location).toBe("original");
    expect(second.locationReason).toMatch(/only the changes/);
  });
});

describe("8. recovery points, plan commit, a fresh Azure VM", { timeout: 60_000 }, () => {
  it("Custom lists every retained point, page by page", () => {
    const h = harness();
    h.touch();
    h.replicate(12 * 60);
    const all = h.db
      .select()
      .from(s.recoveryPoints)
      .where(and(eq(s.recoveryPoints.replicatedItemId, "web-01"), eq(s.recoveryPoints.direction, "to-azure")))
      .all();
    expect(all.length).toBeGreaterThan(100);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    for (let i = 0; i < 20; i++) {
      const page = listItemRecoveryPoints(h.db, { vaultId, itemId: "web-01", limit: 50, cursor });
      expect(page.total).toBe(all.length);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(all.length);
  });

  it("Latest processed never falls back to an unprocessed point, and the item says so before anyone asks", () => {
    const h = harness();
    h.db.$client.prepare("update recovery_points set pending_mb = 12 where replicated_item_id = 'web-01'").run();
    const err = refusal(() => failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" }, h.env()));
    expect(err.code).toBe("NoRecoveryPoint");
    const choice = getItem(h.db, vaultId, "web-01", h.env()).recoveryPointChoices.find((c) => c.choice === "latest-processed")!;
    expect(choice).toMatchObject({ available: false });
    expect(choice.reason).toMatch(/processed/);
  });

  it("plan commit works in the failback direction and refuses items whose failover went the other way", () => {
    const h = harness();
    const { planId } = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-commit-back", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ["crm-02"] }] },
      h.env(),
    );
    const before = snapshot(h.db);
    expect(refusal(() => planCommit(h.db, { vaultId, planId, direction: "to-azure" }, h.env())).code).toBe("RecoveryPlanItemsNotReady");
    expect(snapshot(h.db)).toEqual(before);
    const { jobId } = planCommit(h.db, { vaultId, planId, direction: "to-on-premises" }, h.env());
    expect(h.job(jobId).input).toMatchObject({ params: { operation: "commit", direction: "to-on-premises" } });
    expect(h.run(jobId).status).toBe("succeeded");
    expect(stageOf(h.item("crm-02"))).toBe(6);
  });

  it("a failover after disable and re-enable creates a fresh Azure VM", () => {
    const h = harness();
    h.touch();
    const itemId = "web-01";
    expect(h.run(failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env()).jobId).status).toBe("succeeded");
    const oldVm = h.item(itemId).azureVmId!;
    expect(h.run(disableReplication(h.db, { vaultId, itemId }, h.env()).jobId).status).toBe("succeeded");
    const en = enableReplication(h.db, replicationInput(["m-web-01"]), h.env());
    expect(h.run(en.items[0]!.jobId).status).toBe("succeeded");
    h.touch();
    expect(h.run(failoverToAzure(h.db, { vaultId, itemId, recoveryPoint: "latest-processed" }, h.env()).jobId).status).toBe("succeeded");
    const newVm = h.item(itemId).azureVmId!;
    expect(newVm).not.toBe(oldVm);
    expect(h.azureVm(newVm)).toMatchObject({ powerState: "running", deleted: false });
  });
});
