-- Embedded search engine (see docs/decisions/004-search-ranking.md and src/features/search/).
-- Tables are named search_fts* so drizzle-kit push leaves them alone (drizzle.config.ts tablesFilter).
-- No triggers: src/features/search/embedded-documents.server.ts writes documents and the FTS5
-- index together, a catalog at a time in one INSERT … SELECT (four times faster than per-row triggers).
-- One document per item of a catalog's live revision, written in the publish transaction.
CREATE TABLE `search_fts_documents` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`catalog_id` integer NOT NULL,
	`revision_id` integer NOT NULL,
	`supplier_org_id` integer NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`name_sort` text NOT NULL,
	`description` text NOT NULL,
	`category_path` text NOT NULL,
	`manufacturer` text,
	`codes` text NOT NULL,
	`list_unit_minor` integer NOT NULL,
	`currency` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_fts_documents_catalog_idx` ON `search_fts_documents` (`catalog_id`, `category_path`);
--> statement-breakpoint
-- External-content FTS5 index over the documents. Prefix indexes for 2-4 letters make typing
-- "co", "cor", "cord" cheap; accents and case are folded.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	name, codes, sku, manufacturer, category_path, description,
	content='search_fts_documents', content_rowid='item_id',
	tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
);
--> statement-breakpoint
-- Every indexed word with its document count: the vocabulary of the typo correction.
CREATE VIRTUAL TABLE `search_fts_vocab` USING fts5vocab('search_fts', 'row');
--> statement-breakpoint
-- generation: bumped whenever documents change (processes drop their cached vocabulary).
-- needs_rebuild: 1 when catalogs were already live before this migration; the app then builds
-- the index once from libSQL (as npm run search:reindex does).
CREATE TABLE `search_fts_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_fts_state` (`key`, `value`) VALUES ('generation', 0);
--> statement-breakpoint
INSERT INTO `search_fts_state` (`key`, `value`) SELECT 'needs_rebuild', EXISTS (SELECT 1 FROM `catalogs` WHERE `live_revision_id` IS NOT NULL);
