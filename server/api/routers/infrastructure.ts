/** Site Recovery infrastructure: configuration servers, process servers, master targets, vCenters, accounts. */
import { z } from "zod";
import { contributorProcedure, createTRPCRouter, readerProcedure, runMutation } from "../trpc";
import { getConfigurationServer, listConfigurationServers, processServerDeployOptions } from "@/server/domain/infrastructure/queries";
import { deployProcessServer, deployProcessServerInput } from "@/server/domain/infrastructure/deploy-process-server";
import { addMasterTarget, addMasterTargetInput } from "@/server/domain/infrastructure/add-master-target";
import { addVCenter, addVCenterInput, refreshVCenter, refreshVCenterInput } from "@/server/domain/infrastructure/vcenter";
import { updateAccountCredentials, updateAccountCredentialsInput } from "@/server/domain/infrastructure/accounts";
import { backupConfigurationServer, backupConfigurationServerInput } from "@/server/domain/infrastructure/backup-configuration-server";
import { vaultInput, verbEnv } from "../inputs";

export const infrastructureRouter = createTRPCRouter({
  configurationServers: createTRPCRouter({
    list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listConfigurationServers(ctx.db, input.vaultId)),
    get: readerProcedure
      .input(vaultInput.extend({ serverId: z.string().min(1) }))
      .query(({ ctx, input }) => getConfigurationServer(ctx.db, input.vaultId, input.serverId)),
    backup: contributorProcedure
      .meta({ operation: "manageInfrastructure" })
      .input(backupConfigurationServerInput)
      .mutation(({ ctx, input }) =>
        runMutation(
          ctx,
          { operation: "infrastructure.configurationServers.backup", target: input.configurationServerId, input, vaultId: input.vaultId },
          (tx) => backupConfigurationServer(tx, input, verbEnv(ctx)),
        ),
      ),
  }),
  processServerDeployOptions: readerProcedure
    .input(vaultInput)
    .query(({ ctx, input }) => processServerDeployOptions(ctx.db, input.vaultId)),
  deployProcessServer: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(deployProcessServerInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "infrastructure.deployProcessServer",
          target: input.name,
          input: { ...input, password: "[redacted]" },
          vaultId: input.vaultId,
        },
        (tx) => deployProcessServer(tx, input, verbEnv(ctx)),
      ),
    ),
  addMasterTarget: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(addMasterTargetInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "infrastructure.addMasterTarget", target: input.name, input, vaultId: input.vaultId }, (tx) =>
        addMasterTarget(tx, input, verbEnv(ctx)),
      ),
    ),
  addVCenter: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(addVCenterInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "infrastructure.addVCenter",
          target: input.name,
          input: { ...input, newAccount: input.newAccount ? { ...input.newAccount, password: "[redacted]" } : undefined },
          vaultId: input.vaultId,
        },
        (tx) => addVCenter(tx, input, verbEnv(ctx)),
      ),
    ),
  refreshVCenter: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(refreshVCenterInput)
    .mutation(({ ctx, input }) =>
      runMutation(ctx, { operation: "infrastructure.refreshVCenter", target: input.vcenterId, input, vaultId: input.vaultId }, (tx) =>
        refreshVCenter(tx, input, verbEnv(ctx)),
      ),
    ),
  updateAccountCredentials: contributorProcedure
    .meta({ operation: "manageAccounts" })
    .input(updateAccountCredentialsInput)
    .mutation(({ ctx, input }) =>
      runMutation(
        ctx,
        {
          operation: "infrastructure.updateAccountCredentials",
          target: input.accountId,
          input: { ...input, password: "[redacted]" },
          vaultId: input.vaultId,
        },
        (tx) => updateAccountCredentials(tx, input, verbEnv(ctx)),
      ),
    ),
});
