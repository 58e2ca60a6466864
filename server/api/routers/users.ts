import { TRPCError } from "@trpc/server";
import { hashPassword } from "@/server/auth/users";
import { addUser, listMembers, memberRole, removeMember, resetPassword, setRole } from "@/server/domain/users/members";
import { permissionsFor, ROLE_LABEL } from "@/server/domain/users/roles";
import { addUserInput, removeMemberInput, resetPasswordInput, setRoleInput } from "@/server/domain/users/schemas";
import { createTRPCRouter, ownerProcedure, publicProcedure, runMutation } from "../trpc";
import { vaultInput } from "../inputs";

export const usersRouter = createTRPCRouter({
  /** Who am I in this vault, and what may I do: drives useCan()/RoleGate in the UI. */
  me: publicProcedure
    .meta({ minRole: "anyone" })
    .input(vaultInput)
    .query(({ ctx, input }) => {
      if (!ctx.user)
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has expired or you are not signed in. Sign in again." });
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
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const userId = runMutation(ctx, { operation: "users.add", target: input.email, input, vaultId: input.vaultId }, (tx) =>
        addUser(tx, { vaultId: input.vaultId, name: input.name, email: input.email, passwordHash, role: input.role }),
      );
      return { userId };
    }),

  setRole: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(setRoleInput)
    .mutation(({ ctx, input }) => {
      runMutation(ctx, { operation: "users.setRole", target: input.userId, input, vaultId: input.vaultId }, (tx) => setRole(tx, input));
      return { ok: true as const };
    }),

  remove: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => {
      runMutation(ctx, { operation: "users.remove", target: input.userId, input, vaultId: input.vaultId }, (tx) => removeMember(tx, input));
      return { ok: true as const };
    }),

  resetPassword: ownerProcedure
    .meta({ operation: "manageUsers" })
    .input(resetPasswordInput)
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      runMutation(ctx, { operation: "users.resetPassword", target: input.userId, input, vaultId: input.vaultId }, (tx) => {
        // Only members of this vault: an Owner of one vault cannot reset strangers' passwords.
        if (!memberRole(tx, input.vaultId, input.userId))
          throw new TRPCError({ code: "NOT_FOUND", message: `Member '${input.userId}' was not found.` });
        resetPassword(tx, { userId: input.userId, passwordHash });
      });
      return { ok: true as const };
    }),
});
