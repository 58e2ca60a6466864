/**
 * Migration 0010 turns a policy's single configuration-server column into rows of
 * policy_configuration_servers. A database made by the previous release keeps every association
 * and every reference to its policies (the table is rebuilt: foreign keys must not fire meanwhile).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDb, openDb } from "../client";

/** A copy of the migrations folder that stops before `tag`. */
function migrationsBefore(tag: string, dir: string): string {
  const folder = path.join(dir, "migrations");
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("migration 0010: policy associations", () => {
  it("carries each policy's configuration server over and keeps the items' and twins' references", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-migration-"));
    try {
      const file = path.join(dir, "portal.db");
      const db = openDb(file);
      migrateDb(db, migrationsBefore("0010_policy_configuration_servers", dir));
      const c = db.$client;
      c.exec(`
        insert into vaults (id, name, subscription_name, subscription_id, resource_group, region, created_at)
          values ('v', 'v', 'sub', 'sub-id', 'rg', 'westeurope', 1);
        insert into configuration_servers (id, vault_id, name, ip, version) values ('cs-a', 'v', 'cs-a', '10.0.0.1', '9.62');
        insert into configuration_servers (id, vault_id, name, ip, version) values ('cs-b', 'v', 'cs-b', '10.0.0.2', '9.62');
        insert into replication_policies (id, vault_id, name, direction, rpo_threshold_minutes, retention_hours,
            app_consistent_frequency_minutes, paired_policy_id, configuration_server_id, created_at) values
          ('p1', 'v', 'p1', 'to-azure', 15, 24, 60, 'p1-fb', 'cs-a', 100),
          ('p1-fb', 'v', 'p1-failback', 'failback', 15, 24, 60, 'p1', 'cs-a', 100),
          ('p2', 'v', 'p2', 'to-azure', 15, 24, 60, null, 'cs-b', 200),
          ('p3', 'v', 'p3', 'to-azure', 15, 24, 60, null, null, 300);
        insert into machines (id, configuration_server_id, kind, name, host_name, os_type, os_name, root_file_system, cores,
            memory_mb, disks, nics, discovered_at)
          values ('m', 'cs-a', 'vmware', 'm', 'm', 'windows', 'Windows Server 2019', 'ntfs', 2, 4096, '[]', '[]', 1);
        insert into replicated_items (id, vault_id, machine_id, configuration_server_id, name, kind, os_type, state,
            active_location, replication_direction, policy_id, created_at, updated_at)
          values ('i', 'v', 'm', 'cs-a', 'm', 'vmware', 'windows', 'protected', 'on-premises', 'to-azure', 'p1', 1, 1);
      `);

      migrateDb(db);
      expect(
        c.prepare("select policy_id, configuration_server_id, created_at from policy_configuration_servers order by 1, 2").all(),
      ).toEqual([
        { policy_id: "p1", configuration_server_id: "cs-a", created_at: 100 },
        { policy_id: "p1-fb", configuration_server_id: "cs-a", created_at: 100 },
        { policy_id: "p2", configuration_server_id: "cs-b", created_at: 200 },
      ]);
      const columns = (c.prepare("pragma table_info(replication_policies)").all() as { name: string }[]).map((x) => x.name);
      expect(columns).not.toContain("configuration_server_id");
      expect(c.prepare("select policy_id from replicated_items where id = 'i'").pluck().get()).toBe("p1");
      expect(c.prepare("select count(*) from replication_policies").pluck().get()).toBe(4);
      expect(c.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(c.pragma("foreign_key_check")).toEqual([]);
      // The references still hold: deleting a policy cascades to its rows and clears the item's policy.
      c.prepare("delete from replication_policies where id = 'p1'").run();
      expect(c.prepare("select count(*) from policy_configuration_servers where policy_id = 'p1'").pluck().get()).toBe(0);
      expect(c.prepare("select policy_id from replicated_items where id = 'i'").pluck().get()).toBeNull();
      c.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
