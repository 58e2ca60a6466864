CREATE TABLE `sim_vcenters` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`address` text NOT NULL,
	`port` integer DEFAULT 443 NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`users` text NOT NULL,
	`hosts` text NOT NULL,
	`datastores` text NOT NULL,
	`vms` text NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sim_vcenter_vault_address` ON `sim_vcenters` (`vault_id`,`address`);--> statement-breakpoint
ALTER TABLE `master_targets` ADD `ip` text;--> statement-breakpoint
ALTER TABLE `master_targets` ADD `checks` text;--> statement-breakpoint
ALTER TABLE `master_targets` ADD `checked_at` integer;--> statement-breakpoint
ALTER TABLE `process_servers` ADD `passphrase_enc` text;