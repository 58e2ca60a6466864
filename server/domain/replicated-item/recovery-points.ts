/** Choosing a recovery point for a failover (Latest, Latest processed, Latest app-consistent, custom, multi-VM variants). */
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ReplicationDirection } from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { ItemRow } from "./load";
import { RECOVERY_POINT_CHOICES, recoveryPointFields, type RecoveryPointChoice } from "./inputs";

export { RECOVERY_POINT_CHOICES, recoveryPointFields, type RecoveryPointChoice };

export type RecoveryPointRow = typeof s.recoveryPoints.$inferSelect;
export type PickedPoint = { point: RecoveryPointRow; choice: RecoveryPointChoice; warnings: string[]; pendingMb: number };

export function listRecoveryPoints(db: DbOrTx, itemId: string, direction?: ReplicationDirection): RecoveryPointRow[] {
  return db
    .select()
    .from(s.recoveryPoints)
    .where(
      direction
        ? and(eq(s.recoveryPoints.replicatedItemId, itemId), eq(s.recoveryPoints.direction, direction))
        : eq(s.recoveryPoints.replicatedItemId, itemId),
    )
    .orderBy(desc(s.recoveryPoints.at))
    .all();
}

const none = (item: ItemRow, what: string) =>
  new DomainError("NotAllowed", {
    code: CODES.noRecoveryPoint,
    message: `${item.name} has no ${what} recovery point.`,
    possibleCauses: "Replication has not produced such a point yet, or retention pruned it.",
    recommendedAction: "Choose another recovery point (Latest processed is always available once replication runs).",
  });

export function pickRecoveryPoint(
  db: DbOrTx,
  item: ItemRow,
  direction: ReplicationDirection,
  choice: RecoveryPointChoice,
  customId?: string | null,
): PickedPoint {
  const points = listRecoveryPoints(db, item.id, direction);
  const warnings: string[] = [];
  let point: RecoveryPointRow | undefined;
  switch (choice) {
    case "latest":
      point = points[0];
      break;
    case "latest-processed":
      point = points.find((p) => p.pendingMb === 0) ?? points[0];
      break;
    case "latest-app-consistent":
      point = points.find((p) => p.type === "app-consistent");
      if (!point) throw none(item, "app-consistent");
      break;
    case "latest-multi-vm-processed":
    case "latest-multi-vm-app-consistent":
      if (!item.replicationGroup)
        throw new DomainError("Invalid", {
          code: CODES.notInReplicationGroup,
          message: `${item.name} is not in a replication group; multi-VM recovery points do not apply.`,
          recommendedAction: "Choose Latest, Latest processed or Latest app-consistent.",
          fieldErrors: { recoveryPoint: ["Multi-VM points need a replication group."] },
        });
      point = points.find((p) => p.multiVm && (choice === "latest-multi-vm-processed" ? p.pendingMb === 0 : p.type === "app-consistent"));
      if (!point) throw none(item, choice === "latest-multi-vm-processed" ? "multi-VM consistent" : "multi-VM app-consistent");
      break;
    case "custom":
      if (!customId)
        throw new DomainError("Invalid", {
          code: CODES.recoveryPointRequired,
          message: "Choose the custom recovery point.",
          fieldErrors: { recoveryPointId: ["Choose a recovery point."] },
        });
      point = points.find((p) => p.id === customId);
      if (!point)
        throw new DomainError("NotFound", {
          code: CODES.notFound,
          message: `Recovery point '${customId}' of ${item.name} was not found.`,
          recommendedAction: "Refresh the list of recovery points; old points are pruned by retention.",
        });
      break;
  }
  if (!point) throw none(item, "");
  const newest = points[0]!;
  if (point.at.getTime() < newest.at.getTime()) {
    const minutes = Math.round((newest.at.getTime() - point.at.getTime()) / 60_000);
    warnings.push(
      `The recovery point is ${minutes} minutes older than the latest one: changes made after ${point.at.toISOString()} will be lost.`,
    );
  } else if (choice === "latest-app-consistent" || choice === "latest-multi-vm-app-consistent") {
    warnings.push("An app-consistent point is older than the latest crash-consistent data: some data may be lost.");
  }
  const pendingMb = choice === "latest" ? points.reduce((a, p) => a + p.pendingMb, 0) : 0;
  return { point, choice, warnings, pendingMb };
}
