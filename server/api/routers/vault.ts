import { createTRPCRouter, readerProcedure } from "../trpc";
import { getVault, listVaultsOf } from "@/server/domain/vault/queries";
import { vaultInput } from "../inputs";

export const vaultRouter = createTRPCRouter({
  /** Only the vaults the caller has a role in. */
  list: readerProcedure.query(({ ctx }) => listVaultsOf(ctx.db, ctx.user.id)),
  get: readerProcedure.input(vaultInput).query(({ ctx, input }) => getVault(ctx.db, input.vaultId)),
});
