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
--> statement-breakpoint
-- A category level's own ">" is stored as "›" (src/features/imports/category-levels.ts), so the
-- " > " separator is the only ">" in a path. Paths stored before kept a level's ">" as it was
-- (from per-level columns); a ">" that is not the separator is rewritten here. Meilisearch
-- indexes get the new paths with `npm run search:reindex`. The FTS5 index needs nothing: its
-- tokenizer reads ">" and "›" alike as separators, so the tokens are the same.
UPDATE `items` SET `category_path` = replace(replace(replace(`category_path`, ' > ', char(1)), '>', '›'), char(1), ' > ')
WHERE instr(replace(`category_path`, ' > ', ''), '>') > 0;--> statement-breakpoint
UPDATE `search_fts_documents` SET `category_path` = replace(replace(replace(`category_path`, ' > ', char(1)), '>', '›'), char(1), ' > ')
WHERE instr(replace(`category_path`, ' > ', ''), '>') > 0;
