DROP INDEX `audit_vault_at`;--> statement-breakpoint
CREATE INDEX `audit_vault_at_id` ON `audit_entries` (`vault_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_vault_user_at` ON `audit_entries` (`vault_id`,`user_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_vault_operation_at` ON `audit_entries` (`vault_id`,`operation`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_vault_outcome_at` ON `audit_entries` (`vault_id`,`outcome`,`at`,`id`);