ALTER TABLE `revisions` ADD `column_roles` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `lease_until` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `process_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `revisions` ADD `scheduled_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `revisions` ADD `submitted_at` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `submitted_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `revisions_state_scheduled_idx` ON `revisions` (`state`,`scheduled_at`);