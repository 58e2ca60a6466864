import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { hashPassword } from "@/server/auth/users";
import { addMember, listMembers, memberRole, removeMember, resetMemberPassword, setMemberRole } from "@/server/domain/users/members";
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
 * A verb that may store a password: the hash is made before the transaction (scrypt is
 * asynchronous), then the verb runs with it; the password itself is only in the redacted log.
 */
function withPasswordHash<I extends { vaultId: string; password?: string | undefined }, R>(
  run: (tx: Tx, input: I, passwordHash: string | null) => R,
  target: (input: I) => string,
) {
  return async (opts: { ctx: Context; input: I; path: string }): Promise<R> => {
    const passwordHash = opts.input.password ? await hashPassword(opts.input.password) : null;
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
        user: { name: ctx.user.name, email: ctx.user.email },
        role,
        roleLabel: role ? ROLE_LABEL[role] : null,
        permissions: permissionsFor(role),
      };
    }),

  list: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(vaultInput)
    .query(({ ctx, input }) => listMembers(ctx.db, input.vaultId)),

  /** Adds a person by email: a new account with the initial password, or an existing account as it is. */
  add: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(addUserInput)
    .mutation(
      withPasswordHash(
        (tx, { vaultId, name, email, role }: z.output<typeof addUserInput>, passwordHash) =>
          addMember(tx, { vaultId, name, email, passwordHash, role }),
        (i) => i.email,
      ),
    ),

  setRole: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(setRoleInput)
    .mutation(verb(answerOk(setMemberRole), (i) => i.email)),

  remove: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(removeMemberInput)
    .mutation(verb(answerOk(removeMember), (i) => i.email)),

  resetPassword: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(resetPasswordInput)
    .mutation(
      withPasswordHash(
        (tx, { vaultId, email }: z.output<typeof resetPasswordInput>, passwordHash) =>
          answerOk(resetMemberPassword)(tx, { vaultId, email, passwordHash: passwordHash! }),
        (i) => i.email,
      ),
    ),
});
