CREATE TABLE `policy_configuration_servers` (
	`policy_id` text NOT NULL,
	`configuration_server_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`policy_id`, `configuration_server_id`),
	FOREIGN KEY (`policy_id`) REFERENCES `replication_policies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policy_cs_cs` ON `policy_configuration_servers` (`configuration_server_id`);--> statement-breakpoint
-- Each policy's association (a single column until now) becomes its first row.
INSERT INTO `policy_configuration_servers`("policy_id", "configuration_server_id", "created_at") SELECT "id", "configuration_server_id", "created_at" FROM `replication_policies` WHERE "configuration_server_id" IS NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_replication_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`name` text NOT NULL,
	`direction` text NOT NULL,
	`rpo_threshold_minutes` integer NOT NULL,
	`retention_hours` integer NOT NULL,
	`app_consistent_frequency_minutes` integer NOT NULL,
	`multi_vm_consistency` integer DEFAULT false NOT NULL,
	`editable` integer DEFAULT true NOT NULL,
	`paired_policy_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_replication_policies`("id", "vault_id", "name", "direction", "rpo_threshold_minutes", "retention_hours", "app_consistent_frequency_minutes", "multi_vm_consistency", "editable", "paired_policy_id", "created_at") SELECT "id", "vault_id", "name", "direction", "rpo_threshold_minutes", "retention_hours", "app_consistent_frequency_minutes", "multi_vm_consistency", "editable", "paired_policy_id", "created_at" FROM `replication_policies`;--> statement-breakpoint
DROP TABLE `replication_policies`;--> statement-breakpoint
ALTER TABLE `__new_replication_policies` RENAME TO `replication_policies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `policy_vault_name` ON `replication_policies` (`vault_id`,`name`);