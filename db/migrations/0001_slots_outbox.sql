CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`to` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`appointment_id` text
);
--> statement-breakpoint
CREATE INDEX `outbox_status_next_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_appointment_idx` ON `outbox` (`appointment_id`);--> statement-breakpoint
ALTER TABLE `appointment_schedule` ADD `valid_from` text DEFAULT '2000-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE `holidays` ADD `closure` integer DEFAULT false NOT NULL;