CREATE TABLE `simulation_settings` (
	`vault_id` text PRIMARY KEY NOT NULL,
	`speed` real DEFAULT 60 NOT NULL,
	`sim_now` integer NOT NULL,
	`real_at` integer NOT NULL,
	`replication_simulated_at` integer,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `vaults` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`subscription_name` text NOT NULL,
	`subscription_id` text NOT NULL,
	`resource_group` text NOT NULL,
	`region` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vaults_name_unique` ON `vaults` (`name`);--> statement-breakpoint
CREATE TABLE `configuration_servers` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`name` text NOT NULL,
	`ip` text NOT NULL,
	`version` text NOT NULL,
	`last_heartbeat_at` integer,
	`health` text DEFAULT 'healthy' NOT NULL,
	`passphrase_enc` text,
	`passphrase_changed_at` integer,
	`last_backup_at` integer,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cs_vault_name` ON `configuration_servers` (`vault_id`,`name`);--> statement-breakpoint
CREATE TABLE `datastore_hosts` (
	`datastore_id` text NOT NULL,
	`host_id` text NOT NULL,
	PRIMARY KEY(`datastore_id`, `host_id`),
	FOREIGN KEY (`datastore_id`) REFERENCES `datastores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_id`) REFERENCES `esxi_hosts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `datastore_hosts_host` ON `datastore_hosts` (`host_id`);--> statement-breakpoint
CREATE TABLE `datastores` (
	`id` text PRIMARY KEY NOT NULL,
	`vcenter_id` text NOT NULL,
	`name` text NOT NULL,
	`capacity_gb` real NOT NULL,
	`free_gb` real NOT NULL,
	FOREIGN KEY (`vcenter_id`) REFERENCES `vcenters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `datastore_vcenter_name` ON `datastores` (`vcenter_id`,`name`);--> statement-breakpoint
CREATE TABLE `esxi_hosts` (
	`id` text PRIMARY KEY NOT NULL,
	`vcenter_id` text NOT NULL,
	`name` text NOT NULL,
	`version` text NOT NULL,
	`license` text NOT NULL,
	`license_label` text,
	FOREIGN KEY (`vcenter_id`) REFERENCES `vcenters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `host_vcenter_name` ON `esxi_hosts` (`vcenter_id`,`name`);--> statement-breakpoint
CREATE TABLE `machines` (
	`id` text PRIMARY KEY NOT NULL,
	`configuration_server_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`host_name` text NOT NULL,
	`vcenter_id` text,
	`host_id` text,
	`datastore_id` text,
	`os_type` text NOT NULL,
	`os_name` text NOT NULL,
	`root_file_system` text NOT NULL,
	`cores` integer NOT NULL,
	`memory_mb` integer NOT NULL,
	`disks` text NOT NULL,
	`nics` text NOT NULL,
	`snapshot_count` integer DEFAULT 0 NOT NULL,
	`exists` integer DEFAULT true NOT NULL,
	`powered_on` integer DEFAULT true NOT NULL,
	`in_config_server_db` integer DEFAULT true NOT NULL,
	`discovered_at` integer NOT NULL,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vcenter_id`) REFERENCES `vcenters`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_id`) REFERENCES `esxi_hosts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`datastore_id`) REFERENCES `datastores`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `machines_cs` ON `machines` (`configuration_server_id`);--> statement-breakpoint
CREATE INDEX `machines_name` ON `machines` (`name`);--> statement-breakpoint
CREATE TABLE `run_as_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`configuration_server_id` text NOT NULL,
	`friendly_name` text NOT NULL,
	`user_name` text NOT NULL,
	`secret_enc` text,
	`secret_changed_at` integer,
	`permission` text DEFAULT 'full' NOT NULL,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_cs_name` ON `run_as_accounts` (`configuration_server_id`,`friendly_name`);--> statement-breakpoint
CREATE TABLE `vcenters` (
	`id` text PRIMARY KEY NOT NULL,
	`configuration_server_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'vcenter' NOT NULL,
	`ip` text NOT NULL,
	`port` integer DEFAULT 443 NOT NULL,
	`account_id` text,
	`discovered_at` integer,
	`last_refresh_at` integer,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `run_as_accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vcenter_cs_name` ON `vcenters` (`configuration_server_id`,`name`);--> statement-breakpoint
CREATE TABLE `azure_networks` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`resource_group_id` text,
	`name` text NOT NULL,
	`deployment_model` text NOT NULL,
	`address_space` text NOT NULL,
	`connectivity` text NOT NULL,
	`express_route_public_peering` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `azure_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resource_group_id`) REFERENCES `resource_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `azure_networks_sub` ON `azure_networks` (`subscription_id`);--> statement-breakpoint
CREATE TABLE `azure_subnets` (
	`id` text PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`name` text NOT NULL,
	`address_range` text NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `azure_networks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subnet_network_name` ON `azure_subnets` (`network_id`,`name`);--> statement-breakpoint
CREATE TABLE `azure_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`name` text NOT NULL,
	`subscription_guid` text NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `azure_vms` (
	`id` text PRIMARY KEY NOT NULL,
	`replicated_item_id` text NOT NULL,
	`name` text NOT NULL,
	`size` text NOT NULL,
	`cores` integer NOT NULL,
	`memory_mb` integer NOT NULL,
	`network_id` text,
	`subnet_id` text,
	`ip` text NOT NULL,
	`ip_mode` text DEFAULT 'dhcp' NOT NULL,
	`power_state` text NOT NULL,
	`is_test` integer DEFAULT false NOT NULL,
	`temp_disk_offline` integer DEFAULT false NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `azure_networks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subnet_id`) REFERENCES `azure_subnets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `azure_vms_item` ON `azure_vms` (`replicated_item_id`);--> statement-breakpoint
CREATE TABLE `network_interfaces` (
	`id` text PRIMARY KEY NOT NULL,
	`resource_group_id` text NOT NULL,
	`subnet_id` text NOT NULL,
	`name` text NOT NULL,
	`attached_to` text,
	FOREIGN KEY (`resource_group_id`) REFERENCES `resource_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subnet_id`) REFERENCES `azure_subnets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `resource_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`name` text NOT NULL,
	`region` text NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `azure_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rg_sub_name` ON `resource_groups` (`subscription_id`,`name`);--> statement-breakpoint
CREATE TABLE `storage_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`resource_group_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'StorageV2' NOT NULL,
	FOREIGN KEY (`resource_group_id`) REFERENCES `resource_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `storage_accounts_name_unique` ON `storage_accounts` (`name`);--> statement-breakpoint
CREATE TABLE `master_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`configuration_server_id` text NOT NULL,
	`name` text NOT NULL,
	`os_type` text NOT NULL,
	`os_name` text NOT NULL,
	`host_id` text,
	`datastore_id` text,
	`on_configuration_server` integer DEFAULT false NOT NULL,
	`last_heartbeat_at` integer,
	`disk_enable_uuid` integer DEFAULT true NOT NULL,
	`storage_vmotioned` integer DEFAULT false NOT NULL,
	`powered_on` integer DEFAULT true NOT NULL,
	`linux_checklist` text,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_id`) REFERENCES `esxi_hosts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`datastore_id`) REFERENCES `datastores`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mt_cs_name` ON `master_targets` (`configuration_server_id`,`name`);--> statement-breakpoint
CREATE TABLE `process_servers` (
	`id` text PRIMARY KEY NOT NULL,
	`configuration_server_id` text NOT NULL,
	`name` text NOT NULL,
	`location` text NOT NULL,
	`ip` text NOT NULL,
	`https_port` integer DEFAULT 443 NOT NULL,
	`data_port` integer DEFAULT 9443 NOT NULL,
	`status` text DEFAULT 'registered' NOT NULL,
	`last_heartbeat_at` integer,
	`health` text DEFAULT 'healthy' NOT NULL,
	`load_percent` real DEFAULT 20 NOT NULL,
	`subscription_id` text,
	`network_id` text,
	`subnet_id` text,
	`deployment_model` text,
	`resource_group_id` text,
	`storage_account_id` text,
	`network_interface_id` text,
	`admin_user_name` text,
	`registered_at` integer,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscription_id`) REFERENCES `azure_subscriptions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`network_id`) REFERENCES `azure_networks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subnet_id`) REFERENCES `azure_subnets`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resource_group_id`) REFERENCES `resource_groups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`storage_account_id`) REFERENCES `storage_accounts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`network_interface_id`) REFERENCES `network_interfaces`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ps_cs_name` ON `process_servers` (`configuration_server_id`,`name`);--> statement-breakpoint
CREATE INDEX `ps_network` ON `process_servers` (`network_id`);--> statement-breakpoint
CREATE TABLE `retention_volumes` (
	`id` text PRIMARY KEY NOT NULL,
	`master_target_id` text NOT NULL,
	`name` text NOT NULL,
	`file_system` text NOT NULL,
	`capacity_gb` real NOT NULL,
	`free_gb` real NOT NULL,
	`usage` text DEFAULT 'none' NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`master_target_id`) REFERENCES `master_targets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rv_mt_name` ON `retention_volumes` (`master_target_id`,`name`);--> statement-breakpoint
CREATE TABLE `recovery_points` (
	`id` text PRIMARY KEY NOT NULL,
	`replicated_item_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`multi_vm` integer DEFAULT false NOT NULL,
	`direction` text NOT NULL,
	`pending_mb` real DEFAULT 0 NOT NULL,
	FOREIGN KEY (`replicated_item_id`) REFERENCES `replicated_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rp_item_at` ON `recovery_points` (`replicated_item_id`,`at`);--> statement-breakpoint
CREATE INDEX `rp_item_pending` ON `recovery_points` (`replicated_item_id`) WHERE "recovery_points"."pending_mb" > 0;--> statement-breakpoint
CREATE TABLE `replicated_items` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`machine_id` text NOT NULL,
	`configuration_server_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`os_type` text NOT NULL,
	`state` text NOT NULL,
	`active_location` text NOT NULL,
	`replication_direction` text NOT NULL,
	`replication_health` text DEFAULT 'healthy' NOT NULL,
	`policy_id` text,
	`process_server_id` text,
	`master_target_id` text,
	`account_id` text,
	`failback_datastore_id` text,
	`retention_volume_id` text,
	`failback_settings` text,
	`target_network_id` text,
	`target_subnet_id` text,
	`azure_vm_id` text,
	`test_azure_vm_id` text,
	`replication_group` text,
	`rpo_seconds` integer,
	`initial_replication_percent` real DEFAULT 0 NOT NULL,
	`last_recovery_point_at` integer,
	`failover_recovery_point_id` text,
	`health_errors` text DEFAULT '[]' NOT NULL,
	`notes` text DEFAULT '[]' NOT NULL,
	`current_job_id` text,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`machine_id`) REFERENCES `machines`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`policy_id`) REFERENCES `replication_policies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`process_server_id`) REFERENCES `process_servers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`master_target_id`) REFERENCES `master_targets`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`account_id`) REFERENCES `run_as_accounts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`failback_datastore_id`) REFERENCES `datastores`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`retention_volume_id`) REFERENCES `retention_volumes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`target_network_id`) REFERENCES `azure_networks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`target_subnet_id`) REFERENCES `azure_subnets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `items_vault_name` ON `replicated_items` (`vault_id`,`name`);--> statement-breakpoint
CREATE INDEX `items_vault_state` ON `replicated_items` (`vault_id`,`state`);--> statement-breakpoint
CREATE INDEX `items_vault_health` ON `replicated_items` (`vault_id`,`replication_health`);--> statement-breakpoint
CREATE INDEX `items_vault_location` ON `replicated_items` (`vault_id`,`active_location`);--> statement-breakpoint
CREATE INDEX `items_group` ON `replicated_items` (`replication_group`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_machine` ON `replicated_items` (`machine_id`);--> statement-breakpoint
CREATE TABLE `replication_policies` (
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
	`configuration_server_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`configuration_server_id`) REFERENCES `configuration_servers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_vault_name` ON `replication_policies` (`vault_id`,`name`);--> statement-breakpoint
CREATE TABLE `recovery_plan_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`phase` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`ordinal` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `recovery_plan_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_actions_group` ON `recovery_plan_actions` (`group_id`);--> statement-breakpoint
CREATE TABLE `recovery_plan_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `recovery_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_group_ordinal` ON `recovery_plan_groups` (`plan_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `recovery_plan_items` (
	`group_id` text NOT NULL,
	`replicated_item_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `replicated_item_id`),
	FOREIGN KEY (`group_id`) REFERENCES `recovery_plan_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replicated_item_id`) REFERENCES `replicated_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `plan_items_item` ON `recovery_plan_items` (`replicated_item_id`);--> statement-breakpoint
CREATE TABLE `recovery_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`target` text NOT NULL,
	`current_job_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_vault_name` ON `recovery_plans` (`vault_id`,`name`);--> statement-breakpoint
CREATE TABLE `job_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'not-started' NOT NULL,
	`duration_seconds` real DEFAULT 1 NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`error` text,
	`message` text,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_steps_ordinal` ON `job_steps` (`job_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`vault_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`target_name` text NOT NULL,
	`status` text DEFAULT 'not-started' NOT NULL,
	`input` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`step_due_at` integer,
	`cancel_requested` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `jobs_vault_created` ON `jobs` (`vault_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_vault_status` ON `jobs` (`vault_id`,`status`);--> statement-breakpoint
CREATE INDEX `jobs_target` ON `jobs` (`target_id`);--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`vault_id` text,
	`user_id` text,
	`user_email` text,
	`role` text,
	`operation` text NOT NULL,
	`target` text,
	`input_summary` text,
	`outcome` text NOT NULL,
	`reason` text,
	`client_ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_entries` (`at`);--> statement-breakpoint
CREATE INDEX `audit_vault_at` ON `audit_entries` (`vault_id`,`at`);--> statement-breakpoint
CREATE TABLE `fault_switches` (
	`vault_id` text NOT NULL,
	`fault` text NOT NULL,
	`target_id` text DEFAULT '*' NOT NULL,
	`enabled_at` integer NOT NULL,
	PRIMARY KEY(`vault_id`, `fault`, `target_id`),
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `account` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`user_id` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`id_token` text,
	`access_token_expires_at` integer,
	`refresh_token_expires_at` integer,
	`scope` text,
	`password` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_userId_idx` ON `account` (`user_id`);--> statement-breakpoint
CREATE TABLE `rate_limit` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	`last_request` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rate_limit_key_unique` ON `rate_limit` (`key`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`user_id` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_token_unique` ON `session` (`token`);--> statement-breakpoint
CREATE INDEX `session_userId_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`image` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `vault_members` (
	`vault_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`vault_id`, `user_id`),
	FOREIGN KEY (`vault_id`) REFERENCES `vaults`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vault_members_user` ON `vault_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `verification` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verification_identifier_idx` ON `verification` (`identifier`);