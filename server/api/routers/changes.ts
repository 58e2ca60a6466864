import { tracked } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, readerProcedure, toTRPCError, vaultNotFound } from "../trpc";
import { memberRole } from "@/server/domain/users/members";
import { ChangeQueue, changeVersion, subscribeChanges, type ChangeKind } from "@/server/changes/feed";
import { vaultInput } from "../inputs";

/**
 * What a stream sends: the ids of one kind that changed (null: too many to list, assume yours did)
 * and whether counts or filtered lists may have moved; "resync" on every (re)connection, since
 * changes made while the stream was not listening are not replayed: refetch what you show.
 */
export type VaultChangeEvent = { kind: ChangeKind | "resync"; ids: string[] | null; counts: boolean; version: number };

/** A quiet stream checks the caller's role this often (a removed member's stream ends). */
const RECHECK_MS = 5_000;

export const changesRouter = createTRPCRouter({
  /** The vault's change feed (SSE): one event per kind of change, after the transaction committed. */
  onVault: readerProcedure.input(vaultInput.extend({ lastEventId: z.string().max(64).nullish() })).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const stillMember = () => {
      // Errors thrown inside the generator bypass the procedure middleware: map them here.
      if (!memberRole(ctx.db, input.vaultId, ctx.user.id)) throw toTRPCError(vaultNotFound(input.vaultId));
    };
    const queue = new ChangeQueue();
    const stop = subscribeChanges(ctx.db, input.vaultId, queue.push);
    try {
      const resync: VaultChangeEvent = { kind: "resync", ids: null, counts: true, version: changeVersion() };
      yield tracked(`${resync.version}.resync`, resync);
      while (!signal?.aborted) {
        const { version, changes } = await queue.next(signal, RECHECK_MS);
        if (signal?.aborted) return;
        // A stream lasts: the caller's role is checked again before anything is sent.
        stillMember();
        for (const c of changes) {
          const event: VaultChangeEvent = { ...c, version };
          yield tracked(`${version}.${c.kind}`, event);
        }
      }
    } finally {
      stop();
    }
  }),
});
