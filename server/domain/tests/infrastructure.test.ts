import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { harness, snapshot, vaultId } from "./harness";
import { DomainError } from "../errors";
import { deployProcessServer, type DeployProcessServerInput } from "../infrastructure/deploy-process-server";
import { addMasterTarget } from "../infrastructure/add-master-target";
import { addVCenter, refreshVCenter } from "../infrastructure/vcenter";
import { updateAccountCredentials } from "../infrastructure/accounts";
import { backupConfigurationServer } from "../infrastructure/backup-configuration-server";
import { createReplicationPolicy } from "../policy/create-replication-policy";
import { getConfigurationServer } from "../infrastructure/queries";
import { decryptSecret } from "@/server/lib/secrets";
import { inSubnet } from "../infrastructure/ip";
import { getReprotectOptions } from "../replicated-item/queries";

const ps: DeployProcessServerInput = {
  vaultId,
  configurationServerId: "cs-01",
  name: "ps-failback-02",
  subscriptionId: "sub-prod",
  networkId: "vnet-prod",
  subnetId: "snet-prod-default",
  ip: "10.10.1.60",
  userName: "psadmin",
  password: "A-long-password-1!",
  resourceGroupId: "rg-failback",
  storageAccountId: "sa-failback",
  networkInterfaceId: "nic-ps-failback-02",
};

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, fields: Object.keys(e.fieldErrors ?? {}) };
    throw e;
  }
  return null;
};

describe("deploy a failback process server in Azure", () => {
  it("Resource Manager: a job deploys it; it registers 10–15 simulated minutes later and is offered for failback", () => {
    const h = harness();
    const r = deployProcessServer(h.db, ps, h.env());
    if (!r.deployed) throw new Error("expected a deployment");
    const row = () => h.db.select().from(s.processServers).where(eq(s.processServers.id, r.processServerId)).get()!;
    expect(row().status).toBe("deploying");
    const start = h.clock.now();
    h.engine.tick();
    h.clock.advance(9 * 60_000);
    h.engine.tick();
    expect(row().status).not.toBe("registered");
    const job = h.run(r.jobId);
    expect(job.status).toBe("succeeded");
    const took = (job.endedAt!.getTime() - start) / 60_000;
    expect(took).toBeGreaterThanOrEqual(10);
    expect(took).toBeLessThanOrEqual(15);
    expect(row()).toMatchObject({ status: "registered", location: "azure", deploymentModel: "resource-manager" });
    expect(h.db.select().from(s.networkInterfaces).where(eq(s.networkInterfaces.id, "nic-ps-failback-02")).get()?.attachedTo).toBe(
      r.processServerId,
    );
    // Also not in job input: the admin password.
    expect(JSON.stringify(job.input)).not.toContain("A-long-password");
    // Shown under the configuration server's associated servers.
    expect(getConfigurationServer(h.db, vaultId, "cs-01", h.env()).processServers.map((p) => p.id)).toContain(r.processServerId);
    h.touch();
    expect(getReprotectOptions(h.db, vaultId, "app-02", h.env()).processServers.map((p) => p.id)).toContain(r.processServerId);
  });

  it("a classic network gets the Marketplace-image guidance and nothing is written", () => {
    const h = harness();
    const before = snapshot(h.db);
    const r = deployProcessServer(h.db, { ...ps, networkId: "vnet-classic", subnetId: "snet-classic-default", ip: "10.50.1.10" }, h.env());
    expect(r.deployed).toBe(false);
    if (!r.deployed) expect(r.guidance).toMatch(/Microsoft Azure Site Recovery Process Server V2/);
    expect(snapshot(h.db)).toEqual(before);
  });

  const BAD: { name: string; input: Partial<DeployProcessServerInput>; field: string }[] = [
    { name: "IP outside the subnet", input: { ip: "10.10.2.60" }, field: "ip" },
    { name: "IP reserved by Azure", input: { ip: "10.10.1.1" }, field: "ip" },
    { name: "IP already used (ps-azure-prod)", input: { ip: "10.10.1.50" }, field: "ip" },
    { name: "NIC already attached", input: { networkInterfaceId: "nic-ps-prod-01" }, field: "networkInterfaceId" },
    { name: "NIC in another subnet", input: { networkInterfaceId: "nic-ps-dev-01" }, field: "networkInterfaceId" },
    { name: "no resource group (Resource Manager)", input: { resourceGroupId: undefined }, field: "resourceGroupId" },
    { name: "subnet of another network", input: { subnetId: "snet-dev-default" }, field: "subnetId" },
    { name: "name taken", input: { name: "ps-azure-prod" }, field: "name" },
    { name: "short password", input: { password: "short" }, field: "password" },
  ];
  it.each(BAD)("refuses: $name (field $field), nothing written", ({ input, field }) => {
    const h = harness();
    const before = snapshot(h.db);
    expect(fieldOf(() => deployProcessServer(h.db, { ...ps, ...input }, h.env()))).toMatchObject({ kind: "Invalid", fields: [field] });
    expect(snapshot(h.db)).toEqual(before);
  });

  it("inSubnet", () => {
    expect(inSubnet("10.10.1.4", "10.10.1.0/24")).toBe(true);
    expect(inSubnet("10.10.1.255", "10.10.1.0/24")).toBe(false);
    expect(inSubnet("10.10.1.3", "10.10.1.0/24")).toBe(false);
  });
});

describe("other infrastructure verbs", () => {
  it("creating a replication policy creates its read-only failback policy (15 min, 24 h, 60 min) on the configuration server", () => {
    const h = harness();
    const r = createReplicationPolicy(
      h.db,
      {
        vaultId,
        configurationServerId: "cs-01",
        name: "4-hour",
        rpoThresholdMinutes: 30,
        retentionHours: 4,
        appConsistentFrequencyMinutes: 60,
      },
      h.env(),
    );
    const fb = h.db.select().from(s.replicationPolicies).where(eq(s.replicationPolicies.id, r.failbackPolicyId)).get()!;
    expect(fb).toMatchObject({
      direction: "failback",
      rpoThresholdMinutes: 15,
      retentionHours: 24,
      appConsistentFrequencyMinutes: 60,
      editable: false,
      pairedPolicyId: r.policyId,
      configurationServerId: "cs-01",
      name: "4-hour-failback",
    });
  });

  it("updating account credentials encrypts the password and never returns it", () => {
    const h = harness();
    const r = updateAccountCredentials(
      h.db,
      { vaultId, accountId: "acct-branch-readonly", password: "New-Secret-9", permission: "full" },
      h.env(),
    );
    expect(JSON.stringify(r)).not.toContain("New-Secret-9");
    const row = h.db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-branch-readonly")).get()!;
    expect(row.secretEnc).toMatch(/^v1\./);
    expect(decryptSecret(row.secretEnc!)).toBe("New-Secret-9");
    expect(JSON.stringify(getConfigurationServer(h.db, vaultId, "cs-01", h.env()))).not.toMatch(/v1\.|New-Secret/);
    // The read-only fix (check 5): file-br-01's datastores are now listed.
    expect(getReprotectOptions(h.db, vaultId, "file-br-01", h.env()).datastoresEmptyReason).toBeNull();
  });

  it("a read-only vCenter account empties the datastore list with the reason", () => {
    const h = harness();
    const o = getReprotectOptions(h.db, vaultId, "file-br-01", h.env());
    expect(o.datastores).toEqual([]);
    expect(o.datastoresEmptyReason).toMatch(/read-only/);
  });

  it("reprotect options: process servers of the VM's network, master targets of its OS, left-out retention volumes with reasons", () => {
    const h = harness();
    const o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    expect(o.processServers.map((p) => p.id)).toEqual(["ps-azure-prod"]);
    expect(o.masterTargets.map((m) => m.id).sort()).toEqual(["mt-cs-01", "mt-win-02"]);
    const win02 = o.masterTargets.find((m) => m.id === "mt-win-02")!;
    expect(win02.retentionVolumes).toEqual([]);
    expect(win02.retentionVolumesLeftOut).toHaveLength(5);
    expect(o.failbackPolicy).toMatchObject({ id: "policy-24h-failback", rpoThresholdMinutes: 15 });
    expect(getReprotectOptions(h.db, vaultId, "dev-web-01", h.env()).processServersEmptyReason).toMatch(/vnet-dev/);
    expect(getReprotectOptions(h.db, vaultId, "lnx-db-01", h.env()).masterTargets.every((m) => m.osType === "linux")).toBe(true);
  });

  it("add master target (Linux checklist), add and refresh vCenter, back up the configuration server", () => {
    const h = harness();
    const ok = {
      retentionVolume: { name: "/mnt/retention", fileSystem: "ext4", capacityGb: 500 },
      hostId: "esxi-02",
      datastoreId: "ds-prod-02",
      diskEnableUuid: true,
    };
    const full = {
      centos66Minimal: true,
      staticIp: true,
      noLvm: true,
      partitions: true,
      packages: true,
      xfsReiserfsPackages: false,
      multipath: true,
      applyCustomChanges: true,
    };
    expect(
      fieldOf(() =>
        addMasterTarget(
          h.db,
          { vaultId, configurationServerId: "cs-01", name: "mt-lnx-03", osType: "linux", osName: "CentOS 7", ...ok, linuxChecklist: full },
          h.env(),
        ),
      ),
    ).toMatchObject({ fields: ["osName"] });
    expect(
      fieldOf(() =>
        addMasterTarget(
          h.db,
          {
            vaultId,
            configurationServerId: "cs-01",
            name: "mt-lnx-03",
            osType: "linux",
            osName: "CentOS 6.6",
            ...ok,
            linuxChecklist: { ...full, noLvm: false },
          },
          h.env(),
        ),
      ),
    ).toMatchObject({ fields: ["linuxChecklist"] });
    const mt = addMasterTarget(
      h.db,
      { vaultId, configurationServerId: "cs-01", name: "mt-lnx-03", osType: "linux", osName: "CentOS 6.6", ...ok, linuxChecklist: full },
      h.env(),
    );
    expect(mt.warnings.join(" ")).toMatch(/ReiserFS\/XFS/);

    const vc = addVCenter(
      h.db,
      {
        vaultId,
        configurationServerId: "cs-01",
        name: "vcenter-dr",
        ip: "10.2.0.20",
        newAccount: { friendlyName: "dr-admin", userName: "dr\\admin", password: "pw-1234" },
      },
      h.env(),
    );
    expect(h.run(vc.jobId).status).toBe("succeeded");
    expect(h.db.select().from(s.vcenters).where(eq(s.vcenters.id, vc.vcenterId)).get()?.discoveredAt).toBeTruthy();
    expect(h.run(refreshVCenter(h.db, { vaultId, vcenterId: "vcenter-branch" }, h.env()).jobId).status).toBe("succeeded");

    const b = backupConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env());
    expect(b.lastBackupAt.getTime()).toBe(h.clock.now());
  });
});
