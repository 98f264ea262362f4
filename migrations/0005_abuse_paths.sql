CREATE TABLE `code_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer NOT NULL,
	`reserved_by` text
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `secret_expires_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `body_erased_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_secret_bodies` ON `outbox` (`body_erased_at`,`secret_expires_at`);--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `failed_sign_ins`;