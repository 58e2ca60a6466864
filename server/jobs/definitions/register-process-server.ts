/** Job "Register process server": the process server connects to the configuration server with the passphrase and registers. */
import { fabricFor } from "@/server/fabric";
import type { JobDefinition } from "../types";
import { JOB_TYPES, type RegisterProcessServerJobInput } from "@/server/domain/steps";
import {
  connectForRegistration,
  finishRegistration,
  refuseRegistrationRestart,
  undoRegistration,
} from "@/server/domain/infrastructure/register-process-server";

const inputOf = (job: { input: unknown }) => job.input as RegisterProcessServerJobInput;

export const registerProcessServerDefinition: JobDefinition = {
  type: JOB_TYPES.registerProcessServer,
  steps: {
    connect: ({ tx, job, now }) => connectForRegistration(tx, fabricFor(tx, job.vaultId, now), job.targetId, inputOf(job), false),
    authenticate: ({ tx, job, now }) => connectForRegistration(tx, fabricFor(tx, job.vaultId, now), job.targetId, inputOf(job), true),
    register: ({ tx, job, now }) => finishRegistration(tx, job.targetId, inputOf(job), now),
  },
  onFailed: ({ tx, job }) => undoRegistration(tx, job.targetId),
  onCancelled: ({ tx, job }) => undoRegistration(tx, job.targetId),
  onRestart: ({ tx, job }) => refuseRegistrationRestart(tx, job.targetId),
};
