/**
 * The legacy (vContinuum) failback settings take effect: the folder name for the new VM's files
 * when old VMDK files remain on the datastore, and the Latest tag recovery point of the failback.
 */
import { describe, expect, it } from "vitest";
import { and, desc, eq, inArray } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback, harness, MIN, refusal, snapshot, vaultId } from "./harness";
import { findPoint, type RecoveryPointRow } from "../replicated-item/recovery-points";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { failoverToAzure } from "../replicated-item/failover";
import { getItem } from "../replicated-item/queries";
import { JOB_TYPES, jobTypesOf, type FailoverJobInput } from "../steps";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { runPlanFailover } from "../recovery-plan/run-plan-failover";
import { planTestFailover } from "../recovery-plan/plan-test-failover";

type H = ReturnType<typeof harness>;
const machine = (h: H, id: string) => h.db.select().from(s.machines).where(eq(s.machines.id, id)).get()!;

describe("folder name for the failed-back VM's files", { timeout: 60_000 }, () => {
  const failBack = (h: H, itemId: string, legacy?: { folderName?: string; displayName?: string }) => {
    h.touch();
    const rp = reprotectToOnPremises(
      h.db,
      { vaultId, itemId, ...failback, datastoreId: "ds-prod-02", ...(legacy ? { legacy } : {}) },
      h.env(),
    );
    expect(rp.location).toBe("alternate");
    expect(h.run(rp.jobId).status).toBe("succeeded");
    expect(h.item(itemId).failbackSettings).toMatchObject(legacy ?? {});
    h.touch();
    expect(h.run(unplannedFailoverToOnPremises(h.db, { vaultId, itemId, recoveryPoint: "latest" }, h.env()).jobId).status).toBe(
      "succeeded",
    );
  };

  it("puts the new VM in the folder given at re-protect, and the item shows where its files are", () => {
    const h = harness();
    failBack(h, "phys-win-01", { folderName: "phys-win-01-restored" });
    expect(machine(h, "m-phys-win-01")).toMatchObject({ kind: "vmware", datastoreId: "ds-prod-02", vmFolder: "phys-win-01-restored" });
    const ds = h.db.select().from(s.datastores).where(eq(s.datastores.id, "ds-prod-02")).get()!;
    expect(getItem(h.db, vaultId, "phys-win-01", h.env()).onPremisesVmFiles).toBe(`[${ds.name}] phys-win-01-restored`);
    // The simulated vCenter lists the VM with its folder (what a discovery reads back).
    const vms = h.db
      .select()
      .from(s.simVCenters)
      .all()
      .flatMap((v) => v.vms);
    expect(vms.find((v) => v.name === machine(h, "m-phys-win-01").name)).toMatchObject({
      datastore: ds.name,
      folder: "phys-win-01-restored",
    });
  });

  it("without a folder name, the new VM's folder is named after it (its display name when one was given)", () => {
    const h = harness();
    failBack(h, "phys-win-01", { displayName: "phys-win-01-vm" });
    expect(machine(h, "m-phys-win-01")).toMatchObject({ name: "phys-win-01-vm", vmFolder: "phys-win-01-vm" });
    expect(getItem(h.db, vaultId, "phys-win-01", h.env()).onPremisesVmFiles).toMatch(/\] phys-win-01-vm$/);
  });

  it("a failback to the original VM keeps its folder (only the changes are sent)", () => {
    const h = harness();
    h.touch();
    const before = machine(h, "m-crm-01").vmFolder;
    expect(h.run(unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest" }, h.env()).jobId).status).toBe(
      "succeeded",
    );
    expect(machine(h, "m-crm-01").vmFolder).toBe(before);
    expect(getItem(h.db, vaultId, "crm-01", h.env()).onPremisesVmFiles).toMatch(/\] crm-01$/);
  });
});

describe("Latest tag (the latest application-consistent tag on the master target)", { timeout: 60_000 }, () => {
  const point = (over: Partial<RecoveryPointRow>, minutesAgo: number): RecoveryPointRow => ({
    id: `p${minutesAgo}`,
    replicatedItemId: "i",
    at: new Date(1_000_000_000 - minutesAgo * MIN),
    type: "crash-consistent",
    multiVm: false,
    direction: "to-on-premises",
    pendingMb: 0,
    ...over,
  });

  it("is the newest app-consistent point with nothing pending, never one the master target has not applied", () => {
    const points = [
      point({ pendingMb: 40 }, 0),
      point({ type: "app-consistent", pendingMb: 25 }, 5),
      point({}, 10),
      point({ type: "app-consistent" }, 60),
      point({ type: "app-consistent" }, 120),
    ];
    expect(findPoint(points, "latest-tag")?.id).toBe("p60");
    expect(findPoint(points, "latest-app-consistent")?.id).toBe("p5");
    expect(findPoint([point({ type: "app-consistent", pendingMb: 1 }, 0), point({}, 5)], "latest-tag")).toBeUndefined();
  });

  const toOnPremises = (h: H, itemId: string) =>
    h.db
      .select()
      .from(s.recoveryPoints)
      .where(and(eq(s.recoveryPoints.replicatedItemId, itemId), eq(s.recoveryPoints.direction, "to-on-premises")))
      .orderBy(desc(s.recoveryPoints.at))
      .all();

  it("fails back to that point, with the data-loss warning", () => {
    const h = harness();
    const [newest] = toOnPremises(h, "crm-01");
    // A newer app-consistent point whose data the master target has not applied yet: not a tag.
    h.db
      .insert(s.recoveryPoints)
      .values({
        replicatedItemId: "crm-01",
        at: new Date(newest!.at.getTime() + MIN),
        type: "app-consistent",
        direction: "to-on-premises",
        pendingMb: 30,
      })
      .run();
    const expected = toOnPremises(h, "crm-01").find((p) => p.type === "app-consistent" && p.pendingMb === 0)!;
    const choice = getItem(h.db, vaultId, "crm-01", h.env()).recoveryPointChoices.find((c) => c.choice === "latest-tag");
    expect(choice).toEqual({ choice: "latest-tag", available: true });
    h.touch();
    const r = unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest-tag" }, h.env());
    expect(h.job(r.jobId).input).toMatchObject({
      recoveryPointId: expected.id,
      recoveryPointChoice: "latest-tag",
    } satisfies Partial<FailoverJobInput>);
    expect(r.warnings.join(" ")).toMatch(/changes made after .* will be lost/);
    expect(h.run(r.jobId).status).toBe("succeeded");
    expect(h.item("crm-01").failoverRecoveryPointId).toBe(expected.id);
  });

  it("is refused when the master target has no tag, and the item says so before anyone asks", () => {
    const h = harness();
    h.db.$client.prepare("update recovery_points set pending_mb = 5 where replicated_item_id = 'crm-01' and type = 'app-consistent'").run();
    const choice = getItem(h.db, vaultId, "crm-01", h.env()).recoveryPointChoices.find((c) => c.choice === "latest-tag")!;
    expect(choice).toMatchObject({ available: false });
    expect(choice.reason).toMatch(/application-consistent tag/);
    const before = snapshot(h.db);
    const err = refusal(() => unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest-tag" }, h.env()));
    expect(err).toMatchObject({ kind: "NotAllowed", code: "NoRecoveryPoint" });
    expect(err.message).toMatch(/crm-01 has no application-consistent tag/);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("is a failback choice only: towards Azure it is not offered and is refused as invalid input", () => {
    const h = harness();
    expect(getItem(h.db, vaultId, "web-01", h.env()).recoveryPointChoices.map((c) => c.choice)).not.toContain("latest-tag");
    const before = snapshot(h.db);
    const err = refusal(() => failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-tag" }, h.env()));
    expect(err).toMatchObject({ kind: "Invalid", code: "LatestTagFailbackOnly" });
    expect(err.fieldErrors?.recoveryPoint?.[0]).toMatch(/failback only/);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("a recovery plan fails back to each item's Latest tag; towards Azure and in a test failover the plan refuses it and nothing changes", () => {
    const h = harness();
    const expected = toOnPremises(h, "crm-01").find((p) => p.type === "app-consistent" && p.pendingMb === 0)!;
    const { planId } = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-tag", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ["crm-01"] }] },
      h.env(),
    );
    const before = snapshot(h.db);
    const toAzure = refusal(() => runPlanFailover(h.db, { vaultId, planId, direction: "to-azure", recoveryPoint: "latest-tag" }, h.env()));
    expect(toAzure).toMatchObject({ kind: "Invalid", code: "LatestTagFailbackOnly" });
    const test = refusal(() =>
      planTestFailover(h.db, { vaultId, planId, networkId: "vnet-isolated", recoveryPoint: "latest-tag" as never }, h.env()),
    );
    expect(test.kind).toBe("Invalid");
    expect(snapshot(h.db)).toEqual(before);

    h.touch();
    const { jobId } = runPlanFailover(h.db, { vaultId, planId, direction: "to-on-premises", recoveryPoint: "latest-tag" }, h.env());
    expect(h.run(jobId).status).toBe("succeeded");
    const itemJob = h.db
      .select()
      .from(s.jobs)
      .where(and(eq(s.jobs.targetId, "crm-01"), inArray(s.jobs.type, jobTypesOf(JOB_TYPES.failover))))
      .orderBy(desc(s.jobs.createdAt))
      .get()!;
    expect(itemJob.input).toMatchObject({
      recoveryPointId: expected.id,
      recoveryPointChoice: "latest-tag",
    } satisfies Partial<FailoverJobInput>);
    expect(h.item("crm-01")).toMatchObject({
      state: "failover-completed",
      activeLocation: "on-premises",
      failoverRecoveryPointId: expected.id,
    });
  });
});
