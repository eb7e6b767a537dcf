-- The embedded engine's name order (src/features/search/embedded-doc-table.server.ts) is read
-- from this index in keyed chunks, so no serving process sorts every document at once.
CREATE INDEX `search_fts_documents_name_idx` ON `search_fts_documents` (`name_sort`, `sku`, `item_id`);
