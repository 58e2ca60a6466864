import { z } from "zod";
import { vaultTarget } from "../validation";
import { ROLES } from "./roles";

export const nameSchema = z.string().max(100, "Use at most 100 characters.").trim().min(1, "Enter a name.");
export const emailSchema = z
  .string()
  .max(254, "Use at most 254 characters.")
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address."));
/** Better Auth's limits (8–128); no default passwords exist anywhere. */
export const passwordSchema = z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters.");
export const roleSchema = z.enum(ROLES);

export const firstAdministratorInput = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type FirstAdministratorInput = z.infer<typeof firstAdministratorInput>;
/** The first-run form: the administrator plus the one-time setup token `npm start` prints. */
export const firstRunInput = firstAdministratorInput.extend({
  token: z.string().trim().min(1, "Paste the setup token from the link npm start printed.").max(512, "Use at most 512 characters."),
});
export type FirstRunInput = z.infer<typeof firstRunInput>;

/**
 * Add a person to the vault by email. The initial password is for a new account only: someone who
 * already has an account keeps theirs (an empty field is "no password").
 */
export const addUserInput = vaultTarget.extend({
  name: nameSchema,
  email: emailSchema,
  password: z
    .union([z.literal(""), passwordSchema])
    .optional()
    .transform((v) => v || undefined),
  role: roleSchema,
});
/** A member of the vault, named by email (an Owner never sees user ids). */
const memberTarget = vaultTarget.extend({ email: emailSchema });
export const setRoleInput = memberTarget.extend({ role: roleSchema });
export const removeMemberInput = memberTarget;
export const resetPasswordInput = memberTarget.extend({ password: passwordSchema });
