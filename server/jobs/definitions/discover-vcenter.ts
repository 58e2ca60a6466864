/** Job "Discover vCenter" / "Refresh server": connects with the run-as account and (re)discovers hosts, datastores and VMs. */
import { eq } from "drizzle-orm";
import * as s from "@/db/schema";
import type { JobDefinition } from "../types";
import { JOB_TYPES } from "@/server/domain/steps";
import { DomainError } from "@/server/domain/errors";
import { CODES } from "@/server/domain/checks/codes";

export const discoverVCenterDefinition: JobDefinition = {
  type: JOB_TYPES.discoverVCenter,
  steps: {
    connect: ({ tx, job }) => {
      const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, job.targetId)).get();
      const a = vc?.accountId ? tx.select().from(s.runAsAccounts).where(eq(s.runAsAccounts.id, vc.accountId)).get() : undefined;
      if (!vc || !a?.secretEnc)
        throw new DomainError("NotAllowed", {
          code: CODES.accountMissing,
          message: `The server ${job.targetName} has no run-as account with credentials.`,
          possibleCauses: "The account was removed, or its password was never set.",
          recommendedAction: "Update the account credentials, then refresh the server.",
        });
    },
    discover: ({ tx, job, now }) => {
      const vc = tx.select().from(s.vcenters).where(eq(s.vcenters.id, job.targetId)).get();
      if (!vc) return;
      tx.update(s.vcenters)
        .set({ discoveredAt: vc.discoveredAt ?? now, lastRefreshAt: now })
        .where(eq(s.vcenters.id, vc.id))
        .run();
    },
  },
};
