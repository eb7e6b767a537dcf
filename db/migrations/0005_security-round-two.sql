CREATE TABLE `change_stamps` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written (drizzle-kit does not write triggers). The change stamp moves only with the audit
-- events of src/features/page-cache/stamp-kinds.ts STAMP_KINDS; a unit test keeps the two lists equal.
INSERT INTO `change_stamps` (`id`, `value`) SELECT 1, coalesce(max(`id`), 0) FROM `audit_events`;--> statement-breakpoint
CREATE TRIGGER `audit_events_change_stamp` AFTER INSERT ON `audit_events`
WHEN NEW.`kind` IN ('sign-out', 'password-changed', 'password-reset', 'user-disabled', 'user-enabled', 'role-changed', 'revision-published', 'revision-rolled-back', 'revision-approved', 'catalog-created', 'view-created', 'view-published', 'view-withdrawn', 'view-deleted')
BEGIN
	UPDATE `change_stamps` SET `value` = NEW.`id` WHERE `id` = 1;
END;
