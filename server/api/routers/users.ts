import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { hashPassword } from "@/server/auth/users";
import { addUser, listMembers, memberRole, removeMember, resetMemberPassword, setRole } from "@/server/domain/users/members";
import { permissionsFor, ROLE_LABEL } from "@/server/domain/users/roles";
import { addUserInput, removeMemberInput, resetPasswordInput, setRoleInput } from "@/server/domain/users/schemas";
import type { Tx } from "@/db/client";
import { createTRPCRouter, ownerProcedure, publicProcedure, UNAUTHORIZED_MESSAGE, verb, type Context } from "../trpc";
import { vaultInput } from "../inputs";

/** A verb that answers nothing: the procedure answers { ok: true }. */
const answerOk =
  <I>(run: (tx: Tx, input: I) => void) =>
  (tx: Tx, input: I) => {
    run(tx, input);
    return { ok: true as const };
  };

/**
 * A verb that stores a password: the hash is made before the transaction (scrypt is
 * asynchronous), then the verb runs with it; the password itself is only in the redacted log.
 */
function withPasswordHash<I extends { vaultId: string; password: string }, R>(
  run: (tx: Tx, input: I, passwordHash: string) => R,
  target: (input: I) => string,
) {
  return async (opts: { ctx: Context; input: I; path: string }): Promise<R> => {
    const passwordHash = await hashPassword(opts.input.password);
    return verb((tx, input: I) => run(tx, input, passwordHash), target)(opts);
  };
}

export const usersRouter = createTRPCRouter({
  /** Who am I in this vault, and what may I do: drives useCan()/RoleGate in the UI. */
  me: publicProcedure
    .meta({ minRole: "anyone" })
    .input(vaultInput)
    .query(({ ctx, input }) => {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: UNAUTHORIZED_MESSAGE });
      const role = memberRole(ctx.db, input.vaultId, ctx.user.id);
      return {
        user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
        role,
        roleLabel: role ? ROLE_LABEL[role] : null,
        permissions: permissionsFor(role),
      };
    }),

  list: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(vaultInput)
    .query(({ ctx, input }) => listMembers(ctx.db, input.vaultId)),

  add: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(addUserInput)
    .mutation(
      withPasswordHash(
        (tx, { vaultId, name, email, role }: z.output<typeof addUserInput>, passwordHash) => ({
          userId: addUser(tx, { vaultId, name, email, passwordHash, role }),
        }),
        (i) => i.email,
      ),
    ),

  setRole: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(setRoleInput)
    .mutation(verb(answerOk(setRole), (i) => i.userId)),

  remove: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(removeMemberInput)
    .mutation(verb(answerOk(removeMember), (i) => i.userId)),

  resetPassword: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(resetPasswordInput)
    .mutation(
      withPasswordHash(
        (tx, { vaultId, userId }: z.output<typeof resetPasswordInput>, passwordHash) =>
          answerOk(resetMemberPassword)(tx, { vaultId, userId, passwordHash }),
        (i) => i.userId,
      ),
    ),
});
