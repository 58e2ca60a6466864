/**
 * replicationProtectedItems: list (vault and container level, `$filter`, `nextLink` paging), get,
 * recoveryPoints, and the item operations, each one tRPC procedure (the portal's own verb).
 */
import { z } from "zod";
import type { ArmContext } from "../context";
import { link, vaultPath } from "../context";
import { ArmError, badRequest, resourceNotFound } from "../errors";
import { ACTIVE_LOCATION, containerPath, itemModel, nameOf, PROTECTION_STATE, recoveryPointModel, REPLICATION_HEALTH } from "../models";
import { json, page } from "../respond";
import { startOnce } from "../operations";
import {
  armId,
  armText,
  failoverDirection,
  filterClauses,
  instanceTypeOf,
  parseBody,
  testFailoverCleanupBody,
  recoveryPointType,
  withProperties,
} from "../body";
import { findContainer } from "./fabrics";
import type { ActiveLocation, ItemState, ReplicationHealth } from "@/db/schema";
import { ITEM_PAGE_SIZE, type RecoveryPointChoice } from "@/server/domain/replicated-item/inputs";
import type { ListItemsPageInput } from "@/server/domain/replicated-item/queries";

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
/** The furthest offset the grid's query pages to; a page further on is empty. */
const MAX_OFFSET = 1_000_000;

const reverse = <K extends string>(m: Record<K, string>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [String(v).toLowerCase(), k])) as Record<string, K>;
const STATE_OF = reverse<ItemState>(PROTECTION_STATE);
const HEALTH_OF = reverse<ReplicationHealth>(REPLICATION_HEALTH);
const LOCATION_OF = reverse<ActiveLocation>(ACTIVE_LOCATION);

type Filter = {
  state?: ItemState;
  health?: ReplicationHealth;
  location?: ActiveLocation;
  name?: string;
  fabric?: string;
  direction?: "to-azure" | "to-on-premises";
};

/**
 * `$filter`: clauses `Name eq 'value'` joined by `and`. Names (case-insensitive): friendlyName,
 * protectionState, replicationHealth, activeLocation, primaryFabricName (or sourceFabricName), instanceType.
 */
export function parseItemFilter(raw: string | null): Filter {
  const f: Filter = {};
  for (const { name, key, value } of filterClauses(raw)) {
    const bad = (allowed: readonly string[]) =>
      badRequest("InvalidFilter", `${name} must be one of ${allowed.map((a) => `'${a}'`).join(", ")} in $filter.`, "$filter");
    switch (key) {
      case "friendlyname":
        f.name = value;
        break;
      case "protectionstate":
        if (!STATE_OF[value.toLowerCase()]) throw bad(Object.values(PROTECTION_STATE));
        f.state = STATE_OF[value.toLowerCase()];
        break;
      case "replicationhealth":
        if (!HEALTH_OF[value.toLowerCase()]) throw bad(Object.values(REPLICATION_HEALTH));
        f.health = HEALTH_OF[value.toLowerCase()];
        break;
      case "activelocation":
        if (!LOCATION_OF[value.toLowerCase()]) throw bad(Object.values(ACTIVE_LOCATION));
        f.location = LOCATION_OF[value.toLowerCase()];
        break;
      case "primaryfabricname":
      case "sourcefabricname":
        f.fabric = value.toLowerCase();
        break;
      case "instancetype":
        if (value !== "InMageAzureV2" && value !== "InMage") throw bad(["InMageAzureV2", "InMage"]);
        f.direction = value === "InMage" ? "to-on-premises" : "to-azure";
        break;
      default:
        throw badRequest(
          "InvalidFilter",
          `$filter cannot filter on ${name}: use friendlyName, protectionState, replicationHealth, activeLocation, primaryFabricName or instanceType.`,
          "$filter",
        );
    }
  }
  return f;
}

function pageWindow(ctx: ArmContext): { offset: number; size: number } {
  const token = ctx.query.get("$skipToken") ?? ctx.query.get("$skiptoken");
  const top = ctx.query.get("$top");
  const offset = token === null ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest("InvalidSkipToken", "The $skipToken is not valid: start from the first page.", "$skipToken");
  const size = top === null ? DEFAULT_PAGE_SIZE : Number(top);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw badRequest("InvalidTop", `$top must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, "$top");
  return { offset, size };
}

async function itemResource(ctx: ArmContext, itemId: string, fabricNames?: Map<string, string>) {
  const d = await ctx.caller.items.get({ vaultId: ctx.vault.id, itemId });
  const names =
    fabricNames ??
    new Map((await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id })).map((c) => [c.id, c.name]));
  return itemModel(ctx.vault, d, names.get(d.item.configurationServerId) ?? d.item.configurationServerId);
}

/** The protected item as a resource (the LRO result endpoint answers it too). */
export const getItemResource = (ctx: ArmContext, itemId: string) => itemResource(ctx, itemId);

type ItemQuery = Omit<ListItemsPageInput, "vaultId" | "offset" | "limit" | "sort" | "dir">;

/** Items `offset`…`offset + size` of the vault matching `q`, by name, paged in SQL, with the number matching. */
async function itemRows(ctx: ArmContext, q: ItemQuery, offset: number, size: number) {
  if (offset > MAX_OFFSET) {
    const { total } = await ctx.caller.items.list({ vaultId: ctx.vault.id, ...q, limit: 1 });
    return { rows: [], total };
  }
  const first = await ctx.caller.items.list({ vaultId: ctx.vault.id, ...q, offset, limit: Math.min(size, ITEM_PAGE_SIZE) });
  const rows = [...first.items];
  while (rows.length < size && offset + rows.length < first.total) {
    const next = await ctx.caller.items.list({
      vaultId: ctx.vault.id,
      ...q,
      offset: offset + rows.length,
      limit: Math.min(size - rows.length, ITEM_PAGE_SIZE),
    });
    if (!next.items.length) break;
    rows.push(...next.items);
  }
  return { rows, total: first.total };
}

async function listItems(ctx: ArmContext, basePath: string, fabricId: string | null) {
  const f = parseItemFilter(ctx.query.get("$filter"));
  const { offset, size } = pageWindow(ctx);
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  const names = new Map(servers.map((c) => [c.id, c.name]));
  // The fabric `$filter` names (case-insensitively; an unknown one matches no item) must be the path's, if any.
  const named = f.fabric ? (servers.find((c) => c.id.toLowerCase() === f.fabric)?.id ?? f.fabric) : null;
  const csId = fabricId ?? named;
  const { rows, total } =
    fabricId !== null && named !== null && named !== fabricId
      ? { rows: [], total: 0 }
      : await itemRows(
          ctx,
          {
            ...(f.state ? { state: f.state } : {}),
            ...(f.health ? { health: f.health } : {}),
            ...(f.location ? { location: f.location } : {}),
            ...(f.name ? { name: f.name } : {}),
            ...(f.direction ? { direction: f.direction } : {}),
            ...(csId ? { configurationServerId: csId } : {}),
          },
          offset,
          size,
        );
  const value = [];
  for (const r of rows) value.push(await itemResource(ctx, r.id, names));
  const next = offset + size < total;
  const query: Record<string, string> = { $skipToken: String(offset + size) };
  if (ctx.query.get("$filter")) query.$filter = ctx.query.get("$filter")!;
  if (ctx.query.get("$top")) query.$top = String(size);
  return page(value, next ? link(ctx, basePath, query) : null);
}

export const listVaultItems = (ctx: ArmContext) => listItems(ctx, `${vaultPath(ctx.vault)}/replicationProtectedItems`, null);

export async function listContainerItems(ctx: ArmContext, p: { fabric: string; container: string }) {
  const cs = await findContainer(ctx, p.fabric, p.container);
  return listItems(ctx, `${containerPath(ctx.vault, cs.id)}/replicationProtectedItems`, cs.id);
}

/** The item the path names, checked to be in that fabric and container (else 404, as ARM). */
async function findItem(ctx: ArmContext, p: { fabric: string; container: string; item: string }) {
  const cs = await findContainer(ctx, p.fabric, p.container);
  const [item] = (await itemRows(ctx, { id: p.item, configurationServerId: cs.id }, 0, 1)).rows;
  if (!item) throw resourceNotFound("replication protected item", p.item);
  return item;
}

type ItemParams = { fabric: string; container: string; item: string };

export async function getItem(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  return json(await itemResource(ctx, item.id));
}

/** Every retained recovery point of the item (the portal pages them; ARM lists them whole). */
async function allRecoveryPoints(ctx: ArmContext, itemId: string) {
  const points = [];
  let cursor: string | null = null;
  do {
    const p: Awaited<ReturnType<ArmContext["caller"]["items"]["recoveryPoints"]>> = await ctx.caller.items.recoveryPoints({
      vaultId: ctx.vault.id,
      itemId,
      limit: 200,
      cursor,
    });
    points.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return points;
}

export async function listRecoveryPoints(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const points = await allRecoveryPoints(ctx, item.id);
  return page(points.map((pt) => recoveryPointModel(ctx.vault, item, pt)));
}

export async function getRecoveryPoint(ctx: ArmContext, p: ItemParams & { point: string }) {
  const item = await findItem(ctx, p);
  const points = await allRecoveryPoints(ctx, item.id);
  const pt = points.find((x) => x.id.toLowerCase() === p.point.toLowerCase());
  if (!pt) throw resourceNotFound("recovery point", p.point);
  return json(recoveryPointModel(ctx.vault, item, pt));
}

// ---- operations --------------------------------------------------------------------------------

export const providerDetails = z.unknown().optional();

export const reprotectBody = withProperties(
  z.object({ failoverDirection: failoverDirection.optional(), providerSpecificDetails: providerDetails }).passthrough(),
);
export const inMageReprotect = z
  .object({
    instanceType: z.literal("InMage"),
    masterTargetId: armId("Name the master target server (masterTargetId)."),
    processServerId: armId("Name the process server (processServerId)."),
    retentionDrive: armId("Name the retention drive (retentionDrive)."),
    runAsAccountId: armId("Name the account (runAsAccountId)."),
    datastoreName: armId("Name the datastore (datastoreName)."),
    profileId: armText.optional(),
  })
  .passthrough();
export const inMageAzureV2Reprotect = z
  .object({
    instanceType: z.literal("InMageAzureV2"),
    processServerId: armId("Name the on-premises process server (processServerId)."),
  })
  .passthrough();

/** A server's id given by id or (for retention volumes and datastores) by name, as ASR's inputs name them. */
function pickId<T extends { id: string; name?: string }>(list: T[], value: string, what: string, target: string): string {
  const v = nameOf(value).toLowerCase();
  const hit = list.find((x) => x.id.toLowerCase() === v) ?? list.find((x) => x.name?.toLowerCase() === value.toLowerCase());
  if (!hit)
    throw new ArmError(400, "InvalidInput", `No ${what} '${value}' is known to this item's configuration server.`, [
      { code: "InvalidInput", message: `Unknown ${what}.`, target },
    ]);
  return hit.id;
}

export async function reprotect(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const props = parseBody(reprotectBody, ctx.body).properties ?? {};
  const type = instanceTypeOf(props.providerSpecificDetails, ["InMage", "InMageAzureV2"], "properties.providerSpecificDetails");
  if (!type)
    throw badRequest(
      "InvalidInput",
      "properties.providerSpecificDetails is required: InMageReprotectInput (to on-premises) or InMageAzureV2ReprotectInput (to Azure).",
      "properties.providerSpecificDetails",
    );
  if (type === "InMage") {
    const d = parseBody(inMageReprotect, props.providerSpecificDetails, "properties.providerSpecificDetails");
    const cs = await ctx.caller.infrastructure.configurationServers.get({ vaultId: ctx.vault.id, serverId: item.configurationServerId });
    const mtId = pickId(cs.masterTargets, d.masterTargetId, "master target server", "properties.providerSpecificDetails.masterTargetId");
    const mt = cs.masterTargets.find((m) => m.id === mtId)!;
    const volumes = [...mt.retentionVolumes, ...mt.retentionVolumesLeftOut];
    const input = {
      vaultId: ctx.vault.id,
      itemId: item.id,
      masterTargetId: mtId,
      processServerId: pickId(cs.processServers, d.processServerId, "process server", "properties.providerSpecificDetails.processServerId"),
      retentionVolumeId: pickId(volumes, d.retentionDrive, "retention drive", "properties.providerSpecificDetails.retentionDrive"),
      accountId: pickId(
        cs.accounts.map((a) => ({ id: a.id, name: a.friendlyName })),
        d.runAsAccountId,
        "account",
        "properties.providerSpecificDetails.runAsAccountId",
      ),
      datastoreId: pickId(
        cs.vcenters.flatMap((v) => v.datastores),
        d.datastoreName,
        "datastore",
        "properties.providerSpecificDetails.datastoreName",
      ),
    };
    return startOnce(ctx, `reprotect:${item.id}`, () => ctx.caller.items.reprotectToOnPremises(input));
  }
  const d = parseBody(inMageAzureV2Reprotect, props.providerSpecificDetails, "properties.providerSpecificDetails");
  return startOnce(ctx, `reprotect:${item.id}`, () =>
    ctx.caller.items.reprotectToAzure({ vaultId: ctx.vault.id, itemId: item.id, processServerId: nameOf(d.processServerId) }),
  );
}

export const unplannedBody = withProperties(
  z
    .object({
      failoverDirection: failoverDirection.optional(),
      sourceSiteOperations: armText.optional(),
      providerSpecificDetails: providerDetails,
    })
    .passthrough(),
);
export const inMageUnplanned = z
  .object({ instanceType: z.literal("InMage"), recoveryPointType: recoveryPointType.optional(), recoveryPointId: armText.optional() })
  .passthrough();
export const inMageAzureV2Unplanned = z
  .object({ instanceType: z.literal("InMageAzureV2"), recoveryPointId: armText.optional() })
  .passthrough();

const POINT_CHOICE: Record<
  (typeof inMageUnplanned)["shape"]["recoveryPointType"] extends z.ZodOptional<infer E> ? z.output<E> : never,
  RecoveryPointChoice
> = {
  LatestTime: "latest",
  // The latest application-consistent tag on the master target (InMage failback).
  LatestTag: "latest-tag",
  Custom: "custom",
};

/** recoveryPointType Custom needs recoveryPointId (the point's ARM id or name). */
function pointOf(type: keyof typeof POINT_CHOICE | undefined, id: string | undefined, fallback: RecoveryPointChoice) {
  if (type === "Custom" || (type === undefined && id)) {
    if (!id)
      throw badRequest(
        "InvalidInput",
        "recoveryPointType Custom needs recoveryPointId.",
        "properties.providerSpecificDetails.recoveryPointId",
      );
    return { recoveryPoint: "custom" as const, recoveryPointId: nameOf(id) };
  }
  return { recoveryPoint: type ? POINT_CHOICE[type] : fallback };
}

/**
 * Unplanned failover: InMage (failback to on-premises; either failoverDirection is accepted, older
 * clients send PrimaryToRecovery) or InMageAzureV2 (failover to Azure). Without provider details,
 * the item's replication direction says which.
 */
export async function unplannedFailover(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const props = parseBody(unplannedBody, ctx.body).properties ?? {};
  const type =
    instanceTypeOf(props.providerSpecificDetails, ["InMage", "InMageAzureV2"], "properties.providerSpecificDetails") ??
    (item.replicationDirection === "to-on-premises" ? "InMage" : "InMageAzureV2");
  if (type === "InMage") {
    const d = parseBody(inMageUnplanned, props.providerSpecificDetails ?? { instanceType: "InMage" }, "properties.providerSpecificDetails");
    const point = pointOf(d.recoveryPointType, d.recoveryPointId, "latest");
    return startOnce(ctx, `unplannedFailover:${item.id}`, () =>
      ctx.caller.items.unplannedFailover({ vaultId: ctx.vault.id, itemId: item.id, ...point }),
    );
  }
  const d = parseBody(
    inMageAzureV2Unplanned,
    props.providerSpecificDetails ?? { instanceType: "InMageAzureV2" },
    "properties.providerSpecificDetails",
  );
  const point = pointOf(undefined, d.recoveryPointId, "latest-processed");
  return startOnce(ctx, `unplannedFailover:${item.id}`, () =>
    ctx.caller.items.failover({ vaultId: ctx.vault.id, itemId: item.id, mode: "unplanned", ...point }),
  );
}

export async function failoverCommit(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  return startOnce(ctx, `failoverCommit:${item.id}`, () => ctx.caller.items.commit({ vaultId: ctx.vault.id, itemId: item.id }));
}

export const testFailoverBody = withProperties(
  z
    .object({
      failoverDirection: failoverDirection.optional(),
      networkType: armText.optional(),
      networkId: armId("Name the Azure network for the test failover (networkId)."),
      providerSpecificDetails: providerDetails,
    })
    .passthrough(),
);
export const inMageAzureV2TestFailover = z
  .object({ instanceType: z.literal("InMageAzureV2"), recoveryPointId: armText.optional() })
  .passthrough();

export async function testFailover(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const body = parseBody(testFailoverBody.required({ properties: true }), ctx.body);
  const props = body.properties;
  instanceTypeOf(props.providerSpecificDetails, ["InMageAzureV2"], "properties.providerSpecificDetails");
  const d = parseBody(
    inMageAzureV2TestFailover,
    props.providerSpecificDetails ?? { instanceType: "InMageAzureV2" },
    "properties.providerSpecificDetails",
  );
  const point = pointOf(undefined, d.recoveryPointId, "latest-processed");
  return startOnce(ctx, `testFailover:${item.id}`, () =>
    ctx.caller.items.testFailover({ vaultId: ctx.vault.id, itemId: item.id, networkId: nameOf(props.networkId), ...point }),
  );
}

export async function testFailoverCleanup(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const props = parseBody(testFailoverCleanupBody, ctx.body).properties ?? {};
  return startOnce(ctx, `testFailoverCleanup:${item.id}`, () =>
    ctx.caller.items.cleanupTestFailover({ vaultId: ctx.vault.id, itemId: item.id, notes: props.comments }),
  );
}

export const applyBody = withProperties(
  z.object({ recoveryPointId: armText.optional(), providerSpecificDetails: providerDetails }).passthrough(),
);

/** applyRecoveryPoint: change the recovery point of a completed (not committed) failover. */
export async function applyRecoveryPoint(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  const props = parseBody(applyBody, ctx.body).properties ?? {};
  instanceTypeOf(props.providerSpecificDetails, ["InMageAzureV2", "InMage"], "properties.providerSpecificDetails");
  const point = pointOf(undefined, props.recoveryPointId, "latest-processed");
  return startOnce(ctx, `applyRecoveryPoint:${item.id}`, () =>
    ctx.caller.items.changeRecoveryPoint({ vaultId: ctx.vault.id, itemId: item.id, ...point }),
  );
}

export const disableBody = withProperties(
  z.object({ disableProtectionReason: z.enum(["NotSpecified", "MigrationComplete"]).optional() }).passthrough(),
);

/** remove (POST, DisableProtectionInput) and DELETE (purge): both disable replication. */
export async function disableProtection(ctx: ArmContext, p: ItemParams) {
  const item = await findItem(ctx, p);
  parseBody(disableBody, ctx.body);
  return startOnce(ctx, `disable:${item.id}`, () => ctx.caller.items.disableReplication({ vaultId: ctx.vault.id, itemId: item.id }));
}
