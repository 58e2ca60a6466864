/**
 * A recovery plan's Re-protect (Azure to on-premises) applies one master target, datastore and
 * process server to every machine, and each machine's Re-protect checks them. So the plan's options
 * are those of EVERY machine: one any machine's verb would refuse is listed, cannot be chosen, and
 * names that machine with the verb's code.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusalRolledBack, vaultId } from "./harness";
import { CODES } from "../checks/codes";
import { getReprotectOptions } from "../replicated-item/queries";
import { readinessCheck } from "../replicated-item/readiness";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { getPlanReprotectOptions } from "../recovery-plan/reprotect-options";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { runItemVerb } from "../recovery-plan/item-dispatch";

type H = ReturnType<typeof harness>;

function plan(h: H, name: string, itemIds: string[]): string {
  return createRecoveryPlan(h.db, { vaultId, name, source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds }] }, h.env()).planId;
}

/** The on-premises VM of big-fs-01 (2,175 GB of disks) was deleted: its failback creates a new VM, so the datastore must hold its disks. */
function deleteBigFsVm(h: H) {
  h.db.update(s.machines).set({ exists: false }).where(eq(s.machines.id, "m-big-fs-01")).run();
}

type Choices = { processServerId: string; masterTargetId: string; accountId: string; datastoreId: string; retentionVolumeId: string };

/** The plan's options' choices, with a master target and datastore. */
function choices(h: H, planId: string, masterTargetId: string, datastoreId: string): Choices {
  const o = getPlanReprotectOptions(h.db, vaultId, planId, h.env());
  const mt = o.masterTargets.find((m) => m.id === masterTargetId)!;
  return {
    processServerId: o.defaults.processServerId ?? "",
    masterTargetId,
    accountId: o.defaults.accountId ?? "",
    datastoreId,
    retentionVolumeId: mt.retentionVolumes[0]?.id ?? "rv-none",
  };
}

/**
 * The plan verb with these choices, rolled back: its refusal code (null when it would start), and
 * each machine's own refusal code as the plan verb asks it (the item verb, check only).
 */
function planVerbCodes(h: H, planId: string, c: Choices): { plan: string | null; members: Map<string, string> } {
  const plan = refusalRolledBack(h.db, (tx) => planReprotect(tx, { vaultId, planId, direction: "to-on-premises", ...c }, h.env()));
  const members = new Map<string, string>();
  for (const item of planItems(h, planId)) {
    const own = refusalRolledBack(h.db, (tx) =>
      runItemVerb(tx, vaultId, item.id, { operation: "reprotect", direction: "to-on-premises", ...c }, { ...h.env(), checkOnly: true }),
    );
    if (own) members.set(item.name, own.code);
  }
  return { plan: plan?.code ?? null, members };
}

function planItems(h: H, planId: string) {
  return h.db
    .select({ id: s.replicatedItems.id, name: s.replicatedItems.name })
    .from(s.recoveryPlanItems)
    .innerJoin(s.recoveryPlanGroups, eq(s.recoveryPlanGroups.id, s.recoveryPlanItems.groupId))
    .innerJoin(s.replicatedItems, eq(s.replicatedItems.id, s.recoveryPlanItems.replicatedItemId))
    .where(eq(s.recoveryPlanGroups.planId, planId))
    .all();
}

describe("A recovery plan's Re-protect options", { timeout: 300_000 }, () => {
  it("a datastore with room for the first machine's disks but not the second's is disabled with FB-0402 naming the second", () => {
    const h = harness();
    h.touch();
    deleteBigFsVm(h);
    const planId = plan(h, "rp-two-new-vms", ["app-03", "big-fs-01"]);
    // The first machine alone would take ds-prod-01 (1,840 GB free for its 383 GB).
    const firstOnly = getReprotectOptions(h.db, vaultId, "app-03", h.env());
    expect(firstOnly.datastores.find((d) => d.id === "ds-prod-01")!.refusalByMasterTarget["mt-cs-01"]).toBeUndefined();

    const o = getPlanReprotectOptions(h.db, vaultId, planId, h.env());
    expect(o.location.default).toBe("alternate");
    const refusal = o.datastores.find((d) => d.id === "ds-prod-01")!.refusalByMasterTarget["mt-cs-01"];
    expect(refusal?.code).toBe(CODES.dsFreeSpace);
    expect(refusal?.itemName).toBe("big-fs-01");
    expect(refusal?.reason).toMatch(
      /^big-fs-01: The datastore ds-prod-01 has 1840 GB free, but the disks of big-fs-01 need 2175 GB\. \(FB-0402\)$/,
    );
    // The verb refuses it for big-fs-01, with that code.
    const verb = planVerbCodes(h, planId, choices(h, planId, "mt-cs-01", "ds-prod-01"));
    expect(verb.plan).toBe(CODES.recoveryPlanItemsNotReady);
    expect(verb.members.get("big-fs-01")).toBe(CODES.dsFreeSpace);
    expect(verb.members.has("app-03")).toBe(false);
    // What the plan proposes, every machine's verb takes.
    expect(o.defaults.datastoreId).toBe("ds-prod-02");
    const d = planVerbCodes(h, planId, choices(h, planId, o.defaults.masterTargetId!, o.defaults.datastoreId!));
    expect(d).toEqual({ plan: null, members: new Map() });
  });

  it("a master target of another operating system than one machine's is disabled with FB-0202 naming it; the original location is available only when it is for every machine", () => {
    const h = harness();
    h.touch();
    const planId = plan(h, "rp-mixed-os", ["app-02", "app-03", "lnx-db-01"]);
    const o = getPlanReprotectOptions(h.db, vaultId, planId, h.env());
    expect(o.location.originalAvailable).toBe(false);
    for (const mt of o.masterTargets) expect(mt.refusal?.code, mt.name).toBe(CODES.mtOsMismatch);
    expect(o.masterTargets.find((m) => m.id === "mt-cs-01")!.disabledReason).toMatch(/^lnx-db-01: .*\(FB-0202\)$/);
    expect(o.masterTargets.find((m) => m.id === "mt-lnx-01")!.disabledReason).toMatch(/^app-02: .*\(FB-0202\)$/);
    expect(o.defaults.masterTargetId).toBeNull();
    expect(planVerbCodes(h, planId, choices(h, planId, "mt-cs-01", "ds-prod-02")).members.get("lnx-db-01")).toBe(CODES.mtOsMismatch);

    const both = getPlanReprotectOptions(h.db, vaultId, plan(h, "rp-originals", ["app-02", "erp-app-01"]), h.env());
    expect(both.location.originalAvailable).toBe(true);
    expect(both.location.default).toBe("original");
  });

  it("the original VM's datastore out of a master target's reach disables that master target for the plan, naming the machine (8061)", () => {
    const h = harness();
    h.touch();
    h.fault("datastore-unreachable-from-mt-host", "ds-prod-01");
    const planId = plan(h, "rp-original-unreachable", ["app-03", "app-02"]);
    const o = getPlanReprotectOptions(h.db, vaultId, planId, h.env());
    const refusals = o.masterTargets.map((m) => m.refusal);
    expect(refusals.some((r) => r?.code === CODES.dsUnreachable && r.itemName === "app-02")).toBe(true);
    // The master targets with a retention drive to choose (the verb checks the drive first).
    const withDrive = o.masterTargets.filter((m) => m.refusal?.code === CODES.dsUnreachable && m.retentionVolumes.length);
    expect(withDrive.length).toBeGreaterThan(0);
    for (const mt of withDrive)
      expect(planVerbCodes(h, planId, choices(h, planId, mt.id, "ds-prod-02")).members.get("app-02"), mt.name).toBe(CODES.dsUnreachable);
  });

  it("over the seeded fabric: a master target × datastore is disabled in the plan's options exactly when the plan verb refuses it, with the same code", () => {
    const h = harness();
    h.touch();
    deleteBigFsVm(h);
    const plans = [
      plan(h, "rp-p1", ["app-03", "big-fs-01"]),
      plan(h, "rp-p2", ["app-02", "phys-win-01", "kiosk-01"]),
      plan(h, "rp-p4", ["lnx-db-01"]),
      plan(h, "rp-p5", ["lnx-db-01", "app-02"]),
    ];
    const OPTION_CODES = new Set<string>([
      CODES.dsUnreachable,
      CODES.dsFreeSpace,
      CODES.mtOsMismatch,
      CODES.mtDiskEnableUuid,
      CODES.vcenterDisconnected,
      CODES.freeEsxiLicense,
    ]);
    let disabled = 0;
    let enabled = 0;
    const seen = new Set<string>();
    const compare = () => {
      for (const planId of plans) {
        const o = getPlanReprotectOptions(h.db, vaultId, planId, h.env());
        for (const mt of o.masterTargets) {
          for (const d of o.datastores) {
            const what = `${planId} ${mt.name} ${d.name}`;
            const refusal = mt.refusal ?? d.refusalByMasterTarget[mt.id] ?? null;
            const verb = planVerbCodes(h, planId, choices(h, planId, mt.id, d.id));
            if (refusal) {
              disabled++;
              seen.add(refusal.code);
              expect(refusal.reason.startsWith(`${refusal.itemName}: `) && refusal.reason.endsWith(`(${refusal.code})`), what).toBe(true);
              expect(verb.plan, what).toBe(CODES.recoveryPlanItemsNotReady);
              const code = verb.members.get(refusal.itemName);
              expect(code, what).toBeDefined();
              // The machine's verb stops at its first failing check; the refused option's check fails with the same code.
              if (OPTION_CODES.has(code!)) expect(code, what).toBe(refusal.code);
              const item = planItems(h, planId).find((i) => i.name === refusal.itemName)!;
              const failing = readinessCheck(h.db, { vaultId, itemId: item.id, masterTargetId: mt.id, datastoreId: d.id }, h.env())
                .checks.filter((c) => c.error)
                .map((c) => c.error!.code);
              expect(failing, what).toContain(refusal.code);
            } else {
              enabled++;
              const codes = [...verb.members.values()];
              expect(
                codes.filter((c) => OPTION_CODES.has(c)),
                `${what}: ${[...verb.members].join(" ")}`,
              ).toEqual([]);
            }
          }
        }
      }
    };
    compare();
    h.fault("free-esxi-license", "esxi-02");
    compare();
    expect(enabled).toBeGreaterThan(0);
    expect(disabled).toBeGreaterThan(0);
    expect([...seen].sort()).toEqual(
      [CODES.dsUnreachable, CODES.dsFreeSpace, CODES.mtOsMismatch, CODES.mtDiskEnableUuid, CODES.freeEsxiLicense].sort(),
    );
  });
});
