ALTER TABLE `services` ADD `bring_ar` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `bring_en` text DEFAULT '' NOT NULL;