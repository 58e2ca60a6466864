/** Update a run-as account's credentials (password encrypted at rest; never returned). */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { ACCOUNT_PERMISSIONS } from "@/db/schema";
import { encryptSecret } from "@/server/lib/secrets";
import { parseInput } from "../validation";
import { notFound } from "../errors";
import { envNow, type VerbEnv } from "../env";

export const updateAccountCredentialsInput = z.object({
  vaultId: z.string().min(1),
  accountId: z.string().min(1),
  userName: z.string().trim().min(1).max(128).optional(),
  password: z.string().min(1, "Enter the password.").max(256),
  permission: z.enum(ACCOUNT_PERMISSIONS).optional(),
});
export type UpdateAccountCredentialsInput = z.input<typeof updateAccountCredentialsInput>;

export function updateAccountCredentials(db: DbOrTx, raw: UpdateAccountCredentialsInput, env?: VerbEnv) {
  const input = parseInput(updateAccountCredentialsInput, raw);
  return db.transaction((tx) => {
    const now = envNow(tx, input.vaultId, env);
    const a = tx.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, input.accountId)).get();
    const cs = a
      ? tx
          .select()
          .from(s.configurationServers)
          .where(and(eq(s.configurationServers.id, a.configurationServerId), eq(s.configurationServers.vaultId, input.vaultId)))
          .get()
      : undefined;
    if (!a || !cs) throw notFound("Account", input.accountId);
    tx.update(s.runAsAccounts)
      .set({
        secretEnc: encryptSecret(input.password),
        secretChangedAt: now,
        ...(input.userName ? { userName: input.userName } : {}),
        ...(input.permission ? { permission: input.permission } : {}),
      })
      .where(eq(s.runAsAccounts.id, a.id))
      .run();
    return {
      accountId: a.id,
      secret: { set: true, changedAt: now },
      message: "Credentials updated. Refresh the vCenter servers that use this account, then retry failed jobs.",
    };
  });
}
