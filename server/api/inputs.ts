import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";

/** Every vault-scoped procedure takes the vault id; the role check reads it from here. */
export const vaultInput = z.object({ vaultId: z.string().min(1).max(ID_MAX) });
