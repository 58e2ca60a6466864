import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { failback, harness, refusal, snapshot, vaultId } from "./harness";
import { seedVault } from "@/db/seed";
import { CODES } from "../checks/codes";
import { DomainError } from "../errors";
import { addClassicProcessServer, deployProcessServer, type DeployProcessServerInput } from "../infrastructure/deploy-process-server";
import { addMasterTarget } from "../infrastructure/add-master-target";
import { addVCenter, refreshConfigurationServer, refreshVCenter } from "../infrastructure/vcenter";
import { addAccount, updateAccountCredentials } from "../infrastructure/accounts";
import { backupConfigurationServer } from "../infrastructure/backup-configuration-server";
import { createReplicationPolicy } from "../policy/create-replication-policy";
import { getConfigurationServer, getVCenter } from "../infrastructure/queries";
import { decryptSecret } from "@/server/lib/secrets";
import { inSubnet } from "../infrastructure/ip";
import { getReprotectOptions } from "../replicated-item/queries";
import { reprotectToOnPremises } from "../replicated-item/reprotect-to-on-premises";
import { clearFault, setFault } from "../lab/faults";
import { registerProcessServer, type RegisterProcessServerInput } from "../infrastructure/register-process-server";
import { restartJob } from "@/server/jobs/operations";
import { deleteServer, freeSpaceLevel, getMasterTarget, getProcessServer, usageLevel } from "../infrastructure/servers";

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

/** Re-protect of app-02 (committed in Azure, vnet-prod) with the seeded failback choices. */
const app02Failback = { vaultId, itemId: "app-02", ...failback };

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
  it("Resource Manager: a job deploys it in about 10 simulated minutes; it is then deployed, not registered, and serves nothing", () => {
    const h = harness();
    const r = deployProcessServer(h.db, ps, h.env());
    if (!r.deployed) throw new Error("expected a deployment");
    const row = () => h.db.select().from(s.processServers).where(eq(s.processServers.id, r.processServerId)).get()!;
    expect(row().status).toBe("deploying");
    const start = h.clock.now();
    const job = h.run(r.jobId);
    expect(job.status).toBe("succeeded");
    const took = (job.endedAt!.getTime() - start) / 60_000;
    expect(took).toBeGreaterThanOrEqual(9);
    expect(took).toBeLessThanOrEqual(12);
    expect(row()).toMatchObject({ status: "deployed", location: "azure", deploymentModel: "resource-manager", passphraseEnc: null });
    expect(h.db.select().from(s.networkInterfaces).where(eq(s.networkInterfaces.id, "nic-ps-failback-02")).get()?.attachedTo).toBe(
      r.processServerId,
    );
    // Also not in job input: the admin password.
    expect(JSON.stringify(job.input)).not.toContain("A-long-password");
    // Shown under the configuration server's associated servers, with Register offered on its page.
    expect(getConfigurationServer(h.db, vaultId, "cs-01", h.env()).processServers.map((p) => p.id)).toContain(r.processServerId);
    expect(getProcessServer(h.db, vaultId, r.processServerId, h.env()).registerBlockedReason).toBeNull();
    // Not offered for failback, with the reason; re-protect with it is refused (FB-0104) and names its page.
    h.touch();
    const option = getReprotectOptions(h.db, vaultId, "app-02", h.env()).processServers.find((p) => p.id === r.processServerId);
    expect(option?.disabledReason).toMatch(/Not registered: Register it on its page/);
    const before = snapshot(h.db);
    const e = refusal(() => reprotectToOnPremises(h.db, { ...app02Failback, processServerId: r.processServerId }, h.env()));
    expect(e).toMatchObject({ kind: "NotAllowed", code: CODES.psNotRegistered });
    expect(e.message).toMatch(
      /ps-failback-02 is not registered with the configuration server cs-01: it was deployed but not registered yet/,
    );
    expect(e.recommendedAction).toContain("Configuration Servers > cs-01 > Process servers > ps-failback-02 > Register");
    expect(snapshot(h.db)).toEqual(before);
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
  it("refuses a storage account or network interface that is not the vault's, exactly as an unknown one", () => {
    const h = harness();
    seedVault(h.db, { id: "vault-other", idPrefix: "o-" });
    const before = snapshot(h.db);
    for (const input of [
      { storageAccountId: "o-sa-failback" },
      { storageAccountId: "sa-unknown" },
      { networkInterfaceId: "o-nic-ps-failback-02" },
      { networkInterfaceId: "nic-unknown" },
    ]) {
      const refused = refusal(() => deployProcessServer(h.db, { ...ps, ...input }, h.env()));
      const id = Object.values(input)[0]!;
      expect(refused).toMatchObject({ kind: "NotFound", code: CODES.notFound });
      expect(refused.message).toMatch(new RegExp(`^(Storage account|Network interface) '${id}' was not found\\.$`));
    }
    expect(snapshot(h.db)).toEqual(before);
  });

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

describe("register a process server with the configuration server (its second job)", () => {
  const PASSPHRASE = "Contoso-Demo-Passphrase-01";
  /** A failback process server deployed in vnet-prod, not registered yet. */
  function deployed() {
    const h = harness();
    const r = deployProcessServer(h.db, ps, h.env());
    if (!r.deployed) throw new Error("expected a deployment");
    expect(h.run(r.jobId).status).toBe("succeeded");
    const row = () => h.db.select().from(s.processServers).where(eq(s.processServers.id, r.processServerId)).get()!;
    const register = (extra: Partial<RegisterProcessServerInput> = {}) =>
      registerProcessServer(
        h.db,
        { vaultId, processServerId: r.processServerId, configurationServerIp: "10.0.0.10", passphrase: PASSPHRASE, ...extra },
        h.env(),
      );
    return { h, psId: r.processServerId, row, register };
  }

  it("the right passphrase: registered with its ports, the passphrase stored encrypted only; then it serves failback", () => {
    const { h, psId, row, register } = deployed();
    const { jobId } = register({ dataPort: 9444 });
    expect(row()).toMatchObject({ status: "registering" });
    expect(getProcessServer(h.db, vaultId, psId, h.env()).registerBlockedReason).toMatch(/in progress/);
    const job = h.run(jobId);
    expect(job).toMatchObject({ status: "succeeded", type: "register-process-server", targetId: psId });
    expect(h.steps(jobId).map((x) => x.key)).toEqual(["connect", "authenticate", "register"]);
    expect(row()).toMatchObject({ status: "registered", httpsPort: 443, dataPort: 9444, health: "healthy" });
    expect(row().registeredAt).not.toBeNull();
    expect(row().passphraseEnc).toMatch(/^v2\./);
    expect(decryptSecret(row().passphraseEnc!)).toBe(PASSPHRASE);
    expect(JSON.stringify(job)).not.toContain(PASSPHRASE);
    expect(JSON.stringify(getProcessServer(h.db, vaultId, psId, h.env()))).not.toMatch(/v1\.|Contoso-Demo-Passphrase/);
    h.touch();
    const option = getReprotectOptions(h.db, vaultId, "app-02", h.env()).processServers.find((p) => p.id === psId);
    expect(option?.disabledReason).toBeUndefined();
    const reprotect = reprotectToOnPremises(h.db, { ...app02Failback, processServerId: psId }, h.env());
    expect(h.run(reprotect.jobId).status).toBe("succeeded");
    // Registered once: Register is refused from then on.
    expect(refusal(() => register())).toMatchObject({ kind: "NotAllowed", code: CODES.psRegistrationNotAllowed });
  });

  it("a wrong passphrase fails the job at Validate the passphrase with the reason and the fix; the server stays not registered", () => {
    const { h, psId, row, register } = deployed();
    const { jobId } = register({ passphrase: "Not-The-Passphrase" });
    const job = h.run(jobId);
    expect(job.status).toBe("failed");
    expect(h.steps(jobId).find((x) => x.status === "failed")?.key).toBe("authenticate");
    expect(job.error).toMatchObject({ code: CODES.psPassphraseRejected });
    expect(job.error?.message).toMatch(/cs-01 rejected the passphrase of the process server ps-failback-02/);
    expect(job.error?.recommendedAction).toMatch(
      /genpassphrase\.exe -v.*Configuration Servers > cs-01 > Process servers > ps-failback-02 > Register/,
    );
    // Not registered, the wrong passphrase not kept; Register is offered again (a restart is refused: the passphrase was discarded).
    expect(row()).toMatchObject({ status: "deployed", passphraseEnc: null });
    expect(getProcessServer(h.db, vaultId, psId, h.env())).toMatchObject({
      registerBlockedReason: null,
      lastRegistration: { jobId, status: "failed", error: { code: CODES.psPassphraseRejected } },
    });
    expect(refusal(() => restartJob(h.db, { vaultId, jobId }))).toMatchObject({ code: CODES.jobNotRestartable });
    // Still refused for failback.
    h.touch();
    expect(refusal(() => reprotectToOnPremises(h.db, { ...app02Failback, processServerId: psId }, h.env())).code).toBe(
      CODES.psNotRegistered,
    );
    // The right one then registers it.
    expect(h.run(register().jobId).status).toBe("succeeded");
    expect(row().status).toBe("registered");
  });

  it("a port the configuration server does not listen on fails the job at Connect (95226, telnet advice)", () => {
    const { h, row, register } = deployed();
    const job = h.run(register({ httpsPort: 8443 }).jobId);
    expect(job.error).toMatchObject({ code: CODES.psCannotReachCs });
    expect(job.error?.recommendedAction).toContain("telnet 10.0.0.10 8443");
    expect(row().status).toBe("deployed");
  });

  it("a classic network: the VM created from the Marketplace image is added by hand, not registered, and registered the same way", () => {
    const h = harness();
    const classic = {
      vaultId,
      configurationServerId: "cs-01",
      subscriptionId: "sub-prod",
      networkId: "vnet-classic",
      subnetId: "snet-classic-default",
    };
    // A Resource Manager network is deployed by the portal, an address outside the subnet is refused: field errors, nothing written.
    const before = snapshot(h.db);
    expect(
      fieldOf(() =>
        addClassicProcessServer(
          h.db,
          { ...classic, networkId: "vnet-prod", subnetId: "snet-prod-default", name: "ps-c", ip: "10.10.1.61" },
          h.env(),
        ),
      ),
    ).toMatchObject({ kind: "Invalid", fields: ["networkId"] });
    expect(fieldOf(() => addClassicProcessServer(h.db, { ...classic, name: "ps-c", ip: "10.10.1.61" }, h.env()))).toMatchObject({
      kind: "Invalid",
      fields: ["ip"],
    });
    expect(snapshot(h.db)).toEqual(before);
    const { processServerId } = addClassicProcessServer(h.db, { ...classic, name: "ps-classic-01", ip: "10.50.1.10" }, h.env());
    const row = () => h.db.select().from(s.processServers).where(eq(s.processServers.id, processServerId)).get()!;
    expect(row()).toMatchObject({ status: "deployed", deploymentModel: "classic", location: "azure", networkId: "vnet-classic" });
    expect(getProcessServer(h.db, vaultId, processServerId, h.env()).registerBlockedReason).toBeNull();
    const wrong = h.run(
      registerProcessServer(h.db, { vaultId, processServerId, configurationServerIp: "10.0.0.10", passphrase: "wrong" }, h.env()).jobId,
    );
    expect(wrong.error).toMatchObject({ code: CODES.psPassphraseRejected });
    const right = registerProcessServer(
      h.db,
      { vaultId, processServerId, configurationServerIp: "10.0.0.10", passphrase: PASSPHRASE },
      h.env(),
    );
    expect(h.run(right.jobId).status).toBe("succeeded");
    expect(row().status).toBe("registered");
  });

  const BAD: { name: string; input: Partial<RegisterProcessServerInput>; field: string }[] = [
    { name: "IP not an IPv4 address", input: { configurationServerIp: "10.0.0" }, field: "configurationServerIp" },
    { name: "IP missing", input: { configurationServerIp: "" }, field: "configurationServerIp" },
    { name: "IP of another server", input: { configurationServerIp: "10.0.0.11" }, field: "configurationServerIp" },
    { name: "passphrase missing", input: { passphrase: "" }, field: "passphrase" },
    { name: "port 0", input: { httpsPort: 0 }, field: "httpsPort" },
    { name: "data port above 65535", input: { dataPort: 70000 }, field: "dataPort" },
    { name: "data port = port", input: { dataPort: 443 }, field: "dataPort" },
  ];
  it.each(BAD)("refuses: $name (field $field), nothing written", ({ input, field }) => {
    const { h, register } = deployed();
    const before = snapshot(h.db);
    expect(fieldOf(() => register(input))).toMatchObject({ kind: "Invalid", fields: [field] });
    expect(snapshot(h.db)).toEqual(before);
  });

  it("refused while it is being deployed or registered, and for a registered server", () => {
    const h = harness();
    const r = deployProcessServer(h.db, ps, h.env());
    if (!r.deployed) throw new Error("expected a deployment");
    const input = { vaultId, processServerId: r.processServerId, configurationServerIp: "10.0.0.10", passphrase: PASSPHRASE };
    expect(refusal(() => registerProcessServer(h.db, input, h.env()))).toMatchObject({
      kind: "NotAllowed",
      code: CODES.psRegistrationNotAllowed,
    });
    h.run(r.jobId);
    registerProcessServer(h.db, input, h.env());
    expect(refusal(() => registerProcessServer(h.db, input, h.env()))).toMatchObject({ kind: "Conflict", code: CODES.operationInProgress });
    expect(refusal(() => registerProcessServer(h.db, { ...input, processServerId: "ps-azure-prod" }, h.env())).message).toMatch(
      /already registered/,
    );
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
      name: "4-hour-failback",
    });
    const associated = h.db
      .select()
      .from(s.policyConfigurationServers)
      .where(eq(s.policyConfigurationServers.policyId, r.failbackPolicyId))
      .all();
    expect(associated.map((a) => a.configurationServerId)).toEqual(["cs-01"]);
  });

  it("updating account credentials signs in on the servers using the account, encrypts the password and never returns it", () => {
    const h = harness();
    // Wrong password for the full-permission user: a field error, nothing saved.
    const before = h.db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-branch-readonly")).get()!;
    expect(
      fieldOf(() =>
        updateAccountCredentials(
          h.db,
          { vaultId, accountId: "acct-branch-readonly", userName: "CONTOSO\\svc-asr-vcenter", password: "wrong" },
          h.env(),
        ),
      ),
    ).toEqual({ kind: "Invalid", fields: ["password"] });
    expect(h.db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-branch-readonly")).get()).toEqual(before);
    // The read-only user's own password again: accepted, still read-only.
    const same = updateAccountCredentials(
      h.db,
      { vaultId, accountId: "acct-branch-readonly", userName: "CONTOSO\\svc-asr-branch", password: "Demo-Branch-RO-1!" },
      h.env(),
    );
    expect(same.permission).toBe("read-only");
    const r = updateAccountCredentials(
      h.db,
      { vaultId, accountId: "acct-branch-readonly", userName: "CONTOSO\\svc-asr-vcenter", password: "Demo-vCenter-Admin-1!" },
      h.env(),
    );
    expect(r.permission).toBe("full");
    expect(JSON.stringify(r)).not.toContain("Demo-vCenter-Admin-1!");
    const row = h.db.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, "acct-branch-readonly")).get()!;
    expect(row.secretEnc).toMatch(/^v2\./);
    expect(decryptSecret(row.secretEnc!)).toBe("Demo-vCenter-Admin-1!");
    expect(JSON.stringify(getConfigurationServer(h.db, vaultId, "cs-01", h.env()))).not.toMatch(/v1\.|Demo-vCenter-Admin/);
    // The read-only fix (check 5): file-br-01's datastores are now listed, and re-protect with the defaults is accepted.
    const o = getReprotectOptions(h.db, vaultId, "file-br-01", h.env());
    expect(o.datastoresEmptyReason).toBeNull();
    const d = o.defaults;
    const job = reprotectToOnPremises(
      h.db,
      {
        vaultId,
        itemId: "file-br-01",
        processServerId: d.processServerId!,
        masterTargetId: d.masterTargetId!,
        accountId: d.accountId!,
        // No master target runs in the branch: the VM fails back to the master target's site.
        location: "alternate",
        datastoreId: "ds-prod-01",
        retentionVolumeId: d.retentionVolumeId!,
      },
      h.env(),
    );
    expect(h.run(job.jobId).status).toBe("succeeded");
  });

  it("add account: a duplicate friendly name is a field error; the account is listed with no server using it", () => {
    const h = harness();
    expect(
      fieldOf(() =>
        addAccount(h.db, { vaultId, configurationServerId: "cs-01", friendlyName: "vcenter-admin", userName: "x", password: "y" }, h.env()),
      ),
    ).toEqual({ kind: "Invalid", fields: ["friendlyName"] });
    expect(
      fieldOf(() => addAccount(h.db, { vaultId, configurationServerId: "cs-01", friendlyName: "", userName: "", password: "" })),
    ).toEqual({
      kind: "Invalid",
      fields: ["friendlyName", "userName", "password"],
    });
    const { accountId } = addAccount(
      h.db,
      { vaultId, configurationServerId: "cs-01", friendlyName: "dc2-admin", userName: "CONTOSO\\svc-asr-vcenter", password: "pw-1" },
      h.env(),
    );
    const a = getConfigurationServer(h.db, vaultId, "cs-01", h.env()).accounts.find((x) => x.id === accountId)!;
    expect(a).toMatchObject({ friendlyName: "dc2-admin", usedBy: [], password: { set: true } });
    expect(JSON.stringify(a)).not.toContain("pw-1");
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
    const full = { ...s.linuxChecklistOf(true), xfsReiserfsPackages: false };
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
        ip: "10.0.0.21",
        newAccount: { friendlyName: "dr-admin", userName: "CONTOSO\\svc-asr-vcenter", password: "Demo-vCenter-Admin-1!" },
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

describe("check 8 names the configuration server's last database backup", () => {
  const refuseLegacy = (h: ReturnType<typeof harness>) =>
    refusal(() => reprotectToOnPremises(h.db, { vaultId, itemId: "legacy-app-01", ...failback }, h.env()));
  const setBackup = (h: ReturnType<typeof harness>, at: Date | null) =>
    h.db.update(s.configurationServers).set({ lastBackupAt: at }).where(eq(s.configurationServers.id, "cs-01")).run();
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

  it("none taken: the refusal says so", () => {
    const h = harness();
    setBackup(h, null);
    const e = refuseLegacy(h);
    expect(e.code).toBe(CODES.vmNotInCsDatabase);
    expect(e.message).toContain("No database backup of cs-01 has been taken.");
    expect(e.recommendedAction).toContain("Configuration Servers > cs-01 > Back up");
  });

  it("a backup taken before the machine was protected would not bring it back", () => {
    const h = harness();
    const protectedAt = h.item("legacy-app-01").createdAt;
    const before = new Date(protectedAt.getTime() - 3_600_000);
    setBackup(h, before);
    const e = refuseLegacy(h);
    expect(e.message).toContain(
      `The last database backup of cs-01 was taken ${utc(before)}, before legacy-app-01 was protected (${utc(protectedAt)}): restoring it would not bring the machine back.`,
    );
    expect(e.recommendedAction).toContain(`one taken after ${utc(protectedAt)}`);
  });

  it("Back up now: the refusal names its time, and a restore from it brings the machine back", () => {
    const h = harness();
    const b = backupConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env());
    const e = refuseLegacy(h);
    expect(e.message).toContain(`The last database backup of cs-01 was taken ${utc(b.lastBackupAt)}, after legacy-app-01 was protected`);
    expect(e.message).toContain("restoring it brings the machine back");
    expect(e.recommendedAction).toContain(
      `Restore cs-01 from its last database backup (${utc(b.lastBackupAt)}), keeping the same IP address (10.0.0.10)`,
    );
  });
});

describe("vCenter discovery through the simulated datacenter", () => {
  const dc2 = { vaultId, configurationServerId: "cs-01", name: "vcenter-02", ip: "10.0.0.21" };
  const names = <T extends { name: string }>(rows: T[]) => rows.map((r) => r.name).sort();

  it("lists hosts with their license, datastores with free space and the hosts that reach them, and the VMs", () => {
    const h = harness();
    const r = addVCenter(h.db, { ...dc2, accountId: "acct-vcenter-admin" }, h.env());
    expect(h.run(r.jobId).status).toBe("succeeded");
    const vc = getVCenter(h.db, vaultId, r.vcenterId, h.env());
    expect(vc.hosts.map((x) => [x.name, x.license, x.failbackTarget])).toEqual([
      ["esxi-21.contoso.local", "enterprise", true],
      ["esxi-22.contoso.local", "standard", true],
      ["esxi-23.contoso.local", "free", false],
    ]);
    expect(vc.datastores.find((d) => d.name === "ds-dc2-01")).toMatchObject({
      freeGb: 5120,
      hosts: ["esxi-21.contoso.local", "esxi-22.contoso.local"],
    });
    expect(names(vc.virtualMachines)).toEqual(["dc2-app-01", "dc2-web-01"]);
    expect(vc.virtualMachines.every((v) => v.item === null)).toBe(true);
    expect(vc.account).toMatchObject({ friendlyName: "vcenter-admin", permission: "full" });
  });

  it("wrong credentials fail the discovery job with the error and the fix; updating them and Refresh discovers", () => {
    const h = harness();
    const { accountId } = addAccount(
      h.db,
      { vaultId, configurationServerId: "cs-01", friendlyName: "dc2-admin", userName: "CONTOSO\\svc-asr-vcenter", password: "wrong" },
      h.env(),
    );
    const r = addVCenter(h.db, { ...dc2, accountId }, h.env());
    const job = h.run(r.jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "VCenterCredentialsRejected" });
    expect(job.error?.recommendedAction).toMatch(/Update credentials of dc2-admin/);
    expect(getVCenter(h.db, vaultId, r.vcenterId, h.env()).hosts).toEqual([]);

    updateAccountCredentials(
      h.db,
      { vaultId, accountId, userName: "CONTOSO\\svc-asr-vcenter", password: "Demo-vCenter-Admin-1!" },
      h.env(),
    );
    expect(h.run(refreshVCenter(h.db, { vaultId, vcenterId: r.vcenterId }, h.env()).jobId).status).toBe("succeeded");
    expect(getVCenter(h.db, vaultId, r.vcenterId, h.env()).hosts).toHaveLength(3);
  });

  it("bad input is a field error and saves nothing: a new account's wrong password, an address already added, an ESXi host a vCenter manages", () => {
    const h = harness();
    const before = snapshot(h.db);
    const newAccount = { friendlyName: "dc2", userName: "CONTOSO\\svc-asr-vcenter", password: "wrong" };
    expect(fieldOf(() => addVCenter(h.db, { ...dc2, newAccount }, h.env()))).toEqual({ kind: "Invalid", fields: ["newAccount.password"] });
    expect(fieldOf(() => addVCenter(h.db, { ...dc2, ip: "10.0.0.20", accountId: "acct-vcenter-admin" }, h.env()))).toEqual({
      kind: "Conflict",
      fields: ["ip"],
    });
    expect(fieldOf(() => addVCenter(h.db, { ...dc2, kind: "esxi", ip: "esxi-02", accountId: "acct-vcenter-admin" }, h.env()))).toEqual({
      kind: "Conflict",
      fields: ["ip"],
    });
    expect(fieldOf(() => addVCenter(h.db, { ...dc2, port: 0, accountId: "acct-vcenter-admin" }, h.env()))).toEqual({
      kind: "Invalid",
      fields: ["port"],
    });
    expect(snapshot(h.db)).toEqual(before);
  });

  it("Refresh picks up changes on the server: a new VM, a relicensed host, a deleted VM", () => {
    const h = harness();
    const r = addVCenter(h.db, { ...dc2, accountId: "acct-vcenter-admin" }, h.env());
    h.run(r.jobId);
    const sim = h.db.select().from(s.simVCenters).where(eq(s.simVCenters.address, "10.0.0.21")).get()!;
    const web = sim.vms.find((v) => v.name === "dc2-web-01")!;
    h.db
      .update(s.simVCenters)
      .set({
        vms: [...sim.vms.filter((v) => v.name !== "dc2-app-01"), { ...web, name: "dc2-db-01", hostName: "dc2-db-01.contoso.local" }],
        hosts: sim.hosts.map((x) => (x.license === "free" ? { ...x, license: "evaluation" as const, licenseLabel: null } : x)),
      })
      .where(eq(s.simVCenters.id, sim.id))
      .run();
    h.run(refreshConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env()).jobIds.at(-1)!);
    const vc = getVCenter(h.db, vaultId, r.vcenterId, h.env());
    expect(names(vc.virtualMachines)).toEqual(["dc2-db-01", "dc2-web-01"]);
    expect(vc.hosts.every((x) => x.failbackTarget)).toBe(true);
  });

  it("a master target on a newly added vCenter is an alternate-location failback target for a VM of another vCenter", () => {
    const h = harness();
    const r = addVCenter(h.db, { ...dc2, accountId: "acct-vcenter-admin" }, h.env());
    h.run(r.jobId);
    const vc = getVCenter(h.db, vaultId, r.vcenterId, h.env());
    const host = vc.hosts.find((x) => x.name === "esxi-21.contoso.local")!;
    const ds = vc.datastores.find((x) => x.name === "ds-dc2-01")!;
    const mt = addMasterTarget(
      h.db,
      {
        vaultId,
        configurationServerId: "cs-01",
        name: "mt-dc2-01",
        osType: "windows",
        osName: "Windows Server 2019",
        hostId: host.id,
        datastoreId: ds.id,
        diskEnableUuid: true,
        retentionVolume: { name: "R:", fileSystem: "NTFS", capacityGb: 500 },
      },
      h.env(),
    );
    const o = getReprotectOptions(h.db, vaultId, "app-02", h.env());
    expect(o.datastores.map((d) => d.id)).toContain(ds.id);
    const retention = o.masterTargets.find((m) => m.id === mt.masterTargetId)!.retentionVolumes[0]!;
    const job = reprotectToOnPremises(
      h.db,
      {
        vaultId,
        itemId: "app-02",
        processServerId: o.defaults.processServerId!,
        masterTargetId: mt.masterTargetId,
        accountId: "acct-vcenter-admin",
        location: "alternate",
        datastoreId: ds.id,
        retentionVolumeId: retention.id,
      },
      h.env(),
    );
    expect(h.run(job.jobId).status).toBe("succeeded");
  });
});

describe("master target checklist, read on add and on Refresh", () => {
  const linux = {
    vaultId,
    configurationServerId: "cs-01",
    name: "mt-lnx-03",
    ip: "10.0.0.63",
    osType: "linux" as const,
    osName: "CentOS 6.6",
    hostId: "esxi-02",
    datastoreId: "ds-prod-02",
    diskEnableUuid: true,
    retentionVolume: { name: "/mnt/retention", fileSystem: "ext4", capacityGb: 500 },
    linuxChecklist: s.linuxChecklistOf(true),
  };
  const checksOf = (h: ReturnType<typeof harness>, id: string) =>
    getConfigurationServer(h.db, vaultId, "cs-01", h.env()).masterTargets.find((m) => m.id === id)!.checks;

  it("a missing package is listed as failing with its fix; fixed on the server, Refresh clears it", () => {
    const h = harness();
    setFault(h.db, { vaultId, fault: "mt-missing-xfs-reiserfs-packages" });
    const { masterTargetId } = addMasterTarget(h.db, linux, h.env());
    const failing = checksOf(h, masterTargetId).find((c) => c.key === "xfs-reiserfs-packages")!;
    expect(failing).toMatchObject({ passed: false, fix: expect.stringMatching(/install the XFS .* then Refresh/) });
    expect(checksOf(h, masterTargetId).filter((c) => !c.passed)).toHaveLength(1);

    clearFault(h.db, { vaultId, fault: "mt-missing-xfs-reiserfs-packages" });
    // What the configuration server shows is what it last read, until Refresh.
    expect(checksOf(h, masterTargetId).find((c) => c.key === "xfs-reiserfs-packages")!.passed).toBe(false);
    refreshConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env());
    expect(checksOf(h, masterTargetId).every((c) => c.passed)).toBe(true);
  });

  it("a Windows master target has no package check; disk.EnableUUID and Storage vMotion are read from the server", () => {
    const h = harness();
    const { masterTargetId } = addMasterTarget(
      h.db,
      { ...linux, name: "mt-win-09", osType: "windows", osName: "Windows Server 2012 R2", linuxChecklist: undefined },
      h.env(),
    );
    expect(checksOf(h, masterTargetId).map((c) => c.key)).toEqual(["disk-enable-uuid", "no-storage-vmotion", "retention-volume"]);
    setFault(h.db, { vaultId, fault: "mt-storage-vmotioned", targetId: masterTargetId });
    refreshConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env());
    expect(checksOf(h, masterTargetId).find((c) => c.key === "no-storage-vmotion")).toMatchObject({ passed: false });
  });
});

describe("process server and master target pages", () => {
  it("thresholds: CPU/memory above 80 % warn and above 95 % are critical; free cache under 30 % warns and under 25 % is critical", () => {
    expect([80, 81, 95, 96].map(usageLevel)).toEqual(["normal", "warning", "warning", "critical"]);
    expect([30, 29, 25, 24].map(freeSpaceLevel)).toEqual(["normal", "warning", "warning", "critical"]);
  });

  it("lists the items using a server; Delete is refused while any does, and allowed once none does", () => {
    const h = harness();
    const ps = getProcessServer(h.db, vaultId, "ps-azure-prod", h.env());
    expect(ps.items.length).toBeGreaterThan(0);
    expect(ps.deleteBlockedReason).toMatch(/is used by \d+ replicated items/);
    const before = snapshot(h.db);
    // The page's reason is the verb's refusal.
    const err = refusal(() => deleteServer(h.db, { vaultId, kind: "process-server", serverId: "ps-azure-prod" }, h.env()));
    expect(err.message).toBe(ps.deleteBlockedReason);
    const cs01 = getMasterTarget(h.db, vaultId, "mt-cs-01", h.env());
    expect(refusal(() => deleteServer(h.db, { vaultId, kind: "master-target", serverId: "mt-cs-01" }, h.env())).message).toBe(
      cs01.deleteBlockedReason,
    );
    expect(snapshot(h.db)).toEqual(before);

    const { masterTargetId } = addMasterTarget(
      h.db,
      {
        vaultId,
        configurationServerId: "cs-01",
        name: "mt-win-spare",
        osType: "windows",
        osName: "Windows Server 2012 R2",
        hostId: "esxi-02",
        datastoreId: "ds-prod-02",
        diskEnableUuid: true,
        retentionVolume: { name: "R:", fileSystem: "NTFS", capacityGb: 500 },
      },
      h.env(),
    );
    const mt = getMasterTarget(h.db, vaultId, masterTargetId, h.env());
    expect(mt).toMatchObject({ items: [], deleteBlockedReason: null });
    expect(mt.load.cpu.level).toBe("normal");
    expect(deleteServer(h.db, { vaultId, kind: "master-target", serverId: masterTargetId }, h.env())).toEqual({ deleted: "mt-win-spare" });
    expect(h.db.select().from(s.masterTargets).where(eq(s.masterTargets.id, masterTargetId)).get()).toBeUndefined();
  });
});

describe("Refresh of a vCenter server while its discovery runs", () => {
  it("is refused with the reason the vCenter page disables Refresh with; the configuration server's Refresh skips it; it is offered again once the job ends", () => {
    const h = harness();
    expect(getVCenter(h.db, vaultId, "vcenter-branch", h.env()).refreshBlockedReason).toBeNull();
    const { jobId } = refreshVCenter(h.db, { vaultId, vcenterId: "vcenter-branch" }, h.env());

    const page = getVCenter(h.db, vaultId, "vcenter-branch", h.env());
    const err = refusal(() => refreshVCenter(h.db, { vaultId, vcenterId: "vcenter-branch" }, h.env()));
    expect(err).toMatchObject({ kind: "Conflict", code: CODES.operationInProgress });
    expect(page.refreshBlockedReason).toBe(`${err.message} ${err.recommendedAction}`);

    const servers = h.db.select().from(s.vcenters).where(eq(s.vcenters.configurationServerId, "cs-01")).all();
    const { jobIds } = refreshConfigurationServer(h.db, { vaultId, configurationServerId: "cs-01" }, h.env());
    expect(jobIds).toHaveLength(servers.length - 1);
    const targets = jobIds.map((id) => h.db.select().from(s.jobs).where(eq(s.jobs.id, id)).get()!.targetId);
    expect(targets).not.toContain("vcenter-branch");

    expect(h.run(jobId).status).toBe("succeeded");
    expect(getVCenter(h.db, vaultId, "vcenter-branch", h.env()).refreshBlockedReason).toBeNull();
    expect(h.run(refreshVCenter(h.db, { vaultId, vcenterId: "vcenter-branch" }, h.env()).jobId).status).toBe("succeeded");
  });
});
