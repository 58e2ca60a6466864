/**
 * Re-protect offers no master target its verb would refuse for the master target itself (check 2:
 * heartbeat, disk.EnableUUID, storage vMotion, Linux setup; check 13: cloned from the machine's
 * template): such a master target is listed, cannot be chosen, and says why with the verb's code.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, vaultId } from "./harness";
import { DomainError } from "../errors";
import { getReprotectOptions } from "../replicated-item/queries";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { stageOf } from "../replicated-item/state";

type H = ReturnType<typeof harness>;
const MT_CODES = /\((FB-02\d\d|8038|FB-13\d\d)\)$/;

class RolledBack extends Error {}

/**
 * Re-protect of `itemId` with the options' defaults and `masterTargetId`, rolled back: the verb's
 * refusal code, or null when it would start.
 */
function verbCode(h: H, itemId: string, masterTargetId: string): string | null {
  const o = getReprotectOptions(h.db, vaultId, itemId, h.env());
  const mt = o.masterTargets.find((m) => m.id === masterTargetId)!;
  const input = {
    vaultId,
    itemId,
    processServerId: o.defaults.processServerId ?? "",
    masterTargetId,
    accountId: o.defaults.accountId ?? "",
    datastoreId: o.defaults.datastoreId ?? mt.datastoreId ?? "",
    retentionVolumeId: mt.retentionVolumes[0]?.id ?? "rv-none",
  };
  let code: string | null = null;
  try {
    h.db.transaction((tx) => {
      code = refusalOrNull(() => reprotectToOnPremises(tx, input, h.env()));
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  return code;
}

function refusalOrNull(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
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
        } else if (code) expect(`(${code})`, `${item.name} ${mt.name}`).not.toMatch(MT_CODES);
      }
    }
    expect(disabled).toBeGreaterThan(0);
  });
});
