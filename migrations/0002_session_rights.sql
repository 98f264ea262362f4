ALTER TABLE `sessions` ADD `rights_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `replaced_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `rights_version` integer DEFAULT 0 NOT NULL;