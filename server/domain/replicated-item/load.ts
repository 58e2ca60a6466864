/** A replicated item as stored, loaded within its vault. */
import { and, eq, sql } from "drizzle-orm";
import { preparedQuery, type DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { notFound } from "../errors";

export type ItemRow = typeof s.replicatedItems.$inferSelect;

const itemQuery = preparedQuery((db) =>
  db
    .select()
    .from(s.replicatedItems)
    .where(and(eq(s.replicatedItems.id, sql.placeholder("itemId")), eq(s.replicatedItems.vaultId, sql.placeholder("vaultId"))))
    .prepare(),
);

export function loadItem(db: DbOrTx, vaultId: string, itemId: string): ItemRow {
  const item = itemQuery(db).get({ itemId, vaultId });
  if (!item) throw notFound("Replicated item", itemId);
  return item;
}
