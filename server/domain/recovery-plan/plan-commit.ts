/** Recovery plan commit: commits every item's completed failover in one direction (to Azure, or after failback to on-premises). */
import { z } from "zod";
import { REPLICATION_DIRECTIONS } from "@/db/schema";
import { planTarget, planVerb } from "./plan-operation";

export const planCommitInput = planTarget.extend({ direction: z.enum(REPLICATION_DIRECTIONS) });
export type PlanCommitInput = z.input<typeof planCommitInput>;

// Each item's Commit checks that its failover went in that direction.
export const planCommit = planVerb(planCommitInput, (input) => ({ operation: "commit", direction: input.direction }));
