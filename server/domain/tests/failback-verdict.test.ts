/**
 * Unplanned failover (the failback) is offered only when its verb would start: besides the state
 * machine, the prerequisite checks the verb and its Prerequisites step run on the values the
 * re-protect stored. A Lab fault that appears after the re-protect disables the command with the
 * check's reason and code, the verb refuses with the same error, and clearing it offers it again.
 */
import { describe, expect, it } from "vitest";
import { FAULTS } from "@/db/schema";
import { harness, refusalRolledBack, vaultId } from "./harness";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import { clearFault } from "../lab/faults";
import { getItem } from "../replicated-item/queries";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";

type H = ReturnType<typeof harness>;

/** The failback verb on crm-01 (seeded replicating to on-premises through mt-cs-01), rolled back: its refusal, or null when it would start. */
function verbRefusal(h: H): DomainError | null {
  return refusalRolledBack(h.db, (tx) =>
    unplannedFailoverToOnPremises(tx, { vaultId, itemId: "crm-01", recoveryPoint: "latest-processed" }, h.env()),
  );
}

describe("Unplanned failover's verdict", { timeout: 120_000 }, () => {
  it("with every Lab fault in turn, the command is enabled exactly when the verb would start, and disabled with the verb's code and message", () => {
    const h = harness();
    h.touch();
    const base = getItem(h.db, vaultId, "crm-01", h.env()).commands.unplannedFailover;
    expect(base.allowed).toBe(true);
    expect(verbRefusal(h)).toBeNull();
    let refused = 0;
    for (const fault of FAULTS) {
      h.fault(fault);
      const v = getItem(h.db, vaultId, "crm-01", h.env()).commands.unplannedFailover;
      const e = verbRefusal(h);
      expect(v.allowed, fault).toBe(e === null);
      if (e) {
        refused++;
        expect(v.code, fault).toBe(e.code);
        expect(v.reason, fault).toBe(e.message);
        expect(e.kind, fault).toBe("NotAllowed");
        // The check's own error: its causes, not the state machine's.
        expect(e.possibleCauses, fault).not.toMatch(/stage of the round trip/);
      }
      clearFault(h.db, { vaultId, fault, targetId: "*" });
    }
    expect(refused).toBeGreaterThan(3);
    expect(getItem(h.db, vaultId, "crm-01", h.env()).commands.unplannedFailover.allowed).toBe(true);
  });

  it("a free ESXi license on the master target's host and a disconnected vCenter refuse with checks 7 and 14", () => {
    const h = harness();
    h.touch();
    h.fault("free-esxi-license", "esxi-01");
    expect(getItem(h.db, vaultId, "crm-01", h.env()).commands.unplannedFailover).toMatchObject({
      allowed: false,
      code: CODES.freeEsxiLicense,
    });
    expect(verbRefusal(h)?.code).toBe(CODES.freeEsxiLicense);
    clearFault(h.db, { vaultId, fault: "free-esxi-license", targetId: "esxi-01" });
    h.fault("vcenter-disconnected", "vcenter-01");
    const v = getItem(h.db, vaultId, "crm-01", h.env()).commands.unplannedFailover;
    expect(v).toMatchObject({ allowed: false, code: CODES.vcenterDisconnected });
    expect(v.recommendedAction).toMatch(/Reconnect vcenter-01/);
    expect(verbRefusal(h)?.code).toBe(CODES.vcenterDisconnected);
  });
});
