import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback as win, harness, refusal, snapshot, vaultId } from "./harness";
import { readinessCheck, type ReadinessInput } from "../replicated-item/readiness";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { unplannedFailoverToOnPremises } from "../replicated-item/unplanned-failover-to-on-premises";
import { partitionRetentionVolumes } from "../checks/check-03-retention-volume";
import { buildCheckWorld } from "../checks/world";
import { check01ProcessServer } from "../checks/check-01-process-server";
import { fabricFor } from "@/server/fabric";
import type { FaultKey } from "@/db/schema";

const lnx = {
  processServerId: "ps-azure-prod",
  masterTargetId: "mt-lnx-01",
  accountId: "acct-vcenter-admin",
  datastoreId: "ds-prod-02",
  retentionVolumeId: "rv-lnx-01",
};

type Case = {
  name: string;
  item: string;
  input?: Partial<ReadinessInput>;
  faults?: [FaultKey, string?][];
  check: number;
  code: string;
};

const FAILING: Case[] = [
  { name: "1: no process server in the VM's network (dev-web-01 in vnet-dev)", item: "dev-web-01", input: win, check: 1, code: "FB-0102" },
  {
    name: "1: on-premises process server over VPN",
    item: "app-02",
    input: { ...win, processServerId: "ps-cs-01" },
    check: 1,
    code: "FB-0105",
  },
  {
    name: "1: heartbeat lost (Lab)",
    item: "app-02",
    input: win,
    faults: [["process-server-heartbeat-lost", "ps-azure-prod"]],
    check: 1,
    code: "806",
  },
  {
    name: "1: cannot reach the configuration server (Lab)",
    item: "app-02",
    input: win,
    faults: [["process-server-cannot-reach-cs"]],
    check: 1,
    code: "95226",
  },
  {
    name: "2: OS mismatch",
    item: "app-02",
    input: { ...win, masterTargetId: "mt-lnx-01", retentionVolumeId: "rv-lnx-01" },
    check: 2,
    code: "FB-0202",
  },
  {
    name: "2: disk.EnableUUID false (mt-lnx-02)",
    item: "lnx-db-01",
    input: { ...lnx, masterTargetId: "mt-lnx-02", retentionVolumeId: "rv-lnx-02" },
    check: 2,
    code: "FB-0203",
  },
  {
    name: "2: storage-vMotioned (Lab)",
    item: "app-02",
    input: win,
    faults: [["mt-storage-vmotioned", "mt-cs-01"]],
    check: 2,
    code: "8038",
  },
  { name: "2: disk.EnableUUID (Lab)", item: "app-02", input: win, faults: [["mt-disk-enableuuid-false"]], check: 2, code: "FB-0203" },
  {
    name: "2: XFS root without packages (Lab)",
    item: "lnx-db-01",
    input: lnx,
    faults: [["mt-missing-xfs-reiserfs-packages", "mt-lnx-01"]],
    check: 2,
    code: "FB-0205",
  },
  {
    name: "3: no eligible retention volume (mt-win-02)",
    item: "app-02",
    input: { ...win, masterTargetId: "mt-win-02", retentionVolumeId: undefined },
    check: 3,
    code: "FB-0301",
  },
  {
    name: "4: datastore lacks free space (big-fs-01, alternate)",
    item: "big-fs-01",
    input: { ...win, location: "alternate" },
    check: 4,
    code: "FB-0402",
  },
  {
    name: "4: datastore unreachable from the MT host (Lab)",
    item: "app-02",
    input: win,
    faults: [["datastore-unreachable-from-mt-host"]],
    check: 4,
    code: "8061",
  },
  {
    name: "4: original VM deleted, original requested (app-03)",
    item: "app-03",
    input: { ...win, location: "original" },
    check: 4,
    code: "FB-0405",
  },
  { name: "5: read-only vCenter account (file-br-01)", item: "file-br-01", input: win, check: 5, code: "FB-0501" },
  {
    name: "5: read-only (Lab)",
    item: "app-02",
    input: win,
    faults: [["vcenter-account-read-only", "vcenter-01"]],
    check: 5,
    code: "FB-0501",
  },
  { name: "6: snapshots (erp-app-01)", item: "erp-app-01", input: win, check: 6, code: "78052" },
  { name: "6: snapshots (Lab)", item: "app-02", input: win, faults: [["vm-has-snapshots", "m-app-02"]], check: 6, code: "78052" },
  { name: "7: free ESXi license (kiosk-01)", item: "kiosk-01", input: win, check: 7, code: "FB-0701" },
  { name: "7: free ESXi license (Lab)", item: "app-02", input: win, faults: [["free-esxi-license", "esxi-01"]], check: 7, code: "FB-0701" },
  { name: "8: missing from the CS database (legacy-app-01)", item: "legacy-app-01", input: win, check: 8, code: "FB-0801" },
  {
    name: "8: missing from the CS database (Lab)",
    item: "app-02",
    input: win,
    faults: [["vm-missing-from-cs-database"]],
    check: 8,
    code: "FB-0801",
  },
  { name: "9: physical Windows Server 2008 R2 SP1", item: "phys-2008-01", input: win, check: 9, code: "FB-0901" },
  { name: "10: no VPN (test-web-01 in vnet-isolated)", item: "test-web-01", input: win, check: 10, code: "FB-1001" },
  { name: "10: VPN down (Lab)", item: "app-02", input: win, faults: [["vpn-down"]], check: 10, code: "FB-1001" },
  { name: "11: replication group outside a recovery plan", item: "sql-cl-01", input: win, check: 11, code: "FB-1101" },
  {
    name: "13: master target cloned from the VM's template (Lab)",
    item: "app-02",
    input: win,
    faults: [["mt-cloned-from-vm-template", "mt-cs-01"]],
    check: 13,
    code: "FB-1301",
  },
  {
    name: "14: vCenter disconnected (Lab)",
    item: "app-02",
    input: win,
    faults: [["vcenter-disconnected", "vcenter-01"]],
    check: 14,
    code: "FB-1401",
  },
  {
    name: "15: retained IPs without a failback NIC (Lab)",
    item: "app-02",
    input: win,
    faults: [["retained-ip-without-failback-nic", "m-app-02"]],
    check: 15,
    code: "FB-1501",
  },
];

const PASSING: { name: string; item: string; input: Partial<ReadinessInput> }[] = [
  { name: "Windows VM to its original VM", item: "app-02", input: win },
  { name: "deleted VM to the alternate location", item: "app-03", input: win },
  { name: "Linux XFS VM through the Linux MT", item: "lnx-db-01", input: lnx },
  { name: "big disks on a large datastore", item: "big-fs-01", input: { ...win, datastoreId: "ds-prod-02", location: "alternate" } },
  {
    name: "snapshots don't matter at the alternate location",
    item: "erp-app-01",
    input: { ...win, datastoreId: "ds-prod-02", location: "alternate" },
  },
  { name: "physical server to a new VM", item: "phys-win-01", input: win },
  { name: "replication group through a plan with one MT", item: "sql-cl-01", input: { ...win, viaRecoveryPlan: true } },
];

describe("the 15 prerequisite checks", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it.each(FAILING)("check $check fails: $name", ({ item, input, faults, check, code }) => {
    for (const [f, t] of faults ?? []) h.fault(f, t);
    const report = readinessCheck(h.db, { vaultId, itemId: item, ...input }, h.env());
    const c = report.checks.find((x) => x.number === check)!;
    expect(c.passed).toBe(false);
    expect(c.error).toMatchObject({ code });
    expect(c.error!.message.length).toBeGreaterThan(10);
    expect(c.error!.recommendedAction.length).toBeGreaterThan(10);
    expect(report.ready).toBe(false);
  });

  const volumeOf = (masterTargetId = win.masterTargetId) =>
    h.db.select().from(s.retentionVolumes).where(eq(s.retentionVolumes.masterTargetId, masterTargetId)).all()[0]!.id;

  it.each(FAILING)("the reprotect verb refuses with check $check's code: $name", ({ item, input, faults, check, code }) => {
    for (const [f, t] of faults ?? []) h.fault(f, t);
    const before = snapshot(h.db);
    const err = refusal(() =>
      reprotectToOnPremises(
        h.db,
        // The verb needs a retention drive: where none is eligible, it is given one of the master target's that is not.
        { vaultId, itemId: item, ...win, ...input, retentionVolumeId: input?.retentionVolumeId ?? volumeOf(input?.masterTargetId) },
        h.env(),
      ),
    );
    expect(err).toMatchObject({ kind: "NotAllowed", code });
    // The code is the expected check's own: the readiness check reports it under that number.
    const report = readinessCheck(h.db, { vaultId, itemId: item, ...input }, h.env());
    expect(report.checks.find((c) => c.number === check)?.error?.code).toBe(code);
    expect(snapshot(h.db)).toEqual(before);
  });

  it.each(PASSING)("all checks pass: $name", ({ item, input }) => {
    const report = readinessCheck(h.db, { vaultId, itemId: item, ...input }, h.env());
    expect(report.checks.filter((c) => !c.passed && !c.advisory)).toEqual([]);
    expect(report.ready).toBe(true);
  });

  it("check 1 refuses when no process server is chosen", () => {
    const item = h.item("app-02");
    const w = buildCheckWorld(h.db, fabricFor(h.db, vaultId, new Date(h.clock.now())), item, { ...win, processServerId: null });
    expect(check01ProcessServer(w, { ...win, processServerId: null })).toMatchObject({ code: "FB-0101" });
  });

  it("check 1 error advises telnet to the configuration server on 443 and ping", () => {
    h.fault("process-server-cannot-reach-cs");
    const c = readinessCheck(h.db, { vaultId, itemId: "app-02", ...win }, h.env()).checks[0]!;
    expect(c.error!.recommendedAction).toMatch(/telnet 10\.0\.0\.10 443/);
    expect(c.error!.recommendedAction).toMatch(/ping 10\.0\.0\.10/);
  });

  it("check 3 lists the five reasons of the left-out volumes", () => {
    const report = readinessCheck(h.db, { vaultId, itemId: "app-02", ...win, masterTargetId: "mt-win-02" }, h.env());
    const causes = report.checks.find((c) => c.number === 3)!.error!.possibleCauses;
    for (const re of [/D:.*something else/, /F:.*locked/, /G:.*cache/, /H:.*FAT32/, /I:.*zero/]) expect(causes).toMatch(re);
  });

  it("check 11 refuses a plan member whose group already replicates to on-premises through another master target", () => {
    const report = readinessCheck(h.db, { vaultId, itemId: "sql-cl-01", ...win, viaRecoveryPlan: true }, h.env());
    expect(report.ready).toBe(true);
    // A master target left on sql-cl-02 by an earlier round trip (it is back at stage 3) is not in use: no refusal.
    h.db.$client.prepare("update replicated_items set master_target_id='mt-win-02' where id='sql-cl-02'").run();
    const stale = readinessCheck(h.db, { vaultId, itemId: "sql-cl-01", ...win, viaRecoveryPlan: true }, h.env());
    expect(stale.checks.find((c) => c.number === 11)).toMatchObject({ passed: true, error: null });
    // sql-cl-02 replicating to on-premises through mt-win-02 is: the group would use two master targets.
    h.db.$client
      .prepare(
        "update replicated_items set state='protected', active_location='azure', replication_direction='to-on-premises' where id='sql-cl-02'",
      )
      .run();
    const again = readinessCheck(h.db, { vaultId, itemId: "sql-cl-01", ...win, viaRecoveryPlan: true }, h.env());
    expect(again.checks.find((c) => c.number === 11)!.error).toMatchObject({ code: "FB-1102" });
  });

  it("check 12 is advisory: Linux Network Manager and static IPs; a per-NIC failback IP removes the IP note", () => {
    const report = readinessCheck(h.db, { vaultId, itemId: "lnx-db-01", ...lnx }, h.env());
    const c12 = report.checks.find((c) => c.number === 12)!;
    expect(c12).toMatchObject({ passed: false, advisory: true });
    expect(c12.error!.possibleCauses).toMatch(/Network Manager/);
    expect(c12.error!.possibleCauses).toMatch(/10\.0\.1\.52/);
    expect(report.ready).toBe(true);
    const withIp = readinessCheck(
      h.db,
      { vaultId, itemId: "app-02", ...win, nicIps: [{ nic: "Network adapter 1", ip: "10.0.1.32" }] },
      h.env(),
    );
    expect(withIp.checks.find((c) => c.number === 12)!.passed).toBe(true);
  });

  it("partitions retention volumes by the five criteria", () => {
    const vol = (o: object) => ({
      id: "v",
      masterTargetId: "m",
      name: "X:",
      fileSystem: "NTFS",
      capacityGb: 10,
      freeGb: 5,
      usage: "none" as const,
      locked: false,
      ...o,
    });
    const r = partitionRetentionVolumes([
      vol({}),
      vol({ usage: "replication-target" }),
      vol({ locked: true }),
      vol({ usage: "cache" }),
      vol({ fileSystem: "FAT" }),
      vol({ capacityGb: 0 }),
    ]);
    expect(r.eligible).toHaveLength(1);
    expect(r.excluded).toHaveLength(5);
  });
});

/**
 * The codes no seeded item or Lab switch produces: each is set up by changing the one fact it is
 * about, then both the readiness check (under its check's number) and the reprotect verb report it.
 */
describe("the refusals set up by hand, and the ExpressRoute path that is allowed", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  const azureVmOf = (itemId: string) => h.item(itemId).azureVmId!;
  /** The item's Azure VM runs in vnet-er, connected to on-premises by ExpressRoute (with public peering in the seed). */
  const inExpressRouteNetwork = (itemId: string) => {
    h.db.update(s.replicatedItems).set({ targetNetworkId: "vnet-er" }).where(eq(s.replicatedItems.id, itemId)).run();
    h.db
      .update(s.azureVms)
      .set({ networkId: "vnet-er", subnetId: null })
      .where(eq(s.azureVms.id, azureVmOf(itemId)))
      .run();
  };

  const CASES: { name: string; item: string; input: Partial<ReadinessInput>; arrange: () => void; check: number; code: string }[] = [
    {
      name: "1: the Azure process server uses the other deployment model (classic) than the VM's network",
      item: "app-02",
      input: win,
      arrange: () =>
        h.db.update(s.processServers).set({ deploymentModel: "classic" }).where(eq(s.processServers.id, "ps-azure-prod")).run(),
      check: 1,
      code: "FB-0103",
    },
    {
      name: "1: the process server is not registered with the configuration server yet",
      item: "app-02",
      input: win,
      arrange: () => h.db.update(s.processServers).set({ status: "registering" }).where(eq(s.processServers.id, "ps-azure-prod")).run(),
      check: 1,
      code: "FB-0104",
    },
    {
      name: "2: the master target has not sent a heartbeat for hours",
      item: "app-02",
      input: win,
      arrange: () =>
        h.db
          .update(s.masterTargets)
          .set({ lastHeartbeatAt: new Date(h.clock.now() - 6 * 60 * 60_000) })
          .where(eq(s.masterTargets.id, "mt-cs-01"))
          .run(),
      check: 2,
      code: "FB-0206",
    },
    {
      name: "2: the Linux master target uses LVM",
      item: "lnx-db-01",
      input: lnx,
      arrange: () => {
        const mt = h.db.select().from(s.masterTargets).where(eq(s.masterTargets.id, "mt-lnx-01")).get()!;
        h.db
          .update(s.masterTargets)
          .set({ linuxChecklist: { ...mt.linuxChecklist!, noLvm: false } })
          .where(eq(s.masterTargets.id, "mt-lnx-01"))
          .run();
      },
      check: 2,
      code: "FB-0207",
    },
    {
      name: "10: ExpressRoute without public peering",
      item: "app-02",
      input: { ...win, processServerId: "ps-cs-01" },
      arrange: () => {
        inExpressRouteNetwork("app-02");
        h.db.update(s.azureNetworks).set({ expressRoutePublicPeering: false }).where(eq(s.azureNetworks.id, "vnet-er")).run();
      },
      check: 10,
      code: "FB-1002",
    },
    {
      name: "10: the Azure VM is not running (reprotect installs the mobility service on it)",
      item: "app-02",
      input: win,
      arrange: () =>
        h.db
          .update(s.azureVms)
          .set({ powerState: "stopped" })
          .where(eq(s.azureVms.id, azureVmOf("app-02")))
          .run(),
      check: 10,
      code: "78093",
    },
  ];

  it.each(CASES)("check $check refuses with $code: $name", ({ item, input, arrange, check, code }) => {
    arrange();
    const report = readinessCheck(h.db, { vaultId, itemId: item, ...input }, h.env());
    const c = report.checks.find((x) => x.number === check)!;
    expect(c).toMatchObject({ passed: false, error: { code } });
    expect(c.error!.recommendedAction.length).toBeGreaterThan(10);
    expect(report.ready).toBe(false);
    const before = snapshot(h.db);
    const err = refusal(() => reprotectToOnPremises(h.db, { vaultId, itemId: item, ...win, ...input }, h.env()));
    expect(err).toMatchObject({ kind: "NotAllowed", code });
    expect(snapshot(h.db)).toEqual(before);
  });

  it("ExpressRoute with public peering: the on-premises process server serves the failback, and the re-protect runs", () => {
    inExpressRouteNetwork("app-02");
    const input = { ...win, processServerId: "ps-cs-01" };
    const report = readinessCheck(h.db, { vaultId, itemId: "app-02", ...input }, h.env());
    expect(report.checks.filter((c) => [1, 10].includes(c.number)).map((c) => c.passed)).toEqual([true, true]);
    expect(report.ready).toBe(true);
    h.touch();
    const r = reprotectToOnPremises(h.db, { vaultId, itemId: "app-02", ...input }, h.env());
    expect(h.run(r.jobId).status).toBe("succeeded");
    expect(h.item("app-02")).toMatchObject({ state: "protected", replicationDirection: "to-on-premises", processServerId: "ps-cs-01" });
  });

  it("the failback failover does not need the Azure VM running (it shuts it down): 78093 is a re-protect refusal only", () => {
    h.db
      .update(s.azureVms)
      .set({ powerState: "stopped" })
      .where(eq(s.azureVms.id, azureVmOf("crm-01")))
      .run();
    h.touch();
    const r = unplannedFailoverToOnPremises(h.db, { vaultId, itemId: "crm-01", recoveryPoint: "latest" }, h.env());
    expect(h.run(r.jobId).status).toBe("succeeded");
  });
});
