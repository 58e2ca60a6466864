import { z } from "zod";
import { ROLES } from "./roles";

export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).pipe(z.string().max(254));
/** Better Auth's limits (8–128); no default passwords exist anywhere. */
export const passwordSchema = z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters.");
export const roleSchema = z.enum(ROLES);

export const firstAdministratorInput = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type FirstAdministratorInput = z.infer<typeof firstAdministratorInput>;

export const addUserInput = z.object({
  vaultId: z.string().min(1),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
});
export const setRoleInput = z.object({ vaultId: z.string().min(1), userId: z.string().min(1), role: roleSchema });
export const removeMemberInput = z.object({ vaultId: z.string().min(1), userId: z.string().min(1) });
export const resetPasswordInput = z.object({ vaultId: z.string().min(1), userId: z.string().min(1), password: passwordSchema });
