import { z } from "zod";
import { createTRPCRouter, readerProcedure } from "../trpc";
import { getVault, listVaults } from "@/server/domain/vault/queries";

export const vaultRouter = createTRPCRouter({
  list: readerProcedure.query(({ ctx }) => listVaults(ctx.db)),
  get: readerProcedure.input(z.object({ vaultId: z.string().min(1) })).query(({ ctx, input }) => getVault(ctx.db, input.vaultId)),
});
