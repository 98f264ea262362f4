CREATE TABLE `ckan_accounts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`ckan_id` text NOT NULL,
	`ckan_name` text NOT NULL,
	`created` integer DEFAULT false NOT NULL,
	`linked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ckan_checks` (
	`organization` text PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	`editors` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `ckan_drift` (
	`id` text PRIMARY KEY NOT NULL,
	`organization` text NOT NULL,
	`kind` text NOT NULL,
	`ckan_user_id` text,
	`ckan_user_name` text,
	`user_id` text,
	`agency_id` text,
	`found_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ckan_drift_organization` ON `ckan_drift` (`organization`);--> statement-breakpoint
CREATE TABLE `ckan_operations` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`action` text NOT NULL,
	`organization` text NOT NULL,
	`agency_id` text NOT NULL,
	`user_id` text NOT NULL,
	`email` text NOT NULL,
	`membership_id` text,
	`cause` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error_kind` text,
	`last_error` text,
	`ckan_user` text,
	`created_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ckan_operations_seq` ON `ckan_operations` (`seq`);--> statement-breakpoint
CREATE INDEX `ckan_operations_due` ON `ckan_operations` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `ckan_operations_pair` ON `ckan_operations` (`user_id`,`organization`,`created_at`);--> statement-breakpoint
CREATE INDEX `ckan_operations_created` ON `ckan_operations` (`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_status` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint` ON `webhook_deliveries` (`endpoint_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`secret` text NOT NULL,
	`events` text DEFAULT '["*"]' NOT NULL,
	`status` text DEFAULT 'enabled' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `agencies` ADD `ckan_organization` text;