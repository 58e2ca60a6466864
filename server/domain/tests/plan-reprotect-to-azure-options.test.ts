/**
 * Re-protect from on-premises to Azure sends a machine through one on-premises process server of
 * its configuration server, registered, reaching the configuration server and sending heartbeats.
 * The options (an item's, and a recovery plan's over every machine) offer exactly the process
 * servers the verb takes; the others are listed with the verb's reason and code.
 */
import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, refusalRolledBack, vaultId } from "./harness";
import type { Tx } from "@/db/client";
import { CODES } from "../checks/codes";
import { getReprotectToAzureOptions } from "../replicated-item/queries";
import { createRecoveryPlan } from "../recovery-plan/create-recovery-plan";
import { getPlanReprotectToAzureOptions } from "../recovery-plan/reprotect-options";
import { planReprotect } from "../recovery-plan/plan-reprotect";
import { runItemVerb } from "../recovery-plan/item-dispatch";

type H = ReturnType<typeof harness>;

/** Committed on-premises (stage 6), where Re-protect goes to Azure: the state a failback's commit leaves. */
function committedOnPremises(h: H, itemIds: string[]) {
  h.db
    .update(s.replicatedItems)
    .set({ state: "failover-committed", activeLocation: "on-premises", replicationDirection: "to-on-premises", currentJobId: null })
    .where(inArray(s.replicatedItems.id, itemIds))
    .run();
}

/** A second configuration server with its own on-premises process server; `itemId` is moved behind it. */
function secondConfigurationServer(h: H, itemId: string) {
  h.db
    .insert(s.configurationServers)
    .values({ id: "cs-02", vaultId, name: "cs-02", ip: "10.0.0.11", version: "9.62.7096.1", health: "healthy" })
    .run();
  h.db
    .insert(s.processServers)
    .values({
      id: "ps-cs-02",
      configurationServerId: "cs-02",
      name: "ps-cs-02",
      location: "on-premises",
      ip: "10.0.0.12",
      lastHeartbeatAt: new Date(h.clock.now()),
    })
    .run();
  h.db.update(s.replicatedItems).set({ configurationServerId: "cs-02" }).where(eq(s.replicatedItems.id, itemId)).run();
}

/** The code a verb refuses with, rolled back (null: it would start). */
const refusedWith = (h: H, verb: (tx: Tx) => unknown): string | null => refusalRolledBack(h.db, verb)?.code ?? null;

const itemVerbCode = (h: H, itemId: string, processServerId: string) =>
  refusedWith(h, (tx) =>
    runItemVerb(tx, vaultId, itemId, { operation: "reprotect", direction: "to-azure", processServerId }, { ...h.env(), checkOnly: true }),
  );

describe("Re-protect to Azure options", { timeout: 300_000 }, () => {
  it("an item's: each fault the verb refuses a process server for disables it with the verb's code, and only then", () => {
    for (const fault of [null, "process-server-heartbeat-lost", "process-server-cannot-reach-cs"] as const) {
      const h = harness();
      h.touch();
      committedOnPremises(h, ["app-02"]);
      if (fault) {
        h.fault(fault, "ps-cs-01");
        h.clock.advance(20 * 60_000);
        h.touch();
      }
      const o = getReprotectToAzureOptions(h.db, vaultId, "app-02", h.env());
      expect(o.processServers.length).toBeGreaterThan(0);
      for (const ps of o.processServers) {
        const code = itemVerbCode(h, "app-02", ps.id);
        if (code) expect(ps.disabledReason, `${fault} ${ps.id}`).toContain(`(${code})`);
        else expect(ps.disabledReason, `${fault} ${ps.id}`).toBeUndefined();
      }
      const psCs01 = o.processServers.find((p) => p.id === "ps-cs-01")!;
      if (fault === "process-server-cannot-reach-cs") expect(psCs01.disabledReason).toContain(`(${CODES.psCannotReachCs})`);
      if (fault === "process-server-heartbeat-lost") expect(psCs01.disabledReason).toContain(`(${CODES.psHeartbeatLost})`);
      if (!fault) expect(psCs01.disabledReason).toBeUndefined();
      // The proposed process server is one the verb takes ("" when none is).
      const usable = o.processServers.filter((p) => !p.disabledReason).map((p) => p.id);
      expect(o.defaults.processServerId).toBe(usable[0] ?? "");
      if (usable.length) expect(itemVerbCode(h, "app-02", o.defaults.processServerId)).toBeNull();
    }
  });

  it("a plan's: a process server of one machine's configuration server is disabled for the other, naming it; the plan verb agrees", () => {
    const h = harness();
    h.touch();
    committedOnPremises(h, ["app-02", "app-03"]);
    secondConfigurationServer(h, "app-03");
    const planId = createRecoveryPlan(
      h.db,
      { vaultId, name: "rp-two-sites", source: "cs-01", target: "Microsoft Azure", groups: [{ itemIds: ["app-02", "app-03"] }] },
      h.env(),
    ).planId;
    const o = getPlanReprotectToAzureOptions(h.db, vaultId, planId, h.env());
    const byId = new Map(o.processServers.map((p) => [p.id, p]));
    // Each machine's own options offer its configuration server's process server…
    expect(
      getReprotectToAzureOptions(h.db, vaultId, "app-02", h.env()).processServers.find((p) => p.id === "ps-cs-01")?.disabledReason,
    ).toBeUndefined();
    expect(
      getReprotectToAzureOptions(h.db, vaultId, "app-03", h.env()).processServers.find((p) => p.id === "ps-cs-02")?.disabledReason,
    ).toBeUndefined();
    // …the plan, sending both through one, can use neither, and says which machine refuses it.
    expect(byId.get("ps-cs-01")?.disabledReason).toMatch(/^app-03: Process server 'ps-cs-01' is not registered with cs-02\. \(NotFound\)$/);
    expect(byId.get("ps-cs-02")?.disabledReason).toMatch(/^app-02: .*is not registered with cs-01\. \(NotFound\)$/);
    expect(o.defaults.processServerId, "no process server serves both machines").toBe("");
    for (const ps of o.processServers) {
      const planCode = refusedWith(h, (tx) =>
        planReprotect(tx, { vaultId, planId, direction: "to-azure", processServerId: ps.id }, h.env()),
      );
      expect(!!planCode, ps.id).toBe(!!ps.disabledReason);
    }
    // Back behind one configuration server, the plan may use ps-cs-01, and the plan verb starts with it.
    h.db.update(s.replicatedItems).set({ configurationServerId: "cs-01" }).where(eq(s.replicatedItems.id, "app-03")).run();
    const again = getPlanReprotectToAzureOptions(h.db, vaultId, planId, h.env());
    expect(again.processServers.find((p) => p.id === "ps-cs-01")?.disabledReason).toBeUndefined();
    expect(again.defaults.processServerId).toBe("ps-cs-01");
    expect(
      refusedWith(h, (tx) => planReprotect(tx, { vaultId, planId, direction: "to-azure", processServerId: "ps-cs-01" }, h.env())),
    ).toBeNull();
  });
});
