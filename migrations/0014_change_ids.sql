ALTER TABLE `agencies` ADD `transition_id` text;--> statement-breakpoint
ALTER TABLE `users` ADD `transition_id` text;