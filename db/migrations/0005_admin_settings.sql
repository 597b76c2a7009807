ALTER TABLE `counters` ADD `name_ar` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `counters` ADD `name_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `counters` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `services` ADD `colour` text DEFAULT '#1f6f8b' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- The Ministry of Housing's services (the seeded defaults) get their own colours; other services keep the default.
UPDATE `services` SET `colour` = '#6a4c93' WHERE `id` = 'application-inquiry';--> statement-breakpoint
UPDATE `services` SET `colour` = '#b5651d' WHERE `id` = 'update-details';--> statement-breakpoint
UPDATE `services` SET `colour` = '#2e7d32' WHERE `id` = 'family-members';--> statement-breakpoint
UPDATE `services` SET `colour` = '#a23b4f' WHERE `id` = 'letter-follow-up';
