DROP INDEX `storage_accounts_name_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `storage_account_rg_name` ON `storage_accounts` (`resource_group_id`,`name`);