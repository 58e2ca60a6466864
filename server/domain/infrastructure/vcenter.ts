/** Add or refresh a vCenter server / standalone ESXi host, discovered through a run-as account (job "Discover vCenter"). */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { ACCOUNT_PERMISSIONS, VCENTER_KINDS } from "@/db/schema";
import { encryptSecret } from "@/server/lib/secrets";
import { parseInput } from "../validation";
import { invalid, notFound } from "../errors";
import { envNow, type VerbEnv } from "../env";
import { enqueueJob } from "@/server/jobs/engine";
import { discoverVCenterSteps, JOB_TYPES } from "../steps";

export const addVCenterInput = z.object({
  vaultId: z.string().min(1),
  configurationServerId: z.string().min(1),
  kind: z.enum(VCENTER_KINDS).default("vcenter"),
  name: z.string().trim().min(1, "Enter the server name.").max(80),
  ip: z.string().trim().min(1, "Enter the IP address or FQDN.").max(253),
  port: z.number().int().min(1).max(65535).default(443),
  /** An existing run-as account, or a new one. */
  accountId: z.string().min(1).optional(),
  newAccount: z
    .object({
      friendlyName: z.string().trim().min(1).max(64),
      userName: z.string().trim().min(1).max(128),
      password: z.string().min(1).max(256),
      permission: z.enum(ACCOUNT_PERMISSIONS).default("full"),
    })
    .optional(),
});
export type AddVCenterInput = z.input<typeof addVCenterInput>;

export function addVCenter(db: DbOrTx, raw: AddVCenterInput, env?: VerbEnv): { vcenterId: string; accountId: string; jobId: string } {
  const input = parseInput(addVCenterInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const cs = tx
      .select()
      .from(s.configurationServers)
      .where(and(eq(s.configurationServers.id, input.configurationServerId), eq(s.configurationServers.vaultId, input.vaultId)))
      .get();
    if (!cs) throw notFound("Configuration server", input.configurationServerId);
    if (!!input.accountId === !!input.newAccount) throw invalid("accountId", "Choose a run-as account or add a new one.");
    let accountId = input.accountId ?? "";
    if (input.accountId) {
      const a = tx
        .select()
        .from(s.runAsAccounts)
        .where(and(eq(s.runAsAccounts.id, input.accountId), eq(s.runAsAccounts.configurationServerId, cs.id)))
        .get();
      if (!a) throw notFound("Account", input.accountId);
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
    if (
      tx
        .select()
        .from(s.vcenters)
        .where(and(eq(s.vcenters.configurationServerId, cs.id), eq(s.vcenters.name, input.name)))
        .get()
    )
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
    const jobId = enqueueJob(tx, {
      vaultId: input.vaultId,
      now,
      type: JOB_TYPES.discoverVCenter,
      name: input.kind === "esxi" ? "Discover ESXi host" : "Discover vCenter",
      targetType: "vcenter",
      targetId: vcenterId,
      targetName: input.name,
      input: {},
      steps: discoverVCenterSteps(),
      createdBy: env?.userId ?? null,
    });
    return { vcenterId, accountId, jobId };
  });
}

export const refreshVCenterInput = z.object({
  vaultId: z.string().min(1),
  vcenterId: z.string().min(1),
  accountId: z.string().min(1).optional(),
});
export type RefreshVCenterInput = z.input<typeof refreshVCenterInput>;

export function refreshVCenter(db: DbOrTx, raw: RefreshVCenterInput, env?: VerbEnv): { jobId: string } {
  const input = parseInput(refreshVCenterInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, input.vcenterId)).get();
    const cs = vc
      ? tx
          .select()
          .from(s.configurationServers)
          .where(and(eq(s.configurationServers.id, vc.configurationServerId), eq(s.configurationServers.vaultId, input.vaultId)))
          .get()
      : undefined;
    if (!vc || !cs) throw notFound("vCenter server", input.vcenterId);
    if (input.accountId) {
      const a = tx
        .select()
        .from(s.runAsAccounts)
        .where(and(eq(s.runAsAccounts.id, input.accountId), eq(s.runAsAccounts.configurationServerId, cs.id)))
        .get();
      if (!a) throw notFound("Account", input.accountId);
      tx.update(s.vcenters).set({ accountId: a.id }).where(eq(s.vcenters.id, vc.id)).run();
    }
    const jobId = enqueueJob(tx, {
      vaultId: input.vaultId,
      now,
      type: JOB_TYPES.discoverVCenter,
      name: "Refresh server",
      targetType: "vcenter",
      targetId: vc.id,
      targetName: vc.name,
      input: {},
      steps: discoverVCenterSteps(),
      createdBy: env?.userId ?? null,
    });
    return { jobId };
  });
}
