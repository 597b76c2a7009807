CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_kind_idx` ON `audit_log` (`kind`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor`);--> statement-breakpoint
ALTER TABLE `users` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `demo_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Accounts switched off before this migration count as disabled from now on.
UPDATE `users` SET `disabled_at` = CAST(strftime('%s', 'now') AS integer) * 1000 WHERE `active` = 0;--> statement-breakpoint
-- No password could be changed before this migration: the seeded demo accounts still have theirs.
UPDATE `users` SET `demo_password` = true WHERE `username` IN ('admin', 'supervisor', 'agent', 'counter1', 'counter2');--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `active`;