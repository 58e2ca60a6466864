/** Job "Deploy process server": a Resource Manager VM with the process server, registered 10–15 simulated minutes later. */
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
    install: ({ tx, job }) => void setPs(tx, job.targetId, { status: "registering" }),
    register: ({ tx, job, now }) =>
      void setPs(tx, job.targetId, { status: "registered", registeredAt: now, lastHeartbeatAt: now, health: "healthy" }),
  },
  onFailed: ({ tx, job }) => removeDeployment(tx, job.targetId),
  onCancelled: ({ tx, job }) => removeDeployment(tx, job.targetId),
};

/** A deployment that did not finish leaves nothing behind (the NIC is free again). */
function removeDeployment(tx: Parameters<NonNullable<JobDefinition["onCancelled"]>>[0]["tx"], psId: string) {
  const ps = tx.select().from(s.processServers).where(eq(s.processServers.id, psId)).get();
  if (!ps || ps.status === "registered") return;
  if (ps.networkInterfaceId)
    tx.update(s.networkInterfaces).set({ attachedTo: null }).where(eq(s.networkInterfaces.id, ps.networkInterfaceId)).run();
  tx.delete(s.processServers).where(eq(s.processServers.id, psId)).run();
}
