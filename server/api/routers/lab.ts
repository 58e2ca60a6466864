/** Lab: fault switches and the simulation speed. */
import { z } from "zod";
import { contributorProcedure, createTRPCRouter, readerProcedure, runMutation } from "../trpc";
import { clearFault, faultInput, getLab, setFault } from "@/server/domain/lab/faults";
import { setSimulationSpeed } from "@/server/jobs/clock";
import { vaultInput } from "../inputs";

export const labRouter = createTRPCRouter({
  get: readerProcedure.input(vaultInput).query(({ ctx, input }) => getLab(ctx.db, input.vaultId)),
  setFault: contributorProcedure
    .meta({ operation: "lab" })
    .input(faultInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "lab.setFault", target: `${input.fault}:${input.targetId}`, input, vaultId: input.vaultId }, (tx) =>
        setFault(tx, input),
      ),
    ),
  clearFault: contributorProcedure
    .meta({ operation: "lab" })
    .input(faultInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "lab.clearFault", target: `${input.fault}:${input.targetId}`, input, vaultId: input.vaultId }, (tx) =>
        clearFault(tx, input),
      ),
    ),
  setSpeed: contributorProcedure
    .meta({ operation: "lab" })
    .input(z.object({ vaultId: z.string().min(1), speed: z.number() }))
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "lab.setSpeed", target: String(input.speed), input, vaultId: input.vaultId }, (tx) =>
        setSimulationSpeed(tx, input.vaultId, input.speed),
      ),
    ),
});
