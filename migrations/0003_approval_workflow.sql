CREATE TABLE `approval_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`round` integer NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_notices_once` ON `approval_notices` (`application_id`,`round`,`kind`,`day`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`membership_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`successor_email` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`successor_application_id` text,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handovers_one_pending` ON `handovers` (`membership_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `handovers_successor` ON `handovers` (`successor_email`,`agency_id`);--> statement-breakpoint
ALTER TABLE `agencies` ADD `stronger_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `agencies` ADD `delegate_emails` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `agencies` ADD `fallback_name` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `fallback_email` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `fallback_after_days` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `agencies` ADD `reminder_days` text DEFAULT '[3,7]' NOT NULL;--> statement-breakpoint
ALTER TABLE `applications` ADD `approver_nominated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `applications` ADD `approval_round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `applications` ADD `sent_at` integer;