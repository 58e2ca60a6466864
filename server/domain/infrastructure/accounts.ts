/** Run-as accounts: add one, update its credentials (password encrypted at rest; never returned). */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { AccountPermission } from "@/db/schema";
import type { FabricPort } from "@/server/fabric/port";
import { encryptSecret } from "@/server/lib/secrets";
import { invalid, notFound } from "../errors";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer, loadConfigurationServer } from "./load";
import { addAccountInput, updateAccountCredentialsInput, type AddAccountInput, type UpdateAccountCredentialsInput } from "./inputs";

export { addAccountInput, updateAccountCredentialsInput };
export type { AddAccountInput, UpdateAccountCredentialsInput };

/** Where an account is used: the vCenter servers and ESXi hosts that are discovered through it. */
export function vcentersUsingAccount(db: DbOrTx, accountId: string) {
  return db.select().from(s.vcenters).where(eq(s.vcenters.accountId, accountId)).all();
}

/**
 * Signs in with the credentials on every server that uses the account: a server that rejects them
 * refuses the change (a field error on the password); the permission is what the servers grant
 * (read-only when any of them grants only that). Null when no server answered.
 */
export function verifyCredentials(
  fabric: FabricPort,
  servers: (typeof s.vcenters.$inferSelect)[],
  credentials: { userName: string; password: string },
): AccountPermission | null {
  let permission: AccountPermission | null = null;
  for (const vc of servers) {
    const r = fabric.discoverVCenter({ address: vc.ip, port: vc.port, ...credentials });
    if (r.status === "rejected")
      throw invalid(
        "password",
        `${vc.name} rejected the user name or password.`,
        `Enter the credentials of a ${vc.kind === "esxi" ? "ESXi host" : "vCenter"} user with full permissions.`,
      );
    if (r.status === "connected") permission = permission === "read-only" || r.permission === "read-only" ? "read-only" : "full";
  }
  return permission;
}

export function addAccount(db: DbOrTx, raw: AddAccountInput, env?: VerbEnv): { accountId: string } {
  return vaultVerb(db, addAccountInput, raw, env, ({ tx, input, now }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    const taken = tx
      .select({ id: s.runAsAccounts.id })
      .from(s.runAsAccounts)
      .where(and(eq(s.runAsAccounts.configurationServerId, cs.id), eq(s.runAsAccounts.friendlyName, input.friendlyName)))
      .get();
    if (taken) throw invalid("friendlyName", `An account named ${input.friendlyName} exists already on ${cs.name}.`);
    const accountId = crypto.randomUUID();
    tx.insert(s.runAsAccounts)
      .values({
        id: accountId,
        configurationServerId: cs.id,
        friendlyName: input.friendlyName,
        userName: input.userName,
        secretEnc: encryptSecret(input.password),
        secretChangedAt: now,
        // What a server grants it is learnt when a vCenter is discovered through it.
        permission: "full",
      })
      .run();
    return { accountId };
  });
}

export function updateAccountCredentials(db: DbOrTx, raw: UpdateAccountCredentialsInput, env?: VerbEnv) {
  return vaultVerb(db, updateAccountCredentialsInput, raw, env, ({ tx, input, now, fabric }) => {
    const a = tx.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, input.accountId)).get();
    if (!a || !findConfigurationServer(tx, input.vaultId, a.configurationServerId)) throw notFound("Account", input.accountId);
    const servers = vcentersUsingAccount(tx, a.id);
    const permission = verifyCredentials(fabric(), servers, input) ?? a.permission;
    tx.update(s.runAsAccounts)
      .set({ userName: input.userName, secretEnc: encryptSecret(input.password), secretChangedAt: now, permission })
      .where(eq(s.runAsAccounts.id, a.id))
      .run();
    return {
      accountId: a.id,
      permission,
      secret: { set: true, changedAt: now },
      message:
        permission === "full"
          ? "Credentials updated: the account has full permissions. Retry the jobs that failed."
          : "Credentials updated, but the account is still read-only: no datastores are listed for failback.",
    };
  });
}
