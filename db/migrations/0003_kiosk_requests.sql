CREATE TABLE `kiosk_requests` (
	`device_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`body_hash` text NOT NULL,
	`ticket_id` text NOT NULL,
	`outcome` text,
	`printed_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`device_id`, `request_id`),
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kiosk_requests_created_idx` ON `kiosk_requests` (`created_at`);