/** Readiness check (vContinuum's): every check for an item and a proposed reprotect, without writing anything. */
import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import type { DbOrTx } from "@/db/client";
import { FAILBACK_LOCATIONS, type FailbackLocation } from "@/db/schema";
import { buildCheckWorld, proposalFromItem } from "../checks/world";
import { loadItem } from "./load";
import { CHECKS, runChecks, type ReadinessReport } from "../checks";
import { decideFailbackLocation, isLocationError } from "../failback/location";
import { parseInput } from "../validation";
import { itemTarget } from "./common";
import { envFabric, envNow, type VerbEnv } from "../env";

export const readinessInput = itemTarget.extend({
  processServerId: z.string().max(ID_MAX).min(1).optional(),
  masterTargetId: z.string().max(ID_MAX).min(1).optional(),
  accountId: z.string().max(ID_MAX).min(1).optional(),
  datastoreId: z.string().max(ID_MAX).min(1).optional(),
  retentionVolumeId: z.string().max(ID_MAX).min(1).optional(),
  location: z.enum(FAILBACK_LOCATIONS).optional(),
  viaRecoveryPlan: z.boolean().optional(),
  nicIps: z
    .array(z.object({ nic: z.string().max(ID_MAX), ip: z.string().max(ID_MAX) }))
    .max(16)
    .optional(),
});
export type ReadinessInput = z.input<typeof readinessInput>;

export type Readiness = ReadinessReport & { location: { location: FailbackLocation; reason: string } | null };

export function readinessCheck(db: DbOrTx, raw: ReadinessInput, env?: VerbEnv): Readiness {
  const input = parseInput(readinessInput, raw);
  const now = envNow(db, input.vaultId, env);
  const item = loadItem(db, input.vaultId, input.itemId);
  const fabric = envFabric(db, input.vaultId, now, env);
  const stored = proposalFromItem(item);
  const proposal = {
    processServerId: input.processServerId ?? stored.processServerId,
    masterTargetId: input.masterTargetId ?? stored.masterTargetId,
    accountId: input.accountId ?? stored.accountId,
    datastoreId: input.datastoreId ?? stored.datastoreId,
    retentionVolumeId: input.retentionVolumeId ?? stored.retentionVolumeId,
    location: input.location ?? stored.location,
    viaRecoveryPlan: input.viaRecoveryPlan,
    nicIps: input.nicIps,
  };
  const w = buildCheckWorld(db, fabric, item, proposal);
  const report = runChecks(
    w,
    { ...proposal, purpose: "reprotect" },
    CHECKS.map((c) => c.number),
  );
  const d = decideFailbackLocation(w, proposal);
  return { ...report, location: isLocationError(d) ? null : { location: d.location, reason: d.reason } };
}
