import * as s from "../schema";
import type { Disk, Nic } from "../schema";
import { DAY, type SeedContext } from "./context";

/** A machine discovered by cs-01, as the seed describes it (keys, not ids). */
export type SeedMachine = {
  key: string;
  name: string;
  kind?: "vmware" | "physical";
  vcenter?: string;
  host?: string;
  datastore?: string;
  os: "windows" | "linux";
  osName: string;
  fs?: string;
  cores?: number;
  memoryMb?: number;
  disks?: Disk[];
  ip: string;
  ipMode?: Nic["ipMode"];
  snapshots?: number;
  exists?: boolean;
  inConfigServerDb?: boolean;
};

const winDisks = (data: number): Disk[] => [
  { name: "Disk0", sizeGb: 127, os: true },
  { name: "Disk1", sizeGb: data },
];
const lnxDisks = (data: number): Disk[] => [
  { name: "sda", sizeGb: 64, os: true },
  { name: "sdb", sizeGb: data },
];
const W2019 = "Windows Server 2019 Datacenter";
const W2016 = "Windows Server 2016 Standard";
const W2012 = "Windows Server 2012 R2 Standard";
const RHEL79 = "Red Hat Enterprise Linux 7.9";
const ON_ESXI_02 = { host: "esxi-02", datastore: "ds-prod-02" };

export const MACHINES: SeedMachine[] = [
  // Discovered, not yet protected (ready for Replicate).
  { key: "m-mail-01", name: "mail-01", os: "windows", osName: W2019, ip: "10.0.1.30" },
  { key: "m-dc-02", name: "dc-02", os: "windows", osName: W2016, ip: "10.0.1.12", ...ON_ESXI_02 },
  { key: "m-print-01", name: "print-01", os: "windows", osName: W2012, ip: "10.0.1.40", ipMode: "dhcp" },
  { key: "m-web-lnx-03", name: "web-lnx-03", os: "linux", osName: "Ubuntu 20.04 LTS", ip: "10.0.1.63", ...ON_ESXI_02 },
  { key: "m-phys-db-01", name: "phys-db-01", kind: "physical", os: "windows", osName: "Windows Server 2016 Datacenter", ip: "10.0.2.21" },
  // Round-trip stages.
  { key: "m-web-01", name: "web-01", os: "windows", osName: W2019, ip: "10.0.1.21" },
  { key: "m-web-02", name: "web-02", os: "windows", osName: W2019, ip: "10.0.1.22" },
  { key: "m-app-01", name: "app-01", os: "windows", osName: W2019, ip: "10.0.1.31" },
  { key: "m-app-02", name: "app-02", os: "windows", osName: W2016, ip: "10.0.1.32" },
  { key: "m-crm-01", name: "crm-01", os: "windows", osName: W2019, ip: "10.0.1.41", ...ON_ESXI_02 },
  { key: "m-crm-02", name: "crm-02", os: "windows", osName: W2019, ip: "10.0.1.42", ...ON_ESXI_02 },
  { key: "m-app-lnx-01", name: "app-lnx-01", os: "linux", osName: "CentOS 7.9", ip: "10.0.1.51", ...ON_ESXI_02 },
  { key: "m-hr-01", name: "hr-01", os: "windows", osName: W2019, ip: "10.0.1.61" },
  { key: "m-lnx-db-01", name: "lnx-db-01", os: "linux", osName: RHEL79, fs: "xfs", ip: "10.0.1.52", ...ON_ESXI_02 },
  { key: "m-web-04", name: "web-04", os: "windows", osName: W2019, ip: "10.0.1.24" },
  { key: "m-phys-lnx-01", name: "phys-lnx-01", kind: "physical", os: "linux", osName: RHEL79, fs: "xfs", ip: "10.0.2.31" },
  { key: "m-phys-win-01", name: "phys-win-01", kind: "physical", os: "windows", osName: W2016, ip: "10.0.2.41" },
  { key: "m-app-03", name: "app-03", os: "windows", osName: W2019, ip: "10.0.1.33", exists: false },
  // Refusal situations.
  { key: "m-dev-web-01", name: "dev-web-01", os: "windows", osName: W2019, ip: "10.0.1.71" },
  { key: "m-big-fs-01", name: "big-fs-01", os: "windows", osName: W2019, ip: "10.0.1.72", disks: winDisks(2048) },
  {
    key: "m-file-br-01",
    name: "file-br-01",
    os: "windows",
    osName: W2016,
    ip: "10.1.1.21",
    vcenter: "vcenter-branch",
    host: "esxi-br-01",
    datastore: "ds-branch-01",
  },
  { key: "m-erp-app-01", name: "erp-app-01", os: "windows", osName: W2019, ip: "10.0.1.81", snapshots: 2 },
  { key: "m-kiosk-01", name: "kiosk-01", os: "windows", osName: W2012, ip: "10.0.1.91", host: "esxi-04", datastore: "ds-esxi04-local" },
  { key: "m-legacy-app-01", name: "legacy-app-01", os: "windows", osName: W2012, ip: "10.0.1.92", inConfigServerDb: false },
  { key: "m-phys-2008-01", name: "phys-2008-01", kind: "physical", os: "windows", osName: "Windows Server 2008 R2 SP1", ip: "10.0.2.51" },
  { key: "m-test-web-01", name: "test-web-01", os: "windows", osName: W2019, ip: "10.0.1.93" },
  { key: "m-sql-cl-01", name: "sql-cl-01", os: "windows", osName: W2019, ip: "10.0.1.101", cores: 8, memoryMb: 32768 },
  { key: "m-sql-cl-02", name: "sql-cl-02", os: "windows", osName: W2019, ip: "10.0.1.102", cores: 8, memoryMb: 32768 },
  { key: "m-ps-lost-01", name: "ps-lost-01", os: "windows", osName: W2019, ip: "10.0.1.94" },
];

/** Where a VMware machine lives (key of its datastore); physical servers have none. */
export const machineDatastoreKey = (m: SeedMachine) => (m.kind === "physical" ? null : (m.datastore ?? "ds-prod-01"));

/** Every machine cs-01 has discovered: VMware VMs on vcenter-01 (esxi-01 unless said otherwise) and physical servers. */
export function seedMachines({ tx, id, at }: SeedContext): void {
  tx.insert(s.machines)
    .values(
      MACHINES.map((m) => {
        const vmware = m.kind !== "physical";
        const datastore = machineDatastoreKey(m);
        return {
          id: id(m.key),
          configurationServerId: id("cs-01"),
          kind: m.kind ?? "vmware",
          name: m.name,
          hostName: `${m.name}.contoso.local`,
          vcenterId: vmware ? id(m.vcenter ?? "vcenter-01") : null,
          hostId: vmware ? id(m.host ?? "esxi-01") : null,
          datastoreId: datastore && id(datastore),
          osType: m.os,
          osName: m.osName,
          rootFileSystem: m.fs ?? (m.os === "windows" ? "ntfs" : "ext4"),
          cores: m.cores ?? 4,
          memoryMb: m.memoryMb ?? 8192,
          disks: m.disks ?? (m.os === "windows" ? winDisks(256) : lnxDisks(128)),
          nics: [{ name: "Network adapter 1", ipMode: m.ipMode ?? "static", ip: m.ip, subnetMask: "255.255.255.0", gateway: "10.0.1.1" }],
          snapshotCount: m.snapshots ?? 0,
          exists: m.exists ?? true,
          poweredOn: true,
          inConfigServerDb: m.inConfigServerDb ?? true,
          discoveredAt: at(30 * DAY),
        };
      }),
    )
    .run();
}
