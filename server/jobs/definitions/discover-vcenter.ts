/** Job "Discover vCenter" / "Refresh server": connects with the run-as account and (re)discovers hosts, datastores and VMs. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { fabricFor } from "@/server/fabric";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { applyDiscovery, connectForDiscovery } from "@/server/domain/infrastructure/discovery";
import { notFound } from "@/server/domain/errors";

export const discoverVCenterDefinition: JobDefinition = {
  type: JOB_TYPES.discoverVCenter,
  steps: {
    connect: ({ tx, job, now }) => {
      const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, job.targetId)).get();
      if (!vc) throw notFound("vCenter server", job.targetId);
      connectForDiscovery(tx, fabricFor(tx, job.vaultId, now), vc);
    },
    discover: ({ tx, job, now }) => {
      const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, job.targetId)).get();
      if (!vc) throw notFound("vCenter server", job.targetId);
      applyDiscovery(tx, vc, connectForDiscovery(tx, fabricFor(tx, job.vaultId, now), vc), now);
    },
  },
};
