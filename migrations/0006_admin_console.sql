ALTER TABLE `api_keys` ADD `forced_expiry_tx` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `executive_reason` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `status_reason` text;--> statement-breakpoint
CREATE INDEX `memberships_status` ON `memberships` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor` ON `audit_events` (`actor`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_action` ON `audit_events` (`action`,`at`);--> statement-breakpoint
-- Memberships changed before this migration: when and why, from their last audit event.
UPDATE `memberships` SET `status_changed_at` = `updated_at`, `status_reason` = (
  SELECT json_extract(`detail`, '$.reason') FROM `audit_events`
  WHERE `subject` = 'membership:' || `memberships`.`id` AND `action` LIKE 'membership.%' AND json_valid(`detail`)
  ORDER BY `at` DESC LIMIT 1
) WHERE `status` <> 'active';
--> statement-breakpoint
-- Executives' comments given before this migration, from the audit event of their decision.
UPDATE `applications` SET `executive_reason` = (
  SELECT json_extract(`detail`, '$.reason') FROM `audit_events`
  WHERE `subject` = 'application:' || `applications`.`id` AND `action` LIKE 'application.executive_%' AND json_valid(`detail`)
  ORDER BY `at` DESC LIMIT 1
) WHERE `executive_decided_at` IS NOT NULL;
