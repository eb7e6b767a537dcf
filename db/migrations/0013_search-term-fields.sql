-- Every indexed word with the columns holding it: the publishing process keeps which fields each
-- term is in (src/features/search/embedded-vocabulary.server.ts), so relevance past bm25's cap
-- asks FTS5 only about fields the typed words can be found in together.
CREATE VIRTUAL TABLE `search_fts_fields` USING fts5vocab('search_fts', 'col');
