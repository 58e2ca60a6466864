/** Add or refresh a vCenter server / standalone ESXi host, discovered through a run-as account (job "Discover vCenter"). */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { encryptSecret } from "@/server/lib/secrets";
import { addVCenterInput, refreshVCenterInput, type AddVCenterInput, type RefreshVCenterInput } from "./inputs";
import { verifyCredentials } from "./accounts";
import { recordMasterTargetChecks } from "./master-target-checks";
import { backupConfigurationServerInput, type BackupConfigurationServerInput } from "./backup-configuration-server";
import { DomainError, invalid, notFound } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer, loadAccount, loadConfigurationServer, nameInUse } from "./load";
import { enqueueJob } from "@/server/jobs/engine";
import { discoverVCenterSteps, JOB_TYPES } from "../steps";

export { addVCenterInput, refreshVCenterInput };
export type { AddVCenterInput, RefreshVCenterInput };

export function addVCenter(db: DbOrTx, raw: AddVCenterInput, env?: VerbEnv): { vcenterId: string; accountId: string; jobId: string } {
  return vaultVerb(db, addVCenterInput, raw, env, ({ tx, input, now, fabric }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    if (!!input.accountId === !!input.newAccount) throw invalid("accountId", "Choose a run-as account or add a new one.");
    const sameAddress = tx
      .select()
      .from(s.vcenters)
      .where(and(eq(s.vcenters.configurationServerId, cs.id), sql`lower(${s.vcenters.ip}) = lower(${input.ip})`))
      .get();
    if (sameAddress)
      throw new DomainError("Conflict", {
        code: CODES.vcenterAlreadyAdded,
        message: `${input.ip} is already added to ${cs.name} as ${sameAddress.name}.`,
        recommendedAction: `Refresh ${sameAddress.name} instead.`,
        fieldErrors: { ip: [`${input.ip} is already added as ${sameAddress.name}; refresh it instead.`] },
      });
    // An ESXi host that a vCenter server of the configuration server already manages.
    const managed =
      input.kind === "esxi"
        ? tx
            .select({ host: s.esxiHosts.name, vcenter: s.vcenters.name })
            .from(s.esxiHosts)
            .innerJoin(s.vcenters, eq(s.vcenters.id, s.esxiHosts.vcenterId))
            .where(
              and(
                eq(s.vcenters.configurationServerId, cs.id),
                sql`(lower(${s.esxiHosts.name}) = lower(${input.ip}) or lower(${s.esxiHosts.name}) like lower(${input.ip}) || '.%')`,
              ),
            )
            .get()
        : undefined;
    if (managed)
      throw new DomainError("Conflict", {
        code: CODES.vcenterAlreadyAdded,
        message: `The ESXi host ${managed.host} is already discovered through the vCenter server ${managed.vcenter}.`,
        recommendedAction: `Refresh ${managed.vcenter} instead.`,
        fieldErrors: { ip: [`${managed.host} is already discovered through ${managed.vcenter}.`] },
      });
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
      // A new account's credentials are checked on the server first: a wrong password saves nothing.
      let permission = input.newAccount.permission ?? "full";
      try {
        permission = verifyCredentials(fabric(), [{ ...vcenterRow(cs.id, input), id: "" }], input.newAccount) ?? permission;
      } catch (e) {
        if (e instanceof DomainError && e.fieldErrors?.password)
          throw invalid("newAccount.password", `${input.name} rejected the user name or password.`);
        throw e;
      }
      accountId = crypto.randomUUID();
      tx.insert(s.runAsAccounts)
        .values({
          id: accountId,
          configurationServerId: cs.id,
          friendlyName: input.newAccount.friendlyName,
          userName: input.newAccount.userName,
          secretEnc: encryptSecret(input.newAccount.password),
          secretChangedAt: now,
          permission,
        })
        .run();
    }
    if (nameInUse(tx, s.vcenters, cs.id, input.name))
      throw invalid("name", `${input.name} is already added to ${cs.name}; refresh it instead.`);
    const vcenterId = crypto.randomUUID();
    tx.insert(s.vcenters)
      .values({ ...vcenterRow(cs.id, input), id: vcenterId, accountId })
      .run();
    const jobId = enqueueDiscovery(tx, now, env, {
      vaultId: input.vaultId,
      name: input.kind === "esxi" ? "Discover ESXi host" : "Discover vCenter",
      vcenter: { id: vcenterId, name: input.name },
    });
    return { vcenterId, accountId, jobId };
  });
}

/** The discovery job of a vCenter server that has not finished yet, if any. */
function runningDiscovery(db: DbOrTx, vcenterId: string): { id: string } | undefined {
  return db
    .select({ id: s.jobs.id })
    .from(s.jobs)
    .where(
      and(
        eq(s.jobs.type, JOB_TYPES.discoverVCenter),
        eq(s.jobs.targetId, vcenterId),
        inArray(s.jobs.status, ["not-started", "in-progress", "waiting-for-input"]),
      ),
    )
    .get();
}

/**
 * Refresh is refused while a discovery of the server runs (it reads the server again when it
 * reaches its step): the refusal, or null. The vCenter page disables Refresh with it.
 */
export function refreshRefusal(db: DbOrTx, vc: { id: string; name: string }): DomainError | null {
  const job = runningDiscovery(db, vc.id);
  if (!job) return null;
  return new DomainError("Conflict", {
    code: CODES.operationInProgress,
    message: `A discovery of ${vc.name} is already running.`,
    possibleCauses: "The server was just added or refreshed; its discovery job has not finished.",
    recommendedAction: "Wait for the discovery job to finish (see Jobs), then refresh again if needed.",
  });
}

export function refreshVCenter(db: DbOrTx, raw: RefreshVCenterInput, env?: VerbEnv): { jobId: string } {
  return vaultVerb(db, refreshVCenterInput, raw, env, ({ tx, input, now }) => {
    const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, input.vcenterId)).get();
    const cs = vc ? findConfigurationServer(tx, input.vaultId, vc.configurationServerId) : undefined;
    if (!vc || !cs) throw notFound("vCenter server", input.vcenterId);
    const busy = refreshRefusal(tx, vc);
    if (busy) throw busy;
    if (input.accountId) {
      const a = loadAccount(tx, cs.id, input.accountId);
      tx.update(s.vcenters).set({ accountId: a.id }).where(eq(s.vcenters.id, vc.id)).run();
    }
    return { jobId: enqueueDiscovery(tx, now, env, { vaultId: input.vaultId, name: "Refresh server", vcenter: vc }) };
  });
}

/** The row of a server being added (no account, never discovered yet). */
function vcenterRow(configurationServerId: string, input: { name: string; kind: s.VCenterKind; ip: string; port: number }) {
  return {
    configurationServerId,
    name: input.name,
    kind: input.kind,
    ip: input.ip,
    port: input.port,
    accountId: null,
    discoveredAt: null,
    lastRefreshAt: null,
  };
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

export const refreshConfigurationServerInput = backupConfigurationServerInput;

/**
 * Refresh on a configuration server: every vCenter server and ESXi host it discovers is discovered
 * again, and the checklist of every master target is read again.
 */
export function refreshConfigurationServer(db: DbOrTx, raw: BackupConfigurationServerInput, env?: VerbEnv): { jobIds: string[] } {
  return vaultVerb(db, refreshConfigurationServerInput, raw, env, ({ tx, input, now, fabric }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    for (const mt of tx
      .select({ id: s.masterTargets.id })
      .from(s.masterTargets)
      .where(eq(s.masterTargets.configurationServerId, cs.id))
      .all())
      recordMasterTargetChecks(tx, fabric(), mt.id, now);
    // A server whose discovery is still running is not queued again: that discovery reads it.
    const servers = tx
      .select()
      .from(s.vcenters)
      .where(eq(s.vcenters.configurationServerId, cs.id))
      .all()
      .filter((vc) => !runningDiscovery(tx, vc.id));
    return {
      jobIds: servers.map((vc) => enqueueDiscovery(tx, now, env, { vaultId: input.vaultId, name: "Refresh server", vcenter: vc })),
    };
  });
}
