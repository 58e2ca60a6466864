/** Choosing a recovery point for a failover (Latest, Latest processed, Latest app-consistent, custom, multi-VM variants). */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { preparedQuery, type DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import type { ReplicationDirection } from "@/db/schema";
import { DomainError } from "../errors";
import { CODES } from "../checks/codes";
import type { ItemRow } from "./load";
import { RECOVERY_POINT_CHOICES, recoveryPointFields, type RecoveryPointChoice } from "./inputs";

export { RECOVERY_POINT_CHOICES, recoveryPointFields, type RecoveryPointChoice };

export type RecoveryPointRow = typeof s.recoveryPoints.$inferSelect;
export type PickedPoint = { point: RecoveryPointRow; choice: RecoveryPointChoice; warnings: string[]; pendingMb: number };

/** An item's points, newest first: with or without a direction, all or the newest `limit`. */
const pointsQuery = preparedQuery((db, variant: `${"direction" | "any"}-${"limit" | "all"}`) => {
  const item = eq(s.recoveryPoints.replicatedItemId, sql.placeholder("itemId"));
  const q = db
    .select()
    .from(s.recoveryPoints)
    .where(variant.startsWith("direction") ? and(item, eq(s.recoveryPoints.direction, sql.placeholder("direction"))) : item)
    .orderBy(desc(s.recoveryPoints.at));
  return (variant.endsWith("limit") ? q.limit(sql.placeholder("limit")) : q).prepare();
});

export function listRecoveryPoints(db: DbOrTx, itemId: string, direction?: ReplicationDirection, limit?: number): RecoveryPointRow[] {
  return pointsQuery(db, `${direction ? "direction" : "any"}-${limit ? "limit" : "all"}`).all({ itemId, direction, limit });
}

/** How many of the newest points a "latest …" choice looks at first (it is nearly always among them). */
const NEWEST_WINDOW = 8;

/** What each "latest …" choice looks for, in words. */
const KIND_OF: Record<Exclude<RecoveryPointChoice, "custom">, string> = {
  latest: "",
  "latest-processed": "processed",
  "latest-app-consistent": "app-consistent",
  "latest-multi-vm-processed": "multi-VM consistent processed",
  "latest-multi-vm-app-consistent": "multi-VM app-consistent",
  "latest-tag": "application-consistent tag",
};

/** Latest tag is a choice of the failback (InMage) only: towards Azure there is no master target log to tag. */
export const choiceAppliesTo = (choice: RecoveryPointChoice, direction: ReplicationDirection) =>
  choice !== "latest-tag" || direction === "to-on-premises";

/** Refuses a choice that does not apply in the direction (Latest tag towards Azure), for an item or a whole plan. */
export function assertChoiceApplies(choice: RecoveryPointChoice, direction: ReplicationDirection): void {
  if (!choiceAppliesTo(choice, direction))
    throw new DomainError("Invalid", {
      code: CODES.latestTagFailbackOnly,
      message: "Latest tag is a recovery point of the failback to on-premises only.",
      possibleCauses: "Application-consistent tags are read from the master target's retention log, which only a failback uses.",
      recommendedAction: "Choose Latest, Latest processed or Latest app-consistent.",
      fieldErrors: { recoveryPoint: ["Latest tag applies to a failback only."] },
    });
}

/** Why a choice has no point, as the item page and the refusal say it. */
const noneReason = (what: string) =>
  what === "processed"
    ? "Site Recovery has not processed a recovery point yet (every point still has data pending); choose Latest, or wait for processing."
    : what === KIND_OF["latest-tag"]
      ? "The master target has not applied an application-consistent tag yet: no app-consistent point was taken since the re-protect, or its data is still pending. Choose Latest, or wait for the next app-consistent point."
      : `Replication has not produced a ${what ? what + " " : ""}recovery point yet, or retention pruned it.`;

const none = (item: ItemRow, what: string) =>
  new DomainError("NotAllowed", {
    code: CODES.noRecoveryPoint,
    message:
      what === KIND_OF["latest-tag"]
        ? `${item.name} has no application-consistent tag on its master target.`
        : `${item.name} has no ${what ? what + " " : ""}recovery point.`,
    possibleCauses: noneReason(what),
    recommendedAction: "Choose another recovery point.",
  });

/**
 * The point a "latest …" choice means among `points` (newest first), or none: Latest processed is
 * a point with nothing pending, never an unprocessed one; the multi-VM ones only multi-VM points;
 * Latest tag an app-consistent point the master target has applied (nothing pending).
 */
export function findPoint(
  points: readonly RecoveryPointRow[],
  choice: Exclude<RecoveryPointChoice, "custom">,
): RecoveryPointRow | undefined {
  switch (choice) {
    case "latest":
      return points[0];
    case "latest-processed":
      return points.find((p) => p.pendingMb === 0);
    case "latest-app-consistent":
      return points.find((p) => p.type === "app-consistent");
    case "latest-multi-vm-processed":
      return points.find((p) => p.multiVm && p.pendingMb === 0);
    case "latest-multi-vm-app-consistent":
      return points.find((p) => p.multiVm && p.type === "app-consistent");
    case "latest-tag":
      return points.find((p) => p.type === "app-consistent" && p.pendingMb === 0);
  }
}

type MultiVmChoice = "latest-multi-vm-processed" | "latest-multi-vm-app-consistent";

/** The members of an item's replication group that replicate in `direction` (the item itself included). */
function groupMembers(db: DbOrTx, item: ItemRow, direction: ReplicationDirection) {
  if (!item.replicationGroup) return [];
  return db
    .select()
    .from(s.replicatedItems)
    .where(
      and(
        eq(s.replicatedItems.vaultId, item.vaultId),
        eq(s.replicatedItems.replicationGroup, item.replicationGroup),
        eq(s.replicatedItems.replicationDirection, direction),
      ),
    )
    .all();
}

/**
 * The replication group's common point for a multi-VM choice, as `item`'s own point: the newest
 * time at which every member replicating in that direction has a multi-VM point of that kind.
 * Both directions: a group fails back to one point in time as it failed over.
 */
export function commonGroupPoint(
  db: DbOrTx,
  item: ItemRow,
  direction: ReplicationDirection,
  choice: MultiVmChoice,
): RecoveryPointRow | undefined {
  const members = groupMembers(db, item, direction);
  if (!members.some((m) => m.id === item.id)) return undefined;
  const perMember = new Map(
    members.map((m) => [m.id, listRecoveryPoints(db, m.id, direction).filter((p) => findPoint([p], choice) === p)]),
  );
  const own = perMember.get(item.id)!;
  return own.find((p) => [...perMember.values()].every((ps) => ps.some((q) => q.at.getTime() === p.at.getTime())));
}

const noCommonPoint = (item: ItemRow, choice: MultiVmChoice) =>
  new DomainError("NotAllowed", {
    code: CODES.noRecoveryPoint,
    message: `The members of ${item.replicationGroup ?? item.name} have no common ${KIND_OF[choice]} recovery point.`,
    possibleCauses: NO_COMMON,
    recommendedAction: "Wait for the next multi-VM consistent point, or choose another recovery point.",
  });

const NO_COMMON =
  "Multi-VM consistency is off in the policy, or replication has not produced a point common to every member of the group yet.";

/**
 * The choices an item offers for a failover in its current replication direction, each available or not (with why).
 * `points`: the item's points in that direction, newest first, when the caller has them already.
 */
export function recoveryPointChoices(
  db: DbOrTx,
  item: ItemRow,
  points: readonly RecoveryPointRow[] = listRecoveryPoints(db, item.id, item.replicationDirection),
): { choice: RecoveryPointChoice; available: boolean; reason?: string }[] {
  const choices = RECOVERY_POINT_CHOICES.filter(
    (c) => (!c.startsWith("latest-multi-vm") || !!item.replicationGroup) && choiceAppliesTo(c, item.replicationDirection),
  );
  return choices.map((choice) => {
    if (choice === "latest-multi-vm-processed" || choice === "latest-multi-vm-app-consistent")
      return commonGroupPoint(db, item, item.replicationDirection, choice)
        ? { choice, available: true }
        : { choice, available: false, reason: NO_COMMON };
    const found = choice === "custom" ? points[0] : findPoint(points, choice);
    if (found) return { choice, available: true };
    return { choice, available: false, reason: noneReason(choice === "custom" ? "" : KIND_OF[choice]) };
  });
}

/** One page of an item's recovery points (newest first) in a direction; the cursor is the last point's time and id. */
export function recoveryPointPage(
  db: DbOrTx,
  item: ItemRow,
  direction: ReplicationDirection,
  limit: number,
  cursor?: string | null,
): { items: RecoveryPointRow[]; total: number; nextCursor: string | null } {
  const mine = and(eq(s.recoveryPoints.replicatedItemId, item.id), eq(s.recoveryPoints.direction, direction));
  let after;
  if (cursor) {
    const m = /^(\d+):(.+)$/.exec(cursor);
    if (!m)
      throw new DomainError("Invalid", {
        code: CODES.invalidCursor,
        message: "The page of recovery points asked for is not valid.",
        recommendedAction: "Reload the list of recovery points.",
      });
    const at = new Date(Number(m[1]));
    after = or(lt(s.recoveryPoints.at, at), and(eq(s.recoveryPoints.at, at), lt(s.recoveryPoints.id, m[2]!)));
  }
  const rows = db
    .select()
    .from(s.recoveryPoints)
    .where(after ? and(mine, after) : mine)
    .orderBy(desc(s.recoveryPoints.at), desc(s.recoveryPoints.id))
    .limit(limit + 1)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.recoveryPoints)
      .where(mine)
      .get()?.n ?? 0;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, total, nextCursor: rows.length > limit && last ? `${last.at.getTime()}:${last.id}` : null };
}

export function pickRecoveryPoint(
  db: DbOrTx,
  item: ItemRow,
  direction: ReplicationDirection,
  choice: RecoveryPointChoice,
  customId?: string | null,
): PickedPoint {
  // A "latest …" choice other than Latest (which adds up every point's pending data) finds its
  // point among the newest few: read those first, and all of them only when it is not there.
  const windowed = choice !== "latest" && choice !== "custom" && !choice.startsWith("latest-multi-vm");
  let points = listRecoveryPoints(db, item.id, direction, windowed ? NEWEST_WINDOW : undefined);
  if (windowed && points.length === NEWEST_WINDOW && !findPoint(points, choice as Exclude<RecoveryPointChoice, "custom">))
    points = listRecoveryPoints(db, item.id, direction);
  const warnings: string[] = [];
  let point: RecoveryPointRow | undefined;
  assertChoiceApplies(choice, direction);
  switch (choice) {
    case "latest-multi-vm-processed":
    case "latest-multi-vm-app-consistent":
      if (!item.replicationGroup)
        throw new DomainError("Invalid", {
          code: CODES.notInReplicationGroup,
          message: `${item.name} is not in a replication group; multi-VM recovery points do not apply.`,
          recommendedAction: "Choose Latest, Latest processed or Latest app-consistent.",
          fieldErrors: { recoveryPoint: ["Multi-VM points need a replication group."] },
        });
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
  if (choice === "latest-multi-vm-processed" || choice === "latest-multi-vm-app-consistent") {
    point = commonGroupPoint(db, item, direction, choice);
    if (!point) throw noCommonPoint(item, choice);
  } else if (choice !== "custom") {
    point = findPoint(points, choice);
    if (!point) throw none(item, KIND_OF[choice]);
  }
  if (!point) throw none(item, "");
  const newest = points[0]!;
  if (point.at.getTime() < newest.at.getTime()) {
    const minutes = Math.round((newest.at.getTime() - point.at.getTime()) / 60_000);
    warnings.push(
      `The recovery point is ${minutes} minutes older than the latest one: changes made after ${point.at.toISOString()} will be lost.`,
    );
  } else if (choice === "latest-app-consistent" || choice === "latest-multi-vm-app-consistent" || choice === "latest-tag") {
    warnings.push("An app-consistent point is older than the latest crash-consistent data: some data may be lost.");
  }
  const pendingMb = choice === "latest" ? points.reduce((a, p) => a + p.pendingMb, 0) : 0;
  return { point, choice, warnings, pendingMb };
}
