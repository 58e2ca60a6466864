/** Update a run-as account's credentials (password encrypted at rest; never returned). */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { encryptSecret } from "@/server/lib/secrets";
import { vaultTarget } from "../validation";
import { notFound } from "../errors";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { findConfigurationServer } from "./load";

export const updateAccountCredentialsInput = vaultTarget.extend({
  accountId: z.string().max(ID_MAX).min(1),
  userName: z.string().trim().min(1).max(128).optional(),
  password: z.string().min(1, "Enter the password.").max(256),
  permission: z.enum(s.ACCOUNT_PERMISSIONS).optional(),
});
export type UpdateAccountCredentialsInput = z.input<typeof updateAccountCredentialsInput>;

export function updateAccountCredentials(db: DbOrTx, raw: UpdateAccountCredentialsInput, env?: VerbEnv) {
  return vaultVerb(db, updateAccountCredentialsInput, raw, env, ({ tx, input, now }) => {
    const a = tx.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, input.accountId)).get();
    if (!a || !findConfigurationServer(tx, input.vaultId, a.configurationServerId)) throw notFound("Account", input.accountId);
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
