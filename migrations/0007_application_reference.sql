ALTER TABLE `applications` ADD `reference` text;--> statement-breakpoint
-- Applications made before this migration get their number from their row, as new ones do.
UPDATE `applications` SET `reference` = printf('%06d', rowid) WHERE `reference` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `applications_reference` ON `applications` (`reference`);
