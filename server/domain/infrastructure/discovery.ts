/**
 * vCenter / ESXi discovery through a run-as account: connect (wrong credentials or no answer fail
 * the job with the fix), then copy what the server lists — hosts with their license, datastores
 * with their free space and the hosts that reach them, VMs — into the portal's inventory. A
 * refresh does the same again, so changes on the server (a new VM, a host relicensed, a VM
 * deleted) reach the portal.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { FabricPort, VCenterDiscovery } from "@/server/fabric/port";
import { decryptSecret } from "@/server/lib/secrets";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";

type VCenterRow = typeof s.vcenters.$inferSelect;
type Connected = Extract<VCenterDiscovery, { status: "connected" }>;

const serverWord = (vc: VCenterRow) => (vc.kind === "esxi" ? "ESXi host" : "vCenter server");

/** Connects to the server with its run-as account; refuses with the error and the fix when it cannot. */
export function connectForDiscovery(tx: DbOrTx, fabric: FabricPort, vc: VCenterRow): Connected {
  const a = vc.accountId ? tx.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, vc.accountId)).get() : undefined;
  if (!a?.secretEnc)
    throw new DomainError("NotAllowed", {
      code: CODES.accountMissing,
      message: `The ${serverWord(vc)} ${vc.name} has no run-as account with credentials.`,
      possibleCauses: "The account was removed, or its password was never set.",
      recommendedAction: "Update the account credentials (Configuration Servers > Accounts > Update credentials), then refresh the server.",
    });
  const r = fabric.discoverVCenter({ address: vc.ip, port: vc.port, userName: a.userName, password: decryptSecret(a.secretEnc) });
  if (r.status === "unreachable")
    throw new DomainError("NotAllowed", {
      code: CODES.vcenterUnreachable,
      message: `Unable to connect to the ${serverWord(vc)} ${vc.name} at ${vc.ip}:${vc.port}.`,
      possibleCauses: "The address or port is wrong, the server is down, or a firewall blocks the configuration server.",
      recommendedAction: `Check that ${vc.ip} answers on port ${vc.port} from the configuration server, then refresh the server.`,
    });
  if (r.status === "rejected")
    throw new DomainError("NotAllowed", {
      code: CODES.vcenterCredentialsRejected,
      message: `The ${serverWord(vc)} ${vc.name} rejected the credentials of the account ${a.friendlyName} (${a.userName}).`,
      possibleCauses: "The user name or password is wrong, or the password was changed on the server.",
      recommendedAction: `Update the vCenter credential with an account that has the required permissions (Configuration Servers > Accounts > Update credentials of ${a.friendlyName}), then refresh the server and retry the job.`,
    });
  return r;
}

/** Copies a discovery into the inventory of the vCenter (idempotent: a re-run writes the same). */
export function applyDiscovery(tx: DbOrTx, vc: VCenterRow, d: Connected, now: Date): void {
  if (vc.accountId) tx.update(s.runAsAccounts).set({ permission: d.permission }).where(eq(s.runAsAccounts.id, vc.accountId)).run();

  // Hosts, by name.
  const hosts = tx.select().from(s.esxiHosts).where(eq(s.esxiHosts.vcenterId, vc.id)).all();
  const hostId = new Map<string, string>();
  for (const h of d.hosts) {
    const row = hosts.find((x) => x.name === h.name);
    const values = { version: h.version, license: h.license, licenseLabel: h.licenseLabel };
    if (row) {
      tx.update(s.esxiHosts).set(values).where(eq(s.esxiHosts.id, row.id)).run();
      hostId.set(h.name, row.id);
    } else {
      const id = crypto.randomUUID();
      tx.insert(s.esxiHosts)
        .values({ id, vcenterId: vc.id, name: h.name, ...values })
        .run();
      hostId.set(h.name, id);
    }
  }
  const goneHosts = hosts.filter((x) => !hostId.has(x.name)).map((x) => x.id);
  if (goneHosts.length) tx.delete(s.esxiHosts).where(inArray(s.esxiHosts.id, goneHosts)).run();

  // Datastores, by name (a read-only account lists none: what the portal knows stays, hidden by check 5).
  const datastoreId = new Map<string, string>();
  if (d.permission === "full") {
    const stores = tx.select().from(s.datastores).where(eq(s.datastores.vcenterId, vc.id)).all();
    for (const ds of d.datastores) {
      const row = stores.find((x) => x.name === ds.name);
      const id = row?.id ?? crypto.randomUUID();
      if (row) tx.update(s.datastores).set({ capacityGb: ds.capacityGb, freeGb: ds.freeGb }).where(eq(s.datastores.id, id)).run();
      else tx.insert(s.datastores).values({ id, vcenterId: vc.id, name: ds.name, capacityGb: ds.capacityGb, freeGb: ds.freeGb }).run();
      datastoreId.set(ds.name, id);
      tx.delete(s.datastoreHosts).where(eq(s.datastoreHosts.datastoreId, id)).run();
      const reach = ds.hostNames.map((n) => hostId.get(n)).filter((x): x is string => !!x);
      if (reach.length)
        tx.insert(s.datastoreHosts)
          .values(reach.map((h) => ({ datastoreId: id, hostId: h })))
          .run();
    }
    const gone = stores.filter((x) => !datastoreId.has(x.name)).map((x) => x.id);
    if (gone.length) tx.delete(s.datastores).where(inArray(s.datastores.id, gone)).run();
  } else {
    for (const x of tx.select().from(s.datastores).where(eq(s.datastores.vcenterId, vc.id)).all()) datastoreId.set(x.name, x.id);
  }

  // Virtual machines, by name: new ones appear, changed ones follow, missing ones no longer exist.
  const machines = tx
    .select()
    .from(s.machines)
    .where(and(eq(s.machines.vcenterId, vc.id), eq(s.machines.kind, "vmware")))
    .all();
  const seen = new Set<string>();
  for (const v of d.vms) {
    seen.add(v.name);
    const values = {
      hostName: v.hostName,
      hostId: hostId.get(v.esxiHost) ?? null,
      datastoreId: datastoreId.get(v.datastore) ?? null,
      ...s.hardwareOf(v),
      exists: true,
    };
    const row = machines.find((m) => m.name === v.name);
    if (row) tx.update(s.machines).set(values).where(eq(s.machines.id, row.id)).run();
    else
      tx.insert(s.machines)
        .values({
          id: crypto.randomUUID(),
          configurationServerId: vc.configurationServerId,
          kind: "vmware",
          name: v.name,
          vcenterId: vc.id,
          discoveredAt: now,
          ...values,
        })
        .run();
  }
  const missing = machines.filter((m) => m.exists && !seen.has(m.name)).map((m) => m.id);
  if (missing.length) tx.update(s.machines).set({ exists: false }).where(inArray(s.machines.id, missing)).run();

  tx.update(s.vcenters)
    .set({ name: vc.name, discoveredAt: vc.discoveredAt ?? now, lastRefreshAt: now })
    .where(eq(s.vcenters.id, vc.id))
    .run();
}
