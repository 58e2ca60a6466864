/**
 * Register on a process server's page: the second job of a failback process server (after "Deploy
 * process server", or by hand for one created from the Marketplace image in a classic network).
 * The process server connects to the configuration server's IP on the port (443 unless changed)
 * with the passphrase, and receives replication data on its data port (9443 unless changed). The
 * passphrase is stored encrypted on the process server for the job and never returned; until the
 * job succeeds the process server serves nothing (check 1, FB-0104).
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { FabricPort } from "@/server/fabric/port";
import { decryptSecret, encryptSecret } from "@/server/lib/secrets";
import { enqueueJob } from "@/server/jobs/engine";
import { DomainError, conflictInProgress, invalid, notFound } from "../errors";
import { CODES } from "../checks/codes";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { JOB_TYPES, registerProcessServerSteps, type RegisterProcessServerJobInput } from "../steps";
import { findConfigurationServer } from "./load";
import { registerProcessServerInput, type RegisterProcessServerInput } from "./inputs";

export { registerProcessServerInput, type RegisterProcessServerInput };

type ProcessServerRow = typeof s.processServers.$inferSelect;

/** Where the administrator finds the Register command (a portal path the error display links). */
export const processServerPlace = (csName: string, psName: string) => `Configuration Servers > ${csName} > Process servers > ${psName}`;

function loadProcessServer(db: DbOrTx, vaultId: string, id: string) {
  const ps = db.select().from(s.processServers).where(eq(s.processServers.id, id)).get();
  const cs = ps ? findConfigurationServer(db, vaultId, ps.configurationServerId) : undefined;
  if (!ps || !cs) throw notFound("Process server", id);
  return { ps, cs };
}

/** Why the process server cannot be registered now (null when it can). */
export function registrationRefusal(ps: Pick<ProcessServerRow, "name" | "status">, csName: string): DomainError | null {
  switch (ps.status) {
    case "deployed":
      return null;
    case "registering":
      return conflictInProgress(ps.name);
    case "deploying":
      return new DomainError("NotAllowed", {
        code: CODES.psRegistrationNotAllowed,
        message: `${ps.name} is still being deployed; it can be registered once the Deploy process server job has finished.`,
        possibleCauses: "The process server virtual machine is not installed yet.",
        recommendedAction: "Wait for the Deploy process server job to finish (see Jobs), then register it.",
      });
    case "registered":
      return new DomainError("NotAllowed", {
        code: CODES.psRegistrationNotAllowed,
        message: `${ps.name} is already registered with the configuration server ${csName}.`,
        recommendedAction: "Nothing to do: it can be chosen for re-protect and failback.",
      });
  }
}

export function registerProcessServer(db: DbOrTx, raw: RegisterProcessServerInput, env?: VerbEnv): { jobId: string } {
  return vaultVerb(db, registerProcessServerInput, raw, env, ({ tx, input, now }) => {
    const { ps, cs } = loadProcessServer(tx, input.vaultId, input.processServerId);
    const refusal = registrationRefusal(ps, cs.name);
    if (refusal) throw refusal;
    if (input.configurationServerIp !== cs.ip)
      throw invalid(
        "configurationServerIp",
        `${input.configurationServerIp} is not the address of the configuration server ${cs.name} (${cs.ip}).`,
        `Enter the IP address of ${cs.name}.`,
      );
    if (input.dataPort === input.httpsPort) throw invalid("dataPort", "The data port must differ from the port.");
    // The guarded update takes the process server: a second Register in the meantime finds it registering.
    const taken = tx
      .update(s.processServers)
      .set({ status: "registering", passphraseEnc: encryptSecret(input.passphrase) })
      .where(and(eq(s.processServers.id, ps.id), eq(s.processServers.status, "deployed")))
      .run();
    if (taken.changes !== 1) throw conflictInProgress(ps.name);
    const jobInput: RegisterProcessServerJobInput = {
      configurationServerId: cs.id,
      configurationServerIp: input.configurationServerIp,
      httpsPort: input.httpsPort,
      dataPort: input.dataPort,
    };
    const jobId = enqueueJob(tx, {
      vaultId: input.vaultId,
      now,
      type: JOB_TYPES.registerProcessServer,
      name: "Register process server",
      targetType: "process-server",
      targetId: ps.id,
      targetName: ps.name,
      // The passphrase stays on the process server, encrypted; never in the job.
      input: jobInput,
      steps: registerProcessServerSteps(),
      createdBy: env?.userId ?? null,
    });
    return { jobId };
  });
}

/**
 * The job's connection to the configuration server: refuses (failing the job) when nothing
 * answers at the address and port, or when the passphrase is rejected. `checkPassphrase` false
 * stops at the connection (the Connect step).
 */
export function connectForRegistration(
  tx: DbOrTx,
  fabric: FabricPort,
  processServerId: string,
  input: RegisterProcessServerJobInput,
  checkPassphrase: boolean,
): void {
  const ps = tx.select().from(s.processServers).where(eq(s.processServers.id, processServerId)).get();
  if (!ps) throw notFound("Process server", processServerId);
  const cs = tx.select().from(s.configurationServers).where(eq(s.configurationServers.id, input.configurationServerId)).get();
  if (!cs) throw notFound("Configuration server", input.configurationServerId);
  const answer = fabric.connectToConfigurationServer({
    processServerId: ps.id,
    address: input.configurationServerIp,
    port: input.httpsPort,
    passphrase: ps.passphraseEnc ? decryptSecret(ps.passphraseEnc) : "",
  });
  const place = processServerPlace(cs.name, ps.name);
  if (answer.status === "unreachable")
    throw new DomainError("NotAllowed", {
      code: CODES.psCannotReachCs,
      message: `The process server ${ps.name} cannot reach the configuration server ${cs.name} at ${input.configurationServerIp}:${input.httpsPort}.`,
      possibleCauses: `The configuration server listens on port 443 unless it was changed; a firewall, network security group or the VPN blocks the port.`,
      recommendedAction: `From the process server, run "telnet ${input.configurationServerIp} ${input.httpsPort}" and ping ${input.configurationServerIp}; open the port, then register it again with the right port (${place} > Register).`,
    });
  if (checkPassphrase && (answer.status === "rejected" || answer.configurationServerId !== cs.id))
    throw new DomainError("NotAllowed", {
      code: CODES.psPassphraseRejected,
      message: `The configuration server ${cs.name} rejected the passphrase of the process server ${ps.name}; it is not registered.`,
      possibleCauses: "The passphrase was mistyped, or it was regenerated on the configuration server.",
      recommendedAction: `On the configuration server, run "genpassphrase.exe -v" in %ProgramData%\\ASR\\home\\svsystems\\bin to see the passphrase, then register it again with it (${place} > Register).`,
    });
}

/** The last step: registered, with its ports, sending heartbeats from now on. */
export function finishRegistration(tx: DbOrTx, processServerId: string, input: RegisterProcessServerJobInput, now: Date): void {
  tx.update(s.processServers)
    .set({
      status: "registered",
      httpsPort: input.httpsPort,
      dataPort: input.dataPort,
      registeredAt: now,
      lastHeartbeatAt: now,
      health: "healthy",
    })
    .where(and(eq(s.processServers.id, processServerId), eq(s.processServers.status, "registering")))
    .run();
}

/** A registration that failed or was cancelled leaves the server deployed, not registered, without the passphrase it was given. */
export function undoRegistration(tx: DbOrTx, processServerId: string): void {
  tx.update(s.processServers)
    .set({ status: "deployed", passphraseEnc: null })
    .where(and(eq(s.processServers.id, processServerId), eq(s.processServers.status, "registering")))
    .run();
}

/** A failed registration is not restarted: its passphrase was discarded; Register asks for it again. */
export function refuseRegistrationRestart(tx: DbOrTx, processServerId: string): never {
  const ps = tx.select().from(s.processServers).where(eq(s.processServers.id, processServerId)).get();
  const cs = ps ? tx.select().from(s.configurationServers).where(eq(s.configurationServers.id, ps.configurationServerId)).get() : undefined;
  throw new DomainError("NotAllowed", {
    code: CODES.jobNotRestartable,
    message: `A failed registration is not restarted: the passphrase it was given was discarded.`,
    recommendedAction:
      ps && cs
        ? `Register the process server again with the passphrase (${processServerPlace(cs.name, ps.name)} > Register).`
        : "Register the process server again from its page.",
  });
}
