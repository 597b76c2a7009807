CREATE TABLE `ticket_phones` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`phone` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_phones_day_idx` ON `ticket_phones` (`day`);--> statement-breakpoint
ALTER TABLE `appointments` ADD `page_token` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing appointments get an unguessable token too (256 random bits as 64 hex digits; new ones are 43 base64url characters).
UPDATE `appointments` SET `page_token` = lower(hex(randomblob(32)));--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_page_token_unique` ON `appointments` (`page_token`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `kind` text DEFAULT 'booked' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `ticket_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `once_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_once_key_unique` ON `outbox` (`once_key`);