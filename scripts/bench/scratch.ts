/**
 * The scratch database `npm run bench` measures: the demo vault plus 10,000 protected items and
 * 50,000 finished jobs, an administrator to sign in with, and (added while the portal runs, after
 * the idle measurement) a second vault with 1,000 protected items in 10 recovery plans of 100.
 * Never the portal's own data file: the caller passes a file in a temporary folder.
 */
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../../db/client";
import * as s from "../../db/schema";
import { DEMO_VAULT_ID, seedDemoVault, seedVault } from "../../db/seed";
import { seedProtectedItems } from "../../db/seed/bulk";
import { createRecoveryPlan } from "../../server/domain/recovery-plan/create-recovery-plan";
import { createFirstAdministrator, grantRole, findUserByEmail } from "../../server/domain/users/members";
import { AZURE_SITE, MAX_PLAN_ITEMS } from "../../server/domain/recovery-plan/inputs";

export const BENCH_ADMIN = { name: "Bench Admin", email: "bench@contoso.com", password: "Bench-password-2026!" };
export const FAILOVER_VAULT_ID = "bench-failover-vault";

export async function seedScratch(file: string, o: { items: number; jobs: number; jobTargets: number }): Promise<void> {
  const db = openDb(file);
  migrateDb(db);
  const now = Date.now();
  seedDemoVault(db, now);
  seedProtectedItems(db, { vaultId: DEMO_VAULT_ID, count: o.items, now });
  seedFinishedJobs(file, DEMO_VAULT_ID, o.jobs, o.jobTargets, now);
  const passwordHash = await hashPassword(BENCH_ADMIN.password);
  db.transaction((tx) => void createFirstAdministrator(tx, { name: BENCH_ADMIN.name, email: BENCH_ADMIN.email, passwordHash }));
  db.$client.close();
}

/**
 * `count` finished item jobs (Failover, Test failover, Reprotect…) over the last 30 days on the
 * bulk items `bulk-vm-00000`… (`targets` of them, round robin), each with three steps, written with raw prepared statements (50,000 jobs in a few seconds).
 */
export function seedFinishedJobs(file: string, vaultId: string, count: number, targets: number, now: number): void {
  const sqlite = openDb(file).$client;
  // The jobs' targets are the bulk items (written later, while the portal runs, with these ids).
  const items = Array.from({ length: targets }, (_, i) => {
    const name = `bulk-vm-${String(i).padStart(5, "0")}`;
    return { id: name, name };
  });
  const kinds = [
    ["failover", "Failover"],
    ["test-failover", "Test failover"],
    ["test-failover-cleanup", "Test failover cleanup"],
    ["reprotect", "Reprotect"],
    ["commit", "Commit"],
  ] as const;
  const job = sqlite.prepare(
    `insert into jobs (id, vault_id, type, name, target_type, target_id, target_name, status, input, error, created_at, started_at, ended_at)
     values (?, ?, ?, ?, 'replicated-item', ?, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const step = sqlite.prepare(
    `insert into job_steps (id, job_id, ordinal, key, name, status, duration_seconds, progress, started_at, ended_at)
     values (?, ?, ?, ?, ?, ?, 60, 100, ?, ?)`,
  );
  const span = 30 * 86_400_000;
  const failure = JSON.stringify({
    code: "RecoveryPointNotFound",
    message: "No recovery point was available.",
    possibleCauses: "Replication had not produced a point yet.",
    recommendedAction: "Wait for a recovery point and retry.",
  });
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const [type, name] = kinds[i % kinds.length]!;
      const item = items[i % items.length]!;
      const created = now - span + Math.floor((i * span) / count);
      const failed = i % 50 === 7;
      const id = crypto.randomUUID();
      job.run(
        id,
        vaultId,
        type,
        name,
        item.id,
        item.name,
        failed ? "failed" : "succeeded",
        failed ? failure : null,
        created,
        created,
        created + 180_000,
      );
      for (let k = 0; k < 3; k++) {
        const status = failed && k === 2 ? "failed" : "succeeded";
        step.run(
          crypto.randomUUID(),
          id,
          k + 1,
          `step-${k + 1}`,
          `Step ${k + 1}`,
          status,
          created + k * 60_000,
          created + (k + 1) * 60_000,
        );
      }
    }
  })();
  sqlite.close();
}

/**
 * A second vault (written while the portal runs, as a user's second vault would be) with `count`
 * protected items in recovery plans of `perPlan` items (a plan holds at most 100), each of one
 * group; the administrator owns it. Returns the plans' ids and all the items' ids.
 */
export function seedFailoverVault(file: string, count: number, perPlan = MAX_PLAN_ITEMS): { planIds: string[]; itemIds: string[] } {
  const db = openDb(file);
  const vault = seedVault(db, { id: FAILOVER_VAULT_ID, name: "bench-failover-vault", idPrefix: "bf-" });
  const itemIds = seedProtectedItems(db, { vaultId: vault.id, idPrefix: "bf-", count, now: Date.now(), namePrefix: "fo-vm" });
  const admin = findUserByEmail(db, BENCH_ADMIN.email);
  if (!admin) throw new Error("the bench administrator is missing");
  const source = db
    .select({ name: s.configurationServers.name })
    .from(s.configurationServers)
    .where(eq(s.configurationServers.id, vault.idOf("cs-01")))
    .get()!.name;
  const planIds = db.transaction(
    (tx) => {
      grantRole(tx, { vaultId: vault.id, userId: admin.id, role: "owner" });
      const ids: string[] = [];
      for (let i = 0; i < itemIds.length; i += perPlan) {
        const n = String(i / perPlan + 1).padStart(2, "0");
        const groups = [{ itemIds: itemIds.slice(i, i + perPlan) }];
        ids.push(createRecoveryPlan(tx, { vaultId: vault.id, name: `rp-bench-${n}`, source, target: AZURE_SITE, groups }).planId);
      }
      return ids;
    },
    { behavior: "immediate" },
  );
  db.$client.close();
  return { planIds, itemIds };
}
