/** A replicated item as stored, loaded within its vault. */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { notFound } from "../errors";

export type ItemRow = typeof s.replicatedItems.$inferSelect;

export function loadItem(db: DbOrTx, vaultId: string, itemId: string): ItemRow {
  const item = db
    .select()
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.id, itemId), eq(s.replicatedItems.vaultId, vaultId)))
    .get();
  if (!item) throw notFound("Replicated item", itemId);
  return item;
}
