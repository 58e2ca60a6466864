/**
 * Many protected VMware items in a seeded vault, for scale measurements (`npm run bench`,
 * scripts/measure-tick.ts) and tests of the grid's paging: each a discovered machine behind the
 * vault's configuration server cs-01, replicating to Azure through ps-cs-01 on policy-24h, with
 * its latest recovery point `pointAgeMs` before `now`.
 */
import type { DB } from "../client";
import * as s from "../schema";

export type BulkItemsOptions = {
  vaultId: string;
  /** The vault's id prefix (`""` for the demo vault). */
  idPrefix?: string;
  count: number;
  /** Simulated now, epoch ms. */
  now: number;
  /** Name prefix; names are `<prefix>-00000`, `<prefix>-00001`, … */
  namePrefix?: string;
  pointAgeMs?: number;
};

export function seedProtectedItems(db: DB, o: BulkItemsOptions): string[] {
  const p = o.idPrefix ?? "";
  const prefix = o.namePrefix ?? "bulk-vm";
  const ids: string[] = [];
  const lastPoint = new Date(o.now - (o.pointAgeMs ?? 60_000));
  db.transaction(
    (tx) => {
      for (let i = 0; i < o.count; i++) {
        const name = `${prefix}-${String(i).padStart(5, "0")}`;
        const id = `${p}${name}`;
        const windows = i % 3 !== 0;
        tx.insert(s.machines)
          .values({
            id: `${p}m-${name}`,
            configurationServerId: `${p}cs-01`,
            kind: "vmware",
            name,
            hostName: `${name}.contoso.local`,
            vcenterId: `${p}vcenter-01`,
            hostId: `${p}esxi-01`,
            datastoreId: `${p}ds-prod-01`,
            osType: windows ? "windows" : "linux",
            osName: windows ? "Windows Server 2019 Datacenter" : "CentOS 7.9",
            rootFileSystem: windows ? "ntfs" : "ext4",
            cores: 2,
            memoryMb: 4096,
            disks: [{ name: "Disk0", sizeGb: 64, os: true }],
            nics: [
              {
                name: "Network adapter 1",
                ipMode: "dhcp",
                ip: `10.${100 + Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${i % 250}`,
              },
            ],
            discoveredAt: new Date(o.now),
          })
          .run();
        tx.insert(s.replicatedItems)
          .values({
            id,
            vaultId: o.vaultId,
            machineId: `${p}m-${name}`,
            configurationServerId: `${p}cs-01`,
            name,
            kind: "vmware",
            osType: windows ? "windows" : "linux",
            state: "protected",
            activeLocation: "on-premises",
            replicationDirection: "to-azure",
            replicationHealth: "healthy",
            policyId: `${p}policy-24h`,
            processServerId: `${p}ps-cs-01`,
            targetNetworkId: `${p}vnet-prod`,
            initialReplicationPercent: 100,
            rpoSeconds: Math.round((o.now - lastPoint.getTime()) / 1000),
            lastRecoveryPointAt: lastPoint,
            createdAt: new Date(o.now),
            updatedAt: new Date(o.now),
          })
          .run();
        tx.insert(s.recoveryPoints).values({ replicatedItemId: id, at: lastPoint, type: "crash-consistent", direction: "to-azure" }).run();
        ids.push(id);
      }
    },
    { behavior: "immediate" },
  );
  return ids;
}
