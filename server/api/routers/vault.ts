import { createTRPCRouter, readerProcedure } from "../trpc";
import { getVault, listVaultsOf } from "@/server/domain/vault/queries";
import {
  configurationIssues,
  errorSummary,
  healthCounts,
  infrastructureView,
  jobsLast24Hours,
  rpoDistribution,
  statusCounts,
  testFailoverSuccess,
} from "@/server/domain/vault/overview";
import { vaultInput } from "../inputs";

/** The Overview's tiles: one query each, so one failing tile leaves the others standing. */
const tile = <T>(read: (db: Parameters<typeof healthCounts>[0], vaultId: string) => T) =>
  readerProcedure.input(vaultInput).query(({ ctx, input }) => read(ctx.db, input.vaultId));

export const vaultRouter = createTRPCRouter({
  /** Only the vaults the caller has a role in. */
  list: readerProcedure.query(({ ctx }) => listVaultsOf(ctx.db, ctx.user.id)),
  get: readerProcedure.input(vaultInput).query(({ ctx, input }) => getVault(ctx.db, input.vaultId)),
  overview: createTRPCRouter({
    health: tile(healthCounts),
    status: tile(statusCounts),
    testFailoverSuccess: tile(testFailoverSuccess),
    configurationIssues: tile(configurationIssues),
    errorSummary: tile(errorSummary),
    infrastructure: tile(infrastructureView),
    jobsLast24Hours: tile(jobsLast24Hours),
    rpoDistribution: tile(rpoDistribution),
  }),
});
