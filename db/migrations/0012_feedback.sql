CREATE TABLE `feedback` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`service_id` text NOT NULL,
	`kind` text NOT NULL,
	`counter` integer,
	`user_id` integer,
	`rating` integer NOT NULL,
	`comment` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_day_idx` ON `feedback` (`day`);