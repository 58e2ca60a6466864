-- Jobs search: a trigram full-text index over each job's name, target name and id (what the Jobs
-- blade's search box matches as a substring), so a search reads the few jobs that can match instead
-- of scanning every job of the vault. External content: the index stores no copy of the text, it
-- reads jobs by rowid; the triggers keep it in step with every insert, delete and rename.
-- (The portal never runs VACUUM, which could renumber the rowids of jobs; after one, rebuild it:
-- INSERT INTO jobs_search(jobs_search) VALUES ('rebuild').)
CREATE VIRTUAL TABLE jobs_search USING fts5(name, target_name, id, content='jobs', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO jobs_search(jobs_search) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `jobs_search_insert` AFTER INSERT ON `jobs` BEGIN
  INSERT INTO jobs_search(rowid, name, target_name, id) VALUES (new.rowid, new.`name`, new.`target_name`, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_search_delete` AFTER DELETE ON `jobs` BEGIN
  INSERT INTO jobs_search(jobs_search, rowid, name, target_name, id) VALUES ('delete', old.rowid, old.`name`, old.`target_name`, old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_search_update` AFTER UPDATE OF `name`, `target_name`, `id` ON `jobs` BEGIN
  INSERT INTO jobs_search(jobs_search, rowid, name, target_name, id) VALUES ('delete', old.rowid, old.`name`, old.`target_name`, old.`id`);
  INSERT INTO jobs_search(rowid, name, target_name, id) VALUES (new.rowid, new.`name`, new.`target_name`, new.`id`);
END;
