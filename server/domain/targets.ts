/**
 * The input bases of every vault-, item- and plan-scoped verb. Plain zod: the input modules that
 * forms import into the browser extend them (lint keeps this module free of the database).
 */
import { z } from "zod";

/** Every vault-scoped verb and read model names its vault. */
export const vaultTarget = z.object({ vaultId: z.string().min(1) });
export const itemTarget = vaultTarget.extend({ itemId: z.string().min(1) });
export const planTarget = vaultTarget.extend({ planId: z.string().min(1) });
