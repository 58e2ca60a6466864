/**
 * Every Lab switch does something when aimed at an object of the kind the Lab offers for it
 * (`FAULT_TARGET`): switched on for one such object, some item's prerequisite checks change. A
 * switch aimed at a kind the fabric does not look it up by would change nothing.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { FAULTS, type FaultKey } from "@/db/schema";
import { harness, vaultId } from "./harness";
import { clearFault, FAULT_TARGET, faultTargets, getLab } from "../lab/faults";
import { getReprotectOptions } from "../replicated-item/queries";
import { readinessCheck } from "../replicated-item/readiness";
import { stageOf } from "../replicated-item/state";

type H = ReturnType<typeof harness>;

/** What the prerequisite checks say now: every re-protectable item through each of its master targets, and every item failing back. */
function checksNow(h: H): string {
  const items = h.db
    .select()
    .from(s.replicatedItems)
    .where(eq(s.replicatedItems.vaultId, vaultId))
    .all()
    .filter((i) => stageOf(i) === 3 || stageOf(i) === 4);
  const out: string[] = [];
  for (const item of items) {
    const proposals: Record<string, string | undefined>[] = [{}];
    if (stageOf(item) === 3) {
      const o = getReprotectOptions(h.db, vaultId, item.id, h.env());
      proposals.splice(
        0,
        1,
        ...o.masterTargets.map((mt) => ({
          processServerId: o.defaults.processServerId ?? undefined,
          accountId: o.defaults.accountId ?? undefined,
          masterTargetId: mt.id,
          retentionVolumeId: mt.retentionVolumes[0]?.id,
          datastoreId: o.defaults.datastoreId ?? undefined,
        })),
      );
    }
    for (const p of proposals) {
      const r = readinessCheck(h.db, { vaultId, itemId: item.id, ...p }, h.env());
      out.push(`${item.id} ${p.masterTargetId ?? ""}: ${r.checks.map((c) => (c.error ? c.error.code : "ok")).join(",")}`);
    }
  }
  return out.join("\n");
}

describe("Lab switch targets", { timeout: 300_000 }, () => {
  it("the Lab aims every switch at the kind of object the domain gives it", () => {
    const h = harness();
    for (const f of getLab(h.db, vaultId).faults) expect(f.target, f.fault).toBe(FAULT_TARGET[f.fault]);
  });

  it.each(FAULTS.map((f) => [f]))("%s, aimed at one object of its kind, changes some prerequisite check", (fault: FaultKey) => {
    const h = harness();
    h.touch();
    const before = checksNow(h);
    const changedBy = faultTargets(h.db, vaultId)
      [FAULT_TARGET[fault]].map((o) => o.id)
      .find((id) => {
        h.fault(fault, id);
        const changed = checksNow(h) !== before;
        clearFault(h.db, { vaultId, fault, targetId: id });
        return changed;
      });
    expect(changedBy, `${fault} aimed at a ${FAULT_TARGET[fault]}`).toBeDefined();
  });
});
