CREATE TABLE `appointment_schedule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`counters` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `appointment_schedule_weekday_idx` ON `appointment_schedule` (`weekday`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`service_id` text NOT NULL,
	`day` text NOT NULL,
	`slot_start` integer NOT NULL,
	`slot_end` integer NOT NULL,
	`status` text NOT NULL,
	`cpr` text NOT NULL,
	`phone` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`notes` text NOT NULL,
	`ticket_id` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_reference_unique` ON `appointments` (`reference`);--> statement-breakpoint
CREATE INDEX `appointments_day_idx` ON `appointments` (`day`);--> statement-breakpoint
CREATE INDEX `appointments_cpr_idx` ON `appointments` (`cpr`);--> statement-breakpoint
CREATE INDEX `appointments_slot_start_idx` ON `appointments` (`slot_start`);--> statement-breakpoint
CREATE TABLE `counters` (
	`number` integer PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`service_ids` text NOT NULL,
	`open` integer NOT NULL,
	`user_id` integer,
	`paused` integer NOT NULL,
	`pause_reason` text,
	`current_ticket_id` text
);
--> statement-breakpoint
CREATE TABLE `device_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`device_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `device_tokens_device_idx` ON `device_tokens` (`device_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`printer` text,
	`created_at` integer NOT NULL,
	`paired_at` integer,
	`revoked` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`day` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type`);--> statement-breakpoint
CREATE INDEX `events_day_idx` ON `events` (`day`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`day` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opening_hours` (
	`weekday` integer PRIMARY KEY NOT NULL,
	`opens` text NOT NULL,
	`closes` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pairing_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`device_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairing_codes_device_idx` ON `pairing_codes` (`device_id`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`prefix` text NOT NULL,
	`default_duration_min` integer NOT NULL,
	`slot_minutes` integer NOT NULL,
	`bookable` integer NOT NULL,
	`kiosk_visible` integer NOT NULL,
	`sort_order` integer NOT NULL,
	`icon` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_prefix_unique` ON `services` (`prefix`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`prefix` text NOT NULL,
	`number` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`service_id` text NOT NULL,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`issued_at` integer NOT NULL,
	`appointment_id` text,
	`slot_start` integer,
	`counter` integer,
	`target_counter` integer,
	`called_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`recalls` integer NOT NULL,
	`transfers` integer NOT NULL,
	`requeued` integer NOT NULL,
	`outcome` text,
	`note` text,
	`status_token` text NOT NULL,
	`cpr` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_status_token_unique` ON `tickets` (`status_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_day_prefix_number_uq` ON `tickets` (`day`,`prefix`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_day_status_idx` ON `tickets` (`day`,`status`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);