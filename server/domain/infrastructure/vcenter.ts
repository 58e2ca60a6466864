/** Add or refresh a vCenter server / standalone ESXi host, discovered through a run-as account (job "Discover vCenter"). */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { encryptSecret } from "@/server/lib/secrets";
import { vaultTarget } from "../validation";
import { invalid, notFound } from "../errors";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer, loadAccount, loadConfigurationServer, nameInUse } from "./load";
import { enqueueJob } from "@/server/jobs/engine";
import { discoverVCenterSteps, JOB_TYPES } from "../steps";

export const addVCenterInput = vaultTarget.extend({
  configurationServerId: z.string().max(ID_MAX).min(1),
  kind: z.enum(s.VCENTER_KINDS).default("vcenter"),
  name: z.string().trim().min(1, "Enter the server name.").max(80),
  ip: z.string().trim().min(1, "Enter the IP address or FQDN.").max(253),
  port: z.number().int().min(1).max(65535).default(443),
  /** An existing run-as account, or a new one. */
  accountId: z.string().max(ID_MAX).min(1).optional(),
  newAccount: z
    .object({
      friendlyName: z.string().trim().min(1).max(64),
      userName: z.string().trim().min(1).max(128),
      password: z.string().min(1).max(256),
      permission: z.enum(s.ACCOUNT_PERMISSIONS).default("full"),
    })
    .optional(),
});
export type AddVCenterInput = z.input<typeof addVCenterInput>;

export function addVCenter(db: DbOrTx, raw: AddVCenterInput, env?: VerbEnv): { vcenterId: string; accountId: string; jobId: string } {
  return vaultVerb(db, addVCenterInput, raw, env, ({ tx, input, now }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    if (!!input.accountId === !!input.newAccount) throw invalid("accountId", "Choose a run-as account or add a new one.");
    let accountId = input.accountId ?? "";
    if (input.accountId) {
      loadAccount(tx, cs.id, input.accountId);
    } else if (input.newAccount) {
      if (
        tx
          .select()
          .from(s.runAsAccounts)
          .where(and(eq(s.runAsAccounts.configurationServerId, cs.id), eq(s.runAsAccounts.friendlyName, input.newAccount.friendlyName)))
          .get()
      )
        throw invalid("newAccount.friendlyName", `An account named ${input.newAccount.friendlyName} exists already.`);
      accountId = crypto.randomUUID();
      tx.insert(s.runAsAccounts)
        .values({
          id: accountId,
          configurationServerId: cs.id,
          friendlyName: input.newAccount.friendlyName,
          userName: input.newAccount.userName,
          secretEnc: encryptSecret(input.newAccount.password),
          secretChangedAt: now,
          permission: input.newAccount.permission,
        })
        .run();
    }
    if (nameInUse(tx, s.vcenters, cs.id, input.name))
      throw invalid("name", `${input.name} is already added to ${cs.name}; refresh it instead.`);
    const vcenterId = crypto.randomUUID();
    tx.insert(s.vcenters)
      .values({
        id: vcenterId,
        configurationServerId: cs.id,
        name: input.name,
        kind: input.kind,
        ip: input.ip,
        port: input.port,
        accountId,
      })
      .run();
    const jobId = enqueueDiscovery(tx, now, env, {
      vaultId: input.vaultId,
      name: input.kind === "esxi" ? "Discover ESXi host" : "Discover vCenter",
      vcenter: { id: vcenterId, name: input.name },
    });
    return { vcenterId, accountId, jobId };
  });
}

export const refreshVCenterInput = vaultTarget.extend({
  vcenterId: z.string().max(ID_MAX).min(1),
  accountId: z.string().max(ID_MAX).min(1).optional(),
});
export type RefreshVCenterInput = z.input<typeof refreshVCenterInput>;

export function refreshVCenter(db: DbOrTx, raw: RefreshVCenterInput, env?: VerbEnv): { jobId: string } {
  return vaultVerb(db, refreshVCenterInput, raw, env, ({ tx, input, now }) => {
    const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, input.vcenterId)).get();
    const cs = vc ? findConfigurationServer(tx, input.vaultId, vc.configurationServerId) : undefined;
    if (!vc || !cs) throw notFound("vCenter server", input.vcenterId);
    if (input.accountId) {
      const a = loadAccount(tx, cs.id, input.accountId);
      tx.update(s.vcenters).set({ accountId: a.id }).where(eq(s.vcenters.id, vc.id)).run();
    }
    return { jobId: enqueueDiscovery(tx, now, env, { vaultId: input.vaultId, name: "Refresh server", vcenter: vc }) };
  });
}

/** The "Discover vCenter" job that (re)discovers a server's hosts, datastores and VMs. */
function enqueueDiscovery(
  tx: DbOrTx,
  now: Date,
  env: VerbEnv | undefined,
  job: { vaultId: string; name: string; vcenter: { id: string; name: string } },
): string {
  return enqueueJob(tx, {
    vaultId: job.vaultId,
    now,
    type: JOB_TYPES.discoverVCenter,
    name: job.name,
    targetType: "vcenter",
    targetId: job.vcenter.id,
    targetName: job.vcenter.name,
    input: {},
    steps: discoverVCenterSteps(),
    createdBy: env?.userId ?? null,
  });
}
