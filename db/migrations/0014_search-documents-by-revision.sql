-- A publish writes the new revision's search documents ahead of its transaction and removes the
-- replaced revision's after it (src/features/search/embedded-documents.server.ts): both find a
-- catalog's documents of one revision, or of every revision but the live one, by this index.
CREATE INDEX `search_fts_documents_revision_idx` ON `search_fts_documents` (`catalog_id`, `revision_id`);
