import { z } from "zod";
import { createTRPCRouter, readerProcedure } from "../trpc";
import { getRecoveryPlan, listRecoveryPlans } from "@/server/domain/recovery-plan/queries";

const vaultInput = z.object({ vaultId: z.string().min(1) });

export const plansRouter = createTRPCRouter({
  list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listRecoveryPlans(ctx.db, input.vaultId)),
  get: readerProcedure.input(vaultInput.extend({ planId: z.string().min(1) })).query(({ ctx, input }) => getRecoveryPlan(ctx.db, input.vaultId, input.planId)),
});
