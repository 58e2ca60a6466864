DROP INDEX `jobs_target`;--> statement-breakpoint
CREATE INDEX `jobs_vault_status_created` ON `jobs` (`vault_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_vault_type_created` ON `jobs` (`vault_id`,`type`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_target_created` ON `jobs` (`target_id`,`created_at`,`id`);