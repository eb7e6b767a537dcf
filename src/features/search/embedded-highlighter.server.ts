import { createClient, type Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { MARK_END, MARK_START } from './highlight.ts';

/** A hit's text with FTS5's marks: name and SKU whole, the description as a snippet. */
export interface MarkedText { name: string; sku: string; description: string }

// The columns and tokenizer of search_fts (db/migrations/0001_search_fts.sql): the marks must
// fall where the index matched.
const SCRATCH = `CREATE VIRTUAL TABLE IF NOT EXISTS hits USING fts5(name, codes, sku, manufacturer, category_path, description, tokenize='unicode61 remove_diacritics 2')`;

/**
 * Marks the words a query matched in a page of hits. FTS5's highlight() must run inside a MATCH
 * query, and on the whole index that reads the match's full doclist between the page's lowest and
 * highest item (11 ms for a word in 100,000 items), however few the hits. So the page's
 * documents are copied into a private in-memory FTS5 table of the same columns and tokenizer and
 * marked there (about 1 ms): the same marks, whatever the size of the index.
 */
export class EmbeddedHighlighter {
  readonly #db: Db;
  #scratch: Client | null = null;

  constructor(db: Db) { this.#db = db; }

  async mark(itemIds: readonly number[], match: string): Promise<Map<number, MarkedText>> {
    const marked = new Map<number, MarkedText>();
    if (itemIds.length === 0) return marked;
    const docs = await this.#db.all<{ item_id: number; name: string; codes: string; sku: string; manufacturer: string | null; category_path: string; description: string }>(sql`
      SELECT item_id, name, codes, sku, manufacturer, category_path, description FROM search_fts_documents WHERE item_id IN (${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)})`);
    this.#scratch ??= createClient({ url: ':memory:' });
    // One batch runs on one connection without yielding, so no other search sees these rows; the
    // table is created on whichever pooled in-memory connection runs it.
    const results = await this.#scratch.batch([
      SCRATCH,
      'DELETE FROM hits',
      ...docs.map((d) => ({ sql: 'INSERT INTO hits (rowid, name, codes, sku, manufacturer, category_path, description) VALUES (?, ?, ?, ?, ?, ?, ?)', args: [d.item_id, d.name, d.codes, d.sku, d.manufacturer, d.category_path, d.description] })),
      { sql: `SELECT rowid AS id, highlight(hits, 0, ?, ?) AS name, highlight(hits, 2, ?, ?) AS sku, snippet(hits, 5, ?, ?, '…', 16) AS description FROM hits WHERE hits MATCH ?`, args: [MARK_START, MARK_END, MARK_START, MARK_END, MARK_START, MARK_END, match] },
      'DELETE FROM hits',
    ], 'write');
    for (const r of results.at(-2)!.rows) marked.set(Number(r.id), { name: String(r.name), sku: String(r.sku), description: String(r.description ?? '') });
    return marked;
  }
}
