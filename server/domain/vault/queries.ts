import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { vaultMembers, vaults } from "@/db/schema";
import { notFound } from "../errors";

export function listVaults(db: DbOrTx) {
  return db.select().from(vaults).orderBy(asc(vaults.name)).all();
}

/** The vaults a user has a role in (nobody learns of the others). */
export function listVaultsOf(db: DbOrTx, userId: string) {
  return db
    .select({ vault: vaults })
    .from(vaults)
    .innerJoin(vaultMembers, and(eq(vaultMembers.vaultId, vaults.id), eq(vaultMembers.userId, userId)))
    .orderBy(asc(vaults.name))
    .all()
    .map((r) => r.vault);
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
