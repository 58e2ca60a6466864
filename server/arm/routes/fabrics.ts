/** replicationFabrics (configuration servers) and their one protection container each. */
import { ITEM_STATES } from "@/db/schema";
import type { ArmContext } from "../context";
import { resourceNotFound } from "../errors";
import { containerModel, containerName, fabricModel } from "../models";
import { json, page } from "../respond";

/** The configuration server a fabric name stands for (names match case-insensitively, as in ARM). */
export async function findFabric(ctx: ArmContext, fabricName: string) {
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  const cs = servers.find((s) => s.id.toLowerCase() === fabricName.toLowerCase());
  if (!cs) throw resourceNotFound("fabric", fabricName);
  return cs;
}

/** The fabric and checks that the container name is its container. */
export async function findContainer(ctx: ArmContext, fabricName: string, container: string) {
  const cs = await findFabric(ctx, fabricName);
  if (container.toLowerCase() !== containerName(cs.id).toLowerCase()) throw resourceNotFound("protection container", container);
  return cs;
}

async function fabric(ctx: ArmContext, id: string) {
  const d = await ctx.caller.infrastructure.configurationServers.get({ vaultId: ctx.vault.id, serverId: id });
  return fabricModel(ctx.vault, d);
}

export async function listFabrics(ctx: ArmContext) {
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  return page(await Promise.all(servers.map((s) => fabric(ctx, s.id))));
}

export async function getFabric(ctx: ArmContext, p: { fabric: string }) {
  const cs = await findFabric(ctx, p.fabric);
  return json(await fabric(ctx, cs.id));
}

/** The protected items of each server: every state but replication disabled, counted in SQL. */
const COUNTED_STATES = ITEM_STATES.filter((st) => st !== "replication-disabled");

async function containersOf(ctx: ArmContext, servers: { id: string; name: string }[]) {
  return Promise.all(
    servers.map(async (cs) => {
      const { total } = await ctx.caller.items.list({
        vaultId: ctx.vault.id,
        configurationServerId: cs.id,
        state: COUNTED_STATES,
        limit: 1,
      });
      return containerModel(ctx.vault, cs, total);
    }),
  );
}

export async function listContainers(ctx: ArmContext) {
  const servers = await ctx.caller.infrastructure.configurationServers.list({ vaultId: ctx.vault.id });
  return page(await containersOf(ctx, servers));
}

export async function listFabricContainers(ctx: ArmContext, p: { fabric: string }) {
  const cs = await findFabric(ctx, p.fabric);
  return page(await containersOf(ctx, [cs]));
}

export async function getContainer(ctx: ArmContext, p: { fabric: string; container: string }) {
  const cs = await findContainer(ctx, p.fabric, p.container);
  const [c] = await containersOf(ctx, [cs]);
  return json(c);
}
