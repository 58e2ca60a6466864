/**
 * Re-protect offers no master target its verb would refuse for the master target itself (check 2:
 * heartbeat, disk.EnableUUID, storage vMotion, Linux setup; check 13: cloned from the machine's
 * template): such a master target is listed, cannot be chosen, and says why with the verb's code.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusalRolledBack, vaultId } from "./harness";
import { getReprotectOptions } from "../replicated-item/queries";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { stageOf } from "../replicated-item/state";
import { readinessCheck } from "../replicated-item/readiness";
import { CODES } from "../checks/codes";
import { clearFault } from "../lab/faults";

type H = ReturnType<typeof harness>;
const MT_CODES = /\((FB-02\d\d|8038|FB-13\d\d|FB-0701|FB-1401)\)$/;
/** The codes only a master target itself causes (a free license or a disconnected vCenter may also be the original VM's). */
const MT_OWN_CODES = /\((FB-02\d\d|8038|FB-13\d\d)\)$/;

/**
 * Re-protect of `itemId` with the options' defaults and `masterTargetId`, rolled back: the verb's
 * refusal code, or null when it would start.
 */
function verbCode(
  h: H,
  itemId: string,
  masterTargetId: string,
  choose: { datastoreId?: string; location?: "original" | "alternate" } = {},
): string | null {
  const o = getReprotectOptions(h.db, vaultId, itemId, h.env());
  const mt = o.masterTargets.find((m) => m.id === masterTargetId)!;
  const input = {
    vaultId,
    itemId,
    processServerId: o.defaults.processServerId ?? "",
    masterTargetId,
    accountId: o.defaults.accountId ?? "",
    datastoreId: choose.datastoreId ?? o.defaults.datastoreId ?? mt.datastoreId ?? "",
    retentionVolumeId: mt.retentionVolumes[0]?.id ?? "rv-none",
    ...(choose.location ? { location: choose.location } : {}),
  };
  return refusalRolledBack(h.db, (tx) => reprotectToOnPremises(tx, input, h.env()))?.code ?? null;
}

describe("Re-protect's master targets", { timeout: 120_000 }, () => {
  it("a seeded master target without disk.EnableUUID is listed but not offered, with the verb's code, and not proposed", () => {
    const h = harness();
    h.touch();
    const o = getReprotectOptions(h.db, vaultId, "lnx-db-01", h.env());
    const bad = o.masterTargets.find((m) => m.id === "mt-lnx-02")!;
    expect(bad.disabledReason).toMatch(/disk\.EnableUUID.*\(FB-0203\)$/);
    expect(o.defaults.masterTargetId).not.toBe("mt-lnx-02");
    expect(verbCode(h, "lnx-db-01", "mt-lnx-02")).toBe("FB-0203");
  });

  it("a Lab fault on the only Windows master target: nothing is proposed, and the verb refuses it with the same code", () => {
    const h = harness();
    h.touch();
    h.fault("mt-storage-vmotioned", "mt-cs-01");
    const o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    const mt = o.masterTargets.find((m) => m.id === "mt-cs-01")!;
    expect(mt.disabledReason).toMatch(/\(8038\)$/);
    if (o.masterTargets.every((m) => m.disabledReason)) expect(o.defaults.masterTargetId).toBeNull();
    expect(verbCode(h, "app-02", "mt-cs-01")).toBe("8038");
  });

  it("for every item that can re-protect, a master target is disabled exactly when the verb refuses it for the master target", () => {
    const h = harness();
    h.touch();
    const items = h.db
      .select()
      .from(s.replicatedItems)
      .where(eq(s.replicatedItems.vaultId, vaultId))
      .all()
      .filter((i) => stageOf(i) === 3);
    expect(items.length).toBeGreaterThan(3);
    let disabled = 0;
    for (const item of items) {
      for (const mt of getReprotectOptions(h.db, vaultId, item.id, h.env()).masterTargets) {
        const code = verbCode(h, item.id, mt.id);
        if (mt.disabledReason) {
          disabled++;
          expect(mt.disabledReason, `${item.name} ${mt.name}`).toMatch(MT_CODES);
          expect(mt.disabledReason.endsWith(`(${code})`), `${item.name} ${mt.name}: verb ${code}`).toBe(true);
        } else if (code) expect(`(${code})`, `${item.name} ${mt.name}`).not.toMatch(MT_OWN_CODES);
      }
    }
    expect(disabled).toBeGreaterThan(0);
  });
});

const DS_CODES = new Set<string>([CODES.dsUnreachable, CODES.dsFreeSpace]);

/** Every item that can re-protect now (stage 3: committed in Azure). */
function reprotectable(h: H) {
  return h.db
    .select()
    .from(s.replicatedItems)
    .where(eq(s.replicatedItems.vaultId, vaultId))
    .all()
    .filter((i) => stageOf(i) === 3);
}

describe("Re-protect's datastores", { timeout: 300_000 }, () => {
  it("for a new VM, a datastore is disabled through a master target exactly when the verb's datastore check refuses it, with its code", () => {
    const h = harness();
    h.touch();
    let disabled = 0;
    let enabled = 0;
    const seen = new Set<string>();
    for (const item of reprotectable(h)) {
      const o = getReprotectOptions(h.db, vaultId, item.id, h.env());
      for (const mt of o.masterTargets.filter((m) => !m.disabledReason)) {
        for (const d of o.datastores) {
          const refusal = d.refusalByMasterTarget[mt.id];
          const what = `${item.name} ${mt.name} ${d.name}`;
          // The verb reports check 4 last: its refusal, or check 4's line when another check refuses first.
          const code = verbCode(h, item.id, mt.id, { datastoreId: d.id, location: "alternate" });
          const check4 = readinessCheck(
            h.db,
            { vaultId, itemId: item.id, masterTargetId: mt.id, datastoreId: d.id, location: "alternate" },
            h.env(),
          ).checks.find((c) => c.number === 4)!;
          // A physical Windows Server 2008 R2 SP1 cannot fail back at all (check 9): no datastore matters.
          if (code === CODES.physical2008R2) continue;
          if (refusal) {
            disabled++;
            seen.add(refusal.code);
            expect(refusal.reason.endsWith(`(${refusal.code})`), what).toBe(true);
            expect(code, what).not.toBeNull();
            if (DS_CODES.has(code!)) expect(code, what).toBe(refusal.code);
            expect(check4.error?.code, what).toBe(refusal.code);
          } else {
            enabled++;
            expect(DS_CODES.has(code ?? ""), `${what}: verb ${code}`).toBe(false);
            expect(DS_CODES.has(check4.error?.code ?? ""), `${what}: check 4 ${check4.error?.code}`).toBe(false);
          }
        }
      }
    }
    expect(enabled).toBeGreaterThan(0);
    expect(disabled).toBeGreaterThan(0);
    // Both causes occur in the demo vault: a datastore the host cannot reach, and one too small (ds-small).
    expect([...seen].sort()).toEqual([CODES.dsUnreachable, CODES.dsFreeSpace].sort());
  });

  it("the Lab's unreachable-datastore fault disables the datastore through that master target, and the verb refuses it the same way", () => {
    const h = harness();
    h.touch();
    const before = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    const ds = before.datastores.find((d) => d.id === "ds-prod-01")!;
    expect(ds.refusalByMasterTarget["mt-cs-01"]).toBeUndefined();
    h.fault("datastore-unreachable-from-mt-host", "ds-prod-01");
    const after = getReprotectOptions(h.db, vaultId, "app-02", h.env()).datastores.find((d) => d.id === "ds-prod-01")!;
    expect(after.refusalByMasterTarget["mt-cs-01"]?.code).toBe(CODES.dsUnreachable);
    expect(verbCode(h, "app-02", "mt-cs-01", { datastoreId: "ds-prod-01", location: "alternate" })).toBe(CODES.dsUnreachable);
  });

  it("a new VM is proposed a datastore its master target can use", () => {
    const h = harness();
    h.touch();
    for (const item of reprotectable(h)) {
      const o = getReprotectOptions(h.db, vaultId, item.id, h.env());
      const mtId = o.defaults.masterTargetId;
      if (o.location.default !== "alternate" || !mtId || !o.defaults.datastoreId) continue;
      const d = o.datastores.find((x) => x.id === o.defaults.datastoreId);
      if (o.datastores.some((x) => !x.refusalByMasterTarget[mtId])) expect(d?.refusalByMasterTarget[mtId], item.name).toBeUndefined();
    }
  });
});

describe("Re-protect's master target hosts and the original location", { timeout: 300_000 }, () => {
  it("a master target on a host with a free ESXi license, or in a disconnected vCenter, is listed but not offered, with the verb's code", () => {
    const h = harness();
    h.touch();
    h.fault("free-esxi-license", "esxi-02");
    let o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    expect(o.masterTargets.find((m) => m.id === "mt-win-02")!.disabledReason).toMatch(/esxi-02.*free license.*\(FB-0701\)$/);
    expect(o.masterTargets.find((m) => m.id === "mt-cs-01")!.disabledReason).toBeUndefined();
    expect(o.defaults.masterTargetId).toBe("mt-cs-01");
    // The verb reports its retention drive first (check 3), and check 7 refuses its host.
    expect(verbCode(h, "app-02", "mt-win-02")).not.toBeNull();
    const check7 = readinessCheck(h.db, { vaultId, itemId: "app-02", masterTargetId: "mt-win-02" }, h.env()).checks.find(
      (c) => c.number === 7,
    );
    expect(check7?.error?.code).toBe(CODES.freeEsxiLicense);
    clearFault(h.db, { vaultId, fault: "free-esxi-license", targetId: "esxi-02" });

    h.fault("vcenter-disconnected", "vcenter-01");
    o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    for (const mt of o.masterTargets) expect(mt.disabledReason, mt.name).toMatch(/vcenter-01 is disconnected.*\(FB-1401\)$/);
    expect(o.defaults.masterTargetId).toBeNull();
    expect(verbCode(h, "app-02", "mt-cs-01")).toBe(CODES.vcenterDisconnected);
  });

  it("the original location is refused through a master target exactly when the verb's location checks refuse it, with their code", () => {
    const h = harness();
    h.touch();
    const LOCATION_CODES = new Set<string>([
      CODES.vcenterDisconnected,
      CODES.freeEsxiLicense,
      CODES.dsUnreachable,
      CODES.vcenterNotDiscovered,
    ]);
    let refused = 0;
    let offered = 0;
    const compare = () => {
      for (const item of reprotectable(h)) {
        const o = getReprotectOptions(h.db, vaultId, item.id, h.env());
        if (!o.location.originalAvailable) continue;
        for (const mt of o.masterTargets.filter((m) => !m.disabledReason)) {
          const r = o.location.originalRefusalByMasterTarget[mt.id];
          const what = `${item.name} ${mt.name}`;
          const code = verbCode(h, item.id, mt.id, { location: "original" });
          const failing = readinessCheck(h.db, { vaultId, itemId: item.id, masterTargetId: mt.id, location: "original" }, h.env())
            .checks.filter((c) => [4, 7, 14].includes(c.number) && c.error)
            .map((c) => c.error!.code);
          if (r) {
            refused++;
            expect(code, what).not.toBeNull();
            if (LOCATION_CODES.has(code!)) expect(code, what).toBe(r.code);
            expect(failing, what).toContain(r.code);
          } else {
            offered++;
            expect(LOCATION_CODES.has(code ?? ""), `${what}: verb ${code}`).toBe(false);
            expect(failing, what).toEqual([]);
          }
        }
      }
    };
    compare();
    // The VM's host on a free license, then the VM's datastore out of the master targets' reach.
    h.fault("free-esxi-license", "esxi-01");
    compare();
    clearFault(h.db, { vaultId, fault: "free-esxi-license", targetId: "esxi-01" });
    h.fault("datastore-unreachable-from-mt-host", "ds-prod-01");
    compare();
    expect(offered).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("with the original location refused through the proposed master target, the alternate location is proposed with a datastore it can use", () => {
    const h = harness();
    h.touch();
    h.fault("datastore-unreachable-from-mt-host", "ds-prod-01");
    const o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    const mtId = o.defaults.masterTargetId!;
    expect(o.location.originalRefusalByMasterTarget[mtId]?.code).toBe(CODES.dsUnreachable);
    expect(o.location.default).toBe("alternate");
    const ds = o.datastores.find((d) => d.id === o.defaults.datastoreId)!;
    expect(ds.refusalByMasterTarget[mtId]).toBeUndefined();
    expect(verbCode(h, "app-02", mtId, { datastoreId: ds.id, location: o.location.default })).toBeNull();
  });
});
