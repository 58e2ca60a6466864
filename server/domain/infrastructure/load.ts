/** Lookups the infrastructure verbs share: a configuration server of the vault, its accounts, its servers' names. */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { notFound } from "../errors";

export type ConfigurationServerRow = typeof s.configurationServers.$inferSelect;

/** The configuration server `id` when it belongs to the vault. */
export function findConfigurationServer(db: DbOrTx, vaultId: string, id: string): ConfigurationServerRow | undefined {
  return db
    .select()
    .from(s.configurationServers)
    .where(and(eq(s.configurationServers.id, id), eq(s.configurationServers.vaultId, vaultId)))
    .get();
}

export function loadConfigurationServer(db: DbOrTx, vaultId: string, id: string): ConfigurationServerRow {
  const cs = findConfigurationServer(db, vaultId, id);
  if (!cs) throw notFound("Configuration server", id);
  return cs;
}

/** A run-as account of the configuration server. */
export function loadAccount(db: DbOrTx, configurationServerId: string, accountId: string) {
  const a = db
    .select()
    .from(s.runAsAccounts)
    .where(and(eq(s.runAsAccounts.id, accountId), eq(s.runAsAccounts.configurationServerId, configurationServerId)))
    .get();
  if (!a) throw notFound("Account", accountId);
  return a;
}

/** Servers registered with a configuration server, whose names are unique there. */
type NamedServers = typeof s.processServers | typeof s.masterTargets | typeof s.vcenters;

/** Whether a server of that kind already has `name` on the configuration server. */
export function nameInUse(db: DbOrTx, table: NamedServers, configurationServerId: string, name: string): boolean {
  return !!db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.configurationServerId, configurationServerId), eq(table.name, name)))
    .get();
}
