import * as s from "../schema";
import { encryptSecret } from "../../server/lib/secrets";
import { DAY, HOUR, MIN, type SeedContext } from "./context";

/**
 * The on-premises fabric: configuration server cs-01 with its run-as accounts (one read-only),
 * vCenter vcenter-01 with four ESXi hosts (esxi-04 on a free license) and its datastores (ds-small
 * nearly full), and a branch vCenter reached with the read-only account.
 */
export function seedOnPremises({ tx, vaultId, id, at }: SeedContext): void {
  tx.insert(s.configurationServers)
    .values({
      id: id("cs-01"),
      vaultId,
      name: "cs-01",
      ip: "10.0.0.10",
      version: "9.62.7096.1",
      lastHeartbeatAt: at(2 * MIN),
      health: "healthy",
      passphraseEnc: encryptSecret("Contoso-Demo-Passphrase-01"),
      passphraseChangedAt: at(60 * DAY),
      lastBackupAt: at(20 * HOUR),
    })
    .run();
  const account = (key: string, friendlyName: string, userName: string, secret: string, permission: "full" | "read-only") => ({
    id: id(key),
    configurationServerId: id("cs-01"),
    friendlyName,
    userName,
    secretEnc: encryptSecret(secret),
    secretChangedAt: at(30 * DAY),
    permission,
  });
  tx.insert(s.runAsAccounts)
    .values([
      account("acct-vcenter-admin", "vcenter-admin", "CONTOSO\\svc-asr-vcenter", "Demo-vCenter-Admin-1!", "full"),
      account("acct-branch-readonly", "branch-readonly", "CONTOSO\\svc-asr-branch", "Demo-Branch-RO-1!", "read-only"),
      account("acct-linux-root", "linux-root", "root", "Demo-Linux-Root-1!", "full"),
    ])
    .run();
  const vcenter = (key: string, ip: string, accountKey: string, discoveredDaysAgo: number) => ({
    id: id(key),
    configurationServerId: id("cs-01"),
    name: key,
    kind: "vcenter" as const,
    ip,
    accountId: id(accountKey),
    discoveredAt: at(discoveredDaysAgo * DAY),
    lastRefreshAt: at(15 * MIN),
  });
  tx.insert(s.vcenters)
    .values([
      vcenter("vcenter-01", "10.0.0.20", "acct-vcenter-admin", 60),
      vcenter("vcenter-branch", "10.1.0.20", "acct-branch-readonly", 40),
    ])
    .run();
  const host = (key: string, vcenterKey: string, version: string, license: s.EsxiLicense, licenseLabel?: string) => ({
    id: id(key),
    vcenterId: id(vcenterKey),
    name: `${key}.contoso.local`,
    version,
    license,
    ...(licenseLabel ? { licenseLabel } : {}),
  });
  tx.insert(s.esxiHosts)
    .values([
      host("esxi-01", "vcenter-01", "6.7.0", "enterprise"),
      host("esxi-02", "vcenter-01", "6.7.0", "standard"),
      host("esxi-03", "vcenter-01", "6.5.0", "evaluation"),
      host("esxi-04", "vcenter-01", "6.0.0", "free", "vSphere 6 Hypervisor free"),
      host("esxi-br-01", "vcenter-branch", "6.7.0", "standard"),
    ])
    .run();
  const datastore = (key: string, vcenterKey: string, capacityGb: number, freeGb: number) => ({
    id: id(key),
    vcenterId: id(vcenterKey),
    name: key,
    capacityGb,
    freeGb,
  });
  tx.insert(s.datastores)
    .values([
      datastore("ds-prod-01", "vcenter-01", 4096, 1840),
      datastore("ds-prod-02", "vcenter-01", 4096, 2210),
      datastore("ds-small", "vcenter-01", 500, 18),
      datastore("ds-esxi03-local", "vcenter-01", 1024, 700),
      datastore("ds-esxi04-local", "vcenter-01", 1024, 610),
      datastore("ds-branch-01", "vcenter-branch", 2048, 1300),
    ])
    .run();
  const mounts: [string, string][] = [
    ["ds-prod-01", "esxi-01"],
    ["ds-prod-01", "esxi-02"],
    ["ds-prod-02", "esxi-01"],
    ["ds-prod-02", "esxi-02"],
    ["ds-small", "esxi-01"],
    ["ds-small", "esxi-02"],
    ["ds-esxi03-local", "esxi-03"],
    ["ds-esxi04-local", "esxi-04"],
    ["ds-branch-01", "esxi-br-01"],
  ];
  tx.insert(s.datastoreHosts)
    .values(mounts.map(([ds, hostKey]) => ({ datastoreId: id(ds), hostId: id(hostKey) })))
    .run();
}
