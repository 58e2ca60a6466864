import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { vaults } from "@/db/schema";
import { notFound } from "../errors";

export function listVaults(db: DbOrTx) {
  return db.select().from(vaults).orderBy(asc(vaults.name)).all();
}

export function getVault(db: DbOrTx, vaultId: string) {
  const vault = db.select().from(vaults).where(eq(vaults.id, vaultId)).get();
  if (!vault) throw notFound("Vault", vaultId);
  return vault;
}

/** NotFound unless the vault exists (verbs and read models that take a vault id). */
export function requireVault(db: DbOrTx, vaultId: string): void {
  getVault(db, vaultId);
}
