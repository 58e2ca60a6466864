/**
 * Job "Deploy process server": a Resource Manager VM with the process server installed, about ten
 * simulated minutes later; it is then deployed but not registered: Register on its page runs the
 * second job (server/domain/infrastructure/register-process-server.ts).
 */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";

const setPs = (tx: Parameters<JobDefinition["steps"][string]>[0]["tx"], id: string, set: Partial<typeof s.processServers.$inferInsert>) =>
  tx.update(s.processServers).set(set).where(eq(s.processServers.id, id)).run();

export const deployProcessServerDefinition: JobDefinition = {
  type: JOB_TYPES.deployProcessServer,
  steps: {
    validate: () => {},
    "create-vm": () => {},
    install: ({ tx, job }) => void setPs(tx, job.targetId, { status: "deployed" }),
    // A job persisted before registration became its own job still has this step: it ends deployed too.
    register: ({ tx, job }) => void setPs(tx, job.targetId, { status: "deployed" }),
  },
  onFailed: ({ tx, job }) => removeDeployment(tx, job.targetId),
  onCancelled: ({ tx, job }) => removeDeployment(tx, job.targetId),
};

/** A deployment that did not finish leaves nothing behind (the NIC is free again). */
function removeDeployment(tx: Parameters<NonNullable<JobDefinition["onCancelled"]>>[0]["tx"], psId: string) {
  const ps = tx.select().from(s.processServers).where(eq(s.processServers.id, psId)).get();
  if (!ps || ps.status !== "deploying") return;
  if (ps.networkInterfaceId)
    tx.update(s.networkInterfaces).set({ attachedTo: null }).where(eq(s.networkInterfaces.id, ps.networkInterfaceId)).run();
  tx.delete(s.processServers).where(eq(s.processServers.id, psId)).run();
}
