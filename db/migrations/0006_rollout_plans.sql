CREATE TABLE `rollout_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_day` text NOT NULL,
	`counters` text NOT NULL,
	`weekdays` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` text,
	`applied_at` integer,
	`cancelled_at` integer,
	`cancelled_by` text,
	`replaced_schedule` text
);
--> statement-breakpoint
CREATE INDEX `rollout_plans_status_idx` ON `rollout_plans` (`status`);