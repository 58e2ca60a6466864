DROP INDEX `items_vault_name`;--> statement-breakpoint
DROP INDEX `items_vault_state`;--> statement-breakpoint
DROP INDEX `items_vault_health`;--> statement-breakpoint
DROP INDEX `items_vault_location`;--> statement-breakpoint
ALTER TABLE `replicated_items` ADD `simulate_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `replicated_items` ADD `simulated_at` integer;--> statement-breakpoint
CREATE INDEX `items_vault_simulate_at` ON `replicated_items` (`vault_id`,`simulate_at`);--> statement-breakpoint
CREATE INDEX `items_vault_name_id` ON `replicated_items` (`vault_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `items_vault_state_name` ON `replicated_items` (`vault_id`,`state`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `items_vault_health_name` ON `replicated_items` (`vault_id`,`replication_health`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `items_vault_location_name` ON `replicated_items` (`vault_id`,`active_location`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `items_vault_kind_name` ON `replicated_items` (`vault_id`,`kind`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `items_vault_last_point_name` ON `replicated_items` (`vault_id`,`last_recovery_point_at`,`name`,`id`);