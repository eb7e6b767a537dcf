-- Hand-written (drizzle-kit does not write triggers). The operator's name, contact and logo are
-- in the header of every cached page, so a change of the settings moves the change stamp too
-- (STAMP_KINDS in src/features/page-cache/stamp-kinds.ts; a unit test keeps the two lists equal).
DROP TRIGGER IF EXISTS `audit_events_change_stamp`;--> statement-breakpoint
CREATE TRIGGER `audit_events_change_stamp` AFTER INSERT ON `audit_events`
WHEN NEW.`kind` IN ('sign-out', 'password-changed', 'password-reset', 'user-disabled', 'user-enabled', 'role-changed', 'revision-published', 'revision-rolled-back', 'revision-approved', 'catalog-created', 'view-created', 'view-published', 'view-withdrawn', 'view-deleted', 'settings-changed')
BEGIN
	UPDATE `change_stamps` SET `value` = NEW.`id` WHERE `id` = 1;
END;
