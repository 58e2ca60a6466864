/** Back up the configuration server's database (failback needs the machines in it; restore with the same IP). */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { vaultTarget } from "../validation";
import { notFound } from "../errors";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";

export const backupConfigurationServerInput = vaultTarget.extend({ configurationServerId: z.string().max(ID_MAX).min(1) });
export type BackupConfigurationServerInput = z.input<typeof backupConfigurationServerInput>;

export function backupConfigurationServer(db: DbOrTx, raw: BackupConfigurationServerInput, env?: VerbEnv) {
  return vaultVerb(db, backupConfigurationServerInput, raw, env, ({ tx, input, now }) => {
    const res = tx
      .update(s.configurationServers)
      .set({ lastBackupAt: now })
      .where(and(eq(s.configurationServers.id, input.configurationServerId), eq(s.configurationServers.vaultId, input.vaultId)))
      .run();
    if (res.changes !== 1) throw notFound("Configuration server", input.configurationServerId);
    return { configurationServerId: input.configurationServerId, lastBackupAt: now };
  });
}
