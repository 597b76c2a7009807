CREATE TABLE `application_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `housing_applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `application_status_history_app_idx` ON `application_status_history` (`application_id`);--> statement-breakpoint
CREATE TABLE `call_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cpr` text,
	`category` text NOT NULL,
	`note` text NOT NULL,
	`outcome` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`day` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `call_log_day_idx` ON `call_log` (`day`);--> statement-breakpoint
CREATE INDEX `call_log_cpr_idx` ON `call_log` (`cpr`);--> statement-breakpoint
CREATE TABLE `citizen_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cpr` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`actor` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `citizen_audit_cpr_idx` ON `citizen_audit` (`cpr`);--> statement-breakpoint
CREATE TABLE `citizens` (
	`cpr` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`phone` text,
	`address` text,
	`iban` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `family_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cpr` text NOT NULL,
	`name` text NOT NULL,
	`relation` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`member_cpr` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cpr`) REFERENCES `citizens`(`cpr`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `family_members_cpr_idx` ON `family_members` (`cpr`);--> statement-breakpoint
CREATE TABLE `housing_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cpr` text NOT NULL,
	`type` text NOT NULL,
	`number` text NOT NULL,
	`status` text NOT NULL,
	`submitted_day` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cpr`) REFERENCES `citizens`(`cpr`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `housing_applications_number_unique` ON `housing_applications` (`number`);--> statement-breakpoint
CREATE INDEX `housing_applications_cpr_idx` ON `housing_applications` (`cpr`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cpr` text NOT NULL,
	`subject` text NOT NULL,
	`received_day` text NOT NULL,
	`status` text NOT NULL,
	`reference` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`cpr`) REFERENCES `citizens`(`cpr`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_reference_unique` ON `letters` (`reference`);--> statement-breakpoint
CREATE INDEX `letters_cpr_idx` ON `letters` (`cpr`);