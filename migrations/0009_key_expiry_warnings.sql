CREATE TABLE `key_expiry_warnings` (
	`key_id` text NOT NULL,
	`days` integer NOT NULL,
	`message_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`key_id`, `days`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action
);
