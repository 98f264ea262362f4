CREATE TABLE `email_suppressions` (
	`address` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`lifted_at` integer,
	`lifted_by` text
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `application_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `batch_key` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_detail` text;--> statement-breakpoint
CREATE INDEX `outbox_provider` ON `outbox` (`provider_id`);--> statement-breakpoint
CREATE INDEX `outbox_batch` ON `outbox` (`batch_key`);--> statement-breakpoint
ALTER TABLE `applications` ADD `approver_bounced_at` integer;--> statement-breakpoint
ALTER TABLE `applications` ADD `approver_bounced_address` text;