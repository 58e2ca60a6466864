/**
 * The signed-in user's personal access tokens for the automation API (the Profile page). Any
 * signed-in user manages their own tokens; a token acts with its user's role in each vault.
 */
import { createTRPCRouter, readerProcedure, runMutation } from "../trpc";
import { createToken, createTokenInput, listTokens, revokeToken, revokeTokenInput } from "@/server/domain/tokens/tokens";

export const tokensRouter = createTRPCRouter({
  list: readerProcedure.query(({ ctx }) => listTokens(ctx.db, ctx.user.id)),
  /** The answer holds the token itself: the only time it is ever shown. */
  create: readerProcedure
    .input(createTokenInput)
    .mutation(({ ctx, input, path }) =>
      runMutation(ctx, { operation: path, target: input.name, input, vaultId: null }, (tx) => createToken(tx, ctx.user.id, input)),
    ),
  revoke: readerProcedure
    .input(revokeTokenInput)
    .mutation(({ ctx, input, path }) =>
      runMutation(ctx, { operation: path, target: input.tokenId, input, vaultId: null }, (tx) => revokeToken(tx, ctx.user.id, input)),
    ),
});
