import { z } from "zod";
import type { Context } from "./trpc";

/** Every vault-scoped procedure takes the vault id; the role check reads it from here. */
export const vaultInput = z.object({ vaultId: z.string().min(1).max(200) });

/** What a domain verb needs to know about the caller. */
export const verbEnv = (ctx: Context) => ({ userId: ctx.user?.id ?? null });
