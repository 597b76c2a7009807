CREATE TABLE `counter_requests` (
	`user_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`body_hash` text NOT NULL,
	`reply` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `request_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `counter_requests_created_idx` ON `counter_requests` (`created_at`);