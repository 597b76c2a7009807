ALTER TABLE `sessions` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Sessions open at the upgrade count as seen when they began (their idle time starts from there).
UPDATE `sessions` SET `last_seen_at` = `created_at`;
