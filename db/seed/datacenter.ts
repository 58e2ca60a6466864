import { eq, inArray } from "drizzle-orm";
import * as s from "../schema";
import { encryptSecret } from "../../server/lib/secrets";
import type { SeedContext } from "./context";

/** The users every Contoso vCenter knows: the full-permission service account and the branch's read-only one. */
const CONTOSO_USERS = (): s.SimUser[] => [
  { userName: "CONTOSO\\svc-asr-vcenter", secretEnc: encryptSecret("Demo-vCenter-Admin-1!"), permission: "full" },
  { userName: "CONTOSO\\svc-asr-branch", secretEnc: encryptSecret("Demo-Branch-RO-1!"), permission: "read-only" },
];

const windowsVm = (name: string, host: string, datastore: string, ip: string): s.SimVm => ({
  name,
  hostName: `${name}.contoso.local`,
  host,
  datastore,
  osType: "windows",
  osName: "Windows Server 2019",
  rootFileSystem: "ntfs",
  cores: 2,
  memoryMb: 8192,
  disks: [
    { name: "disk0", sizeGb: 127, os: true },
    { name: "disk1", sizeGb: 256 },
  ],
  nics: [{ name: "nic0", ipMode: "static", ip, subnetMask: "255.255.255.0", gateway: ip.replace(/\.\d+$/, ".1") }],
});

/**
 * The simulated datacenter behind the seeded inventory: the servers the portal has discovered
 * (vcenter-01, vcenter-branch) answer with what the portal already knows of them, and two servers
 * it has not added yet wait at their addresses: vcenter-02 (10.0.0.21) and the standalone ESXi
 * host esxi-lab-01 (10.0.0.40). Discovery reads it through the run-as account (server/fabric).
 */
export function seedDatacenter({ tx, vaultId, id }: SeedContext): void {
  const vcenters = tx
    .select()
    .from(s.vcenters)
    .where(eq(s.vcenters.configurationServerId, id("cs-01")))
    .all();
  const vcIds = vcenters.map((v) => v.id);
  const hosts = tx.select().from(s.esxiHosts).where(inArray(s.esxiHosts.vcenterId, vcIds)).all();
  const datastores = tx.select().from(s.datastores).where(inArray(s.datastores.vcenterId, vcIds)).all();
  const datastoreIds = datastores.map((d) => d.id);
  const mounts = tx.select().from(s.datastoreHosts).where(inArray(s.datastoreHosts.datastoreId, datastoreIds)).all();
  const machines = tx
    .select()
    .from(s.machines)
    .where(eq(s.machines.configurationServerId, id("cs-01")))
    .all();
  const hostName = (hostId: string | null) => hosts.find((h) => h.id === hostId)?.name ?? "";
  const known = vcenters.map((vc) => ({
    id: crypto.randomUUID(),
    vaultId,
    address: vc.ip,
    port: vc.port,
    name: vc.name,
    kind: vc.kind,
    users: CONTOSO_USERS(),
    hosts: hosts
      .filter((h) => h.vcenterId === vc.id)
      .map((h) => ({ name: h.name, version: h.version, license: h.license, licenseLabel: h.licenseLabel })),
    datastores: datastores
      .filter((d) => d.vcenterId === vc.id)
      .map((d) => ({
        name: d.name,
        capacityGb: d.capacityGb,
        freeGb: d.freeGb,
        hosts: mounts.filter((m) => m.datastoreId === d.id).map((m) => hostName(m.hostId)),
      })),
    vms: machines
      .filter((m) => m.vcenterId === vc.id && m.kind === "vmware" && m.exists)
      .map((m) => ({
        name: m.name,
        hostName: m.hostName,
        host: hostName(m.hostId),
        datastore: datastores.find((d) => d.id === m.datastoreId)?.name ?? "",
        ...s.hardwareOf(m),
      })),
  }));
  tx.insert(s.simVCenters)
    .values([
      ...known,
      {
        id: crypto.randomUUID(),
        vaultId,
        address: "10.0.0.21",
        port: 443,
        name: "vcenter-02",
        kind: "vcenter",
        users: CONTOSO_USERS(),
        hosts: [
          { name: "esxi-21.contoso.local", version: "7.0.3", license: "enterprise" },
          { name: "esxi-22.contoso.local", version: "7.0.3", license: "standard" },
          { name: "esxi-23.contoso.local", version: "6.0.0", license: "free", licenseLabel: "vSphere 6 Hypervisor free" },
        ],
        datastores: [
          { name: "ds-dc2-01", capacityGb: 8192, freeGb: 5120, hosts: ["esxi-21.contoso.local", "esxi-22.contoso.local"] },
          { name: "ds-dc2-local", capacityGb: 1024, freeGb: 800, hosts: ["esxi-23.contoso.local"] },
        ],
        vms: [
          windowsVm("dc2-web-01", "esxi-21.contoso.local", "ds-dc2-01", "10.0.3.11"),
          windowsVm("dc2-app-01", "esxi-22.contoso.local", "ds-dc2-01", "10.0.3.12"),
        ],
      },
      {
        id: crypto.randomUUID(),
        vaultId,
        address: "10.0.0.40",
        port: 443,
        name: "esxi-lab-01",
        kind: "esxi",
        users: [{ userName: "root", secretEnc: encryptSecret("Demo-Esxi-Root-1!"), permission: "full" }],
        hosts: [{ name: "esxi-lab-01.contoso.local", version: "6.7.0", license: "evaluation" }],
        datastores: [{ name: "ds-lab-01", capacityGb: 2048, freeGb: 1500, hosts: ["esxi-lab-01.contoso.local"] }],
        vms: [windowsVm("lab-test-01", "esxi-lab-01.contoso.local", "ds-lab-01", "10.0.4.11")],
      },
    ])
    .run();
}
