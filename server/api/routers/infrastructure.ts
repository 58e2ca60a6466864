/** Site Recovery infrastructure: configuration servers, process servers, master targets, vCenters, accounts. */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { contributorProcedure, createTRPCRouter, readerProcedure, verb } from "../trpc";
import {
  getConfigurationServer,
  getVCenter,
  listConfigurationServers,
  processServerDeployOptions,
} from "@/server/domain/infrastructure/queries";
import {
  addClassicProcessServer,
  addClassicProcessServerInput,
  deployProcessServer,
  deployProcessServerInput,
} from "@/server/domain/infrastructure/deploy-process-server";
import { addMasterTarget, addMasterTargetInput } from "@/server/domain/infrastructure/add-master-target";
import {
  addVCenter,
  addVCenterInput,
  refreshConfigurationServer,
  refreshConfigurationServerInput,
  refreshVCenter,
  refreshVCenterInput,
} from "@/server/domain/infrastructure/vcenter";
import {
  addAccount,
  addAccountInput,
  updateAccountCredentials,
  updateAccountCredentialsInput,
} from "@/server/domain/infrastructure/accounts";
import { backupConfigurationServer, backupConfigurationServerInput } from "@/server/domain/infrastructure/backup-configuration-server";
import { deleteServer, deleteServerInput, getMasterTarget, getProcessServer } from "@/server/domain/infrastructure/servers";
import { registerProcessServer, registerProcessServerInput } from "@/server/domain/infrastructure/register-process-server";
import { vaultInput } from "../inputs";

export const infrastructureRouter = createTRPCRouter({
  configurationServers: createTRPCRouter({
    list: readerProcedure.input(vaultInput).query(({ ctx, input }) => listConfigurationServers(ctx.db, input.vaultId)),
    get: readerProcedure
      .input(vaultInput.extend({ serverId: z.string().max(ID_MAX).min(1) }))
      .query(({ ctx, input }) => getConfigurationServer(ctx.db, input.vaultId, input.serverId)),
    backup: contributorProcedure
      .meta({ operation: "manageInfrastructure" })
      .input(backupConfigurationServerInput)
      .mutation(verb(backupConfigurationServer, (i) => i.configurationServerId)),
    refresh: contributorProcedure
      .meta({ operation: "manageInfrastructure" })
      .input(refreshConfigurationServerInput)
      .mutation(verb(refreshConfigurationServer, (i) => i.configurationServerId)),
  }),
  processServers: createTRPCRouter({
    get: readerProcedure
      .input(vaultInput.extend({ serverId: z.string().max(ID_MAX).min(1) }))
      .query(({ ctx, input }) => getProcessServer(ctx.db, input.vaultId, input.serverId)),
  }),
  masterTargets: createTRPCRouter({
    get: readerProcedure
      .input(vaultInput.extend({ serverId: z.string().max(ID_MAX).min(1) }))
      .query(({ ctx, input }) => getMasterTarget(ctx.db, input.vaultId, input.serverId)),
  }),
  deleteServer: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(deleteServerInput)
    .mutation(verb(deleteServer, (i) => i.serverId)),
  vcenters: createTRPCRouter({
    get: readerProcedure
      .input(vaultInput.extend({ vcenterId: z.string().max(ID_MAX).min(1) }))
      .query(({ ctx, input }) => getVCenter(ctx.db, input.vaultId, input.vcenterId)),
  }),
  processServerDeployOptions: readerProcedure
    .input(vaultInput)
    .query(({ ctx, input }) => processServerDeployOptions(ctx.db, input.vaultId)),
  // The passwords in these inputs never reach the activity log: recordAudit redacts them.
  deployProcessServer: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(deployProcessServerInput)
    .mutation(verb(deployProcessServer, (i) => i.name)),
  addClassicProcessServer: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(addClassicProcessServerInput)
    .mutation(verb(addClassicProcessServer, (i) => i.name)),
  // The passphrase never reaches the activity log (recordAudit redacts it) nor the job: it is stored encrypted.
  registerProcessServer: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(registerProcessServerInput)
    .mutation(verb(registerProcessServer, (i) => i.processServerId)),
  addMasterTarget: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(addMasterTargetInput)
    .mutation(verb(addMasterTarget, (i) => i.name)),
  addVCenter: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(addVCenterInput)
    .mutation(verb(addVCenter, (i) => i.name)),
  refreshVCenter: contributorProcedure
    .meta({ operation: "manageInfrastructure" })
    .input(refreshVCenterInput)
    .mutation(verb(refreshVCenter, (i) => i.vcenterId)),
  addAccount: contributorProcedure
    .meta({ operation: "manageAccounts" })
    .input(addAccountInput)
    .mutation(verb(addAccount, (i) => i.friendlyName)),
  updateAccountCredentials: contributorProcedure
    .meta({ operation: "manageAccounts" })
    .input(updateAccountCredentialsInput)
    .mutation(verb(updateAccountCredentials, (i) => i.accountId)),
});
