import { z } from "zod";
import { vaultTarget } from "../validation";
import { ROLES } from "./roles";

export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254));
/** Better Auth's limits (8–128); no default passwords exist anywhere. */
export const passwordSchema = z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters.");
export const roleSchema = z.enum(ROLES);

export const firstAdministratorInput = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type FirstAdministratorInput = z.infer<typeof firstAdministratorInput>;

export const addUserInput = vaultTarget.extend({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
});
/** A member of the vault. */
const memberTarget = vaultTarget.extend({ userId: z.string().min(1) });
export const setRoleInput = memberTarget.extend({ role: roleSchema });
export const removeMemberInput = memberTarget;
export const resetPasswordInput = memberTarget.extend({ password: passwordSchema });
