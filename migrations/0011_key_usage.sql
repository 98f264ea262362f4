CREATE TABLE `key_usage_daily` (
	`key_id` text NOT NULL,
	`date` text NOT NULL,
	`valid` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key_id`, `date`)
);
