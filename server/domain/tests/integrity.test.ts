import { describe, expect, it } from "vitest";
import { failback, harness, replicationInput, snapshot, vaultId } from "./harness";
import { DomainError } from "../errors";
import { commit } from "../replicated-item/commit";
import { changeRecoveryPoint } from "../replicated-item/change-recovery-point";
import { failoverToAzure } from "../replicated-item/failover";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { enableReplication } from "../replicated-item/enable-replication";
import { testFailover } from "../replicated-item/test-failover";
import { startItemJob } from "../replicated-item/common";
import { readinessCheck } from "../replicated-item/readiness";
import { cancelJob, restartJob } from "@/server/jobs/operations";
import { clearFault } from "../lab/faults";

const kindOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.kind;
    throw e;
  }
  return "accepted";
};

describe("refusals change nothing", () => {
  const h = harness();
  const CASES: { name: string; kind: string; call: () => unknown }[] = [
    {
      name: "invalid input (missing fields)",
      kind: "Invalid",
      call: () => reprotectToOnPremises(h.db, { vaultId, itemId: "app-02" } as never, h.env()),
    },
    {
      name: "invalid recovery point",
      kind: "Invalid",
      call: () => failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "yesterday" } as never, h.env()),
    },
    {
      name: "invalid failback IP",
      kind: "Invalid",
      call: () =>
        reprotectToOnPremises(
          h.db,
          { vaultId, itemId: "app-02", ...failback, legacy: { nicIps: [{ nic: "Network adapter 1", ip: "999.1.1.1" }] } },
          h.env(),
        ),
    },
    {
      name: "unknown NIC for a failback IP",
      kind: "Invalid",
      call: () =>
        reprotectToOnPremises(
          h.db,
          { vaultId, itemId: "app-02", ...failback, legacy: { nicIps: [{ nic: "eth9", ip: "10.0.0.1" }] } },
          h.env(),
        ),
    },
    { name: "wrong state (commit a protected item)", kind: "NotAllowed", call: () => commit(h.db, { vaultId, itemId: "web-01" }, h.env()) },
    {
      name: "wrong state (reprotect before commit)",
      kind: "NotAllowed",
      call: () => reprotectToOnPremises(h.db, { vaultId, itemId: "app-01", ...failback }, h.env()),
    },
    { name: "unknown item", kind: "NotFound", call: () => commit(h.db, { vaultId, itemId: "no-such-item" }, h.env()) },
    { name: "item of another vault", kind: "NotFound", call: () => commit(h.db, { vaultId: "other-vault", itemId: "app-01" }, h.env()) },
    {
      name: "unknown custom recovery point",
      kind: "NotFound",
      call: () => failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "custom", recoveryPointId: "nope" }, h.env()),
    },
    {
      name: "unknown test network",
      kind: "NotFound",
      call: () => testFailover(h.db, { vaultId, itemId: "web-01", networkId: "vnet-nope" }, h.env()),
    },
    {
      name: "prerequisite refusal (snapshots)",
      kind: "NotAllowed",
      call: () => reprotectToOnPremises(h.db, { vaultId, itemId: "erp-app-01", ...failback }, h.env()),
    },
    {
      name: "enable replication of a protected machine",
      kind: "NotAllowed",
      call: () => enableReplication(h.db, replicationInput(["m-mail-01", "m-web-01"]), h.env()),
    },
    {
      name: "enable replication with the failback policy",
      kind: "Invalid",
      call: () => enableReplication(h.db, replicationInput(["m-mail-01"], { policyId: "policy-24h-failback" }), h.env()),
    },
    {
      name: "readiness check (never writes)",
      kind: "accepted",
      call: () => readinessCheck(h.db, { vaultId, itemId: "erp-app-01", ...failback }, h.env()),
    },
  ];
  it.each(CASES)("$name ⇒ $kind, database unchanged", ({ kind, call }) => {
    const before = snapshot(h.db);
    expect(kindOf(call)).toBe(kind);
    expect(snapshot(h.db)).toEqual(before);
  });
});

describe("one operation at a time", () => {
  it("two verbs on one item: exactly one is accepted, the other gets Conflict and changes nothing", () => {
    const h = harness();
    const first = commit(h.db, { vaultId, itemId: "app-01" }, h.env());
    const before = snapshot(h.db);
    let err: unknown;
    try {
      changeRecoveryPoint(h.db, { vaultId, itemId: "app-01", recoveryPoint: "latest" }, h.env());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe("Conflict");
    expect((err as DomainError).message).toBe("Another operation is in progress on app-01.");
    expect(snapshot(h.db)).toEqual(before);
    expect(h.item("app-01").currentJobId).toBe(first.jobId);
  });

  it("the guarded update refuses a stale read (expected state AND no current job in the WHERE)", () => {
    const h = harness();
    const stale = h.item("app-01");
    commit(h.db, { vaultId, itemId: "app-01" }, h.env());
    const before = snapshot(h.db);
    expect(() =>
      h.db.transaction((tx) =>
        startItemJob(tx, stale, "change-recovery-point", new Date(h.clock.now()), {
          type: "change-recovery-point",
          name: "x",
          steps: [],
          input: {},
        }),
      ),
    ).toThrow(/Another operation is in progress on app-01/);
    expect(snapshot(h.db)).toEqual(before);
  });

  it("a verb inside an outer transaction (router) rolls back with it", () => {
    const h = harness();
    const before = snapshot(h.db);
    expect(() =>
      h.db.transaction((tx) => {
        commit(tx, { vaultId, itemId: "app-01" }, h.env());
        throw new Error("audit failed");
      }),
    ).toThrow("audit failed");
    expect(snapshot(h.db)).toEqual(before);
  });
});

describe("a fault switched on after the request fails the job at its Prerequisites check", () => {
  it("reprotect: VPN goes down ⇒ failed at step 1, item restored and unlocked; restart after the fix succeeds", () => {
    const h = harness();
    const r = reprotectToOnPremises(h.db, { vaultId, itemId: "app-02", ...failback }, h.env());
    h.fault("vpn-down", "vnet-prod");
    const job = h.run(r.jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "FB-1001" });
    const step = h.steps(r.jobId).find((x) => x.status === "failed")!;
    expect(step.name).toBe("Prerequisites check");
    expect(h.item("app-02")).toMatchObject({
      state: "failover-committed",
      activeLocation: "azure",
      replicationDirection: "to-azure",
      currentJobId: null,
      processServerId: "ps-cs-01",
      policyId: "policy-24h",
    });

    clearFault(h.db, { vaultId, fault: "vpn-down", targetId: "vnet-prod" });
    h.touch();
    restartJob(h.db, { vaultId, jobId: r.jobId, now: new Date(h.clock.now()) });
    expect(h.item("app-02")).toMatchObject({ state: "reprotecting", currentJobId: r.jobId, processServerId: "ps-azure-prod" });
    expect(h.run(r.jobId).status).toBe("succeeded");
    expect(h.item("app-02")).toMatchObject({
      state: "protected",
      activeLocation: "azure",
      replicationDirection: "to-on-premises",
      currentJobId: null,
    });
  });

  it("cancelling a failover deletes the VM it created and restores the item", () => {
    const h = harness();
    const r = failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-processed" }, h.env());
    // Run until the replica VM exists, then cancel.
    for (let i = 0; i < 20 && !h.item("web-01").azureVmId; i++) {
      h.engine.tick();
      h.clock.advance(60_000);
    }
    const vm = h.item("web-01").azureVmId!;
    expect(vm).toBeTruthy();
    cancelJob(h.db, { vaultId, jobId: r.jobId, now: new Date(h.clock.now()) });
    expect(h.item("web-01")).toMatchObject({ state: "protected", activeLocation: "on-premises", currentJobId: null, azureVmId: null });
    expect(h.azureVm(vm).deleted).toBe(true);
  });

  it("failover with Latest refuses at the job when the process server lost its heartbeat (error 806)", () => {
    const h = harness();
    const r = failoverToAzure(h.db, { vaultId, itemId: "ps-lost-01", recoveryPoint: "latest" }, h.env());
    const job = h.run(r.jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "806" });
    expect(h.item("ps-lost-01")).toMatchObject({ state: "protected", currentJobId: null });
  });

  it("an app-consistent failover warns of data loss", () => {
    const h = harness();
    const r = failoverToAzure(h.db, { vaultId, itemId: "web-01", recoveryPoint: "latest-app-consistent" }, h.env());
    expect(r.warnings.join(" ")).toMatch(/lost/);
  });
});
