/** Lab: fault switches and the simulation speed. */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { contributorProcedure, createTRPCRouter, readerProcedure, verb } from "../trpc";
import { clearFault, faultInput, getLab, setFault, type FaultInput } from "@/server/domain/lab/faults";
import { setSimulationSpeed } from "@/server/jobs/clock";
import { vaultInput } from "../inputs";

const faultTarget = (i: FaultInput) => `${i.fault}:${i.targetId}`;

export const labRouter = createTRPCRouter({
  get: readerProcedure.input(vaultInput).query(({ ctx, input }) => getLab(ctx.db, input.vaultId)),
  setFault: contributorProcedure.meta({ operation: "lab" }).input(faultInput).mutation(verb(setFault, faultTarget)),
  clearFault: contributorProcedure.meta({ operation: "lab" }).input(faultInput).mutation(verb(clearFault, faultTarget)),
  setSpeed: contributorProcedure
    .meta({ operation: "lab" })
    .input(z.object({ vaultId: z.string().max(ID_MAX).min(1), speed: z.number() }))
    .mutation(
      verb(
        (tx, i: { vaultId: string; speed: number }) => setSimulationSpeed(tx, i.vaultId, i.speed),
        (i) => String(i.speed),
      ),
    ),
});
