import { createTRPCRouter, readerProcedure } from "../trpc";
import { getVault, listVaults } from "@/server/domain/vault/queries";
import { vaultInput } from "../inputs";

export const vaultRouter = createTRPCRouter({
  list: readerProcedure.query(({ ctx }) => listVaults(ctx.db)),
  get: readerProcedure.input(vaultInput).query(({ ctx, input }) => getVault(ctx.db, input.vaultId)),
});
