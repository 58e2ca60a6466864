/** The input of the personal access token verbs (the Account page's form validates with it). */
import { z } from "zod";

export const TOKEN_DEFAULT_DAYS = 30;
export const TOKEN_MAX_DAYS = 365;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token.").max(80, "Use at most 80 characters."),
  days: z
    .number()
    .int("Whole days only.")
    .min(1, "At least 1 day.")
    .max(TOKEN_MAX_DAYS, `At most ${TOKEN_MAX_DAYS} days.`)
    .default(TOKEN_DEFAULT_DAYS),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const revokeTokenInput = z.object({ tokenId: z.string().min(1).max(100) });
export type RevokeTokenInput = z.input<typeof revokeTokenInput>;
