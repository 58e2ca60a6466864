/**
 * The input bases of every vault-, item- and plan-scoped verb. Plain zod: the input modules that
 * forms import into the browser extend them (lint keeps this module free of the database).
 */
import { z } from "zod";

/** The longest id any input may name: every id the portal makes is far shorter (a UUID is 36). */
export const ID_MAX = 200;

/** An id in an input: present and of sane length (an over-long one is refused before any lookup). */
export const id = (message?: string) => z.string().min(1, message).max(ID_MAX, `At most ${ID_MAX} characters.`);

/** Every vault-scoped verb and read model names its vault. */
export const vaultTarget = z.object({ vaultId: id() });
export const itemTarget = vaultTarget.extend({ itemId: id() });
export const planTarget = vaultTarget.extend({ planId: id() });
