import Libsql from 'libsql';
import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { MARK_END, MARK_START } from './highlight.ts';

/** A hit's text with FTS5's marks: name and SKU whole, the description as a snippet. */
export interface MarkedText { name: string; sku: string; description: string }

// The columns and tokenizer of search_fts (db/migrations/0001_search_fts.sql): the marks must
// fall where the index matched.
const SCRATCH = `CREATE VIRTUAL TABLE IF NOT EXISTS hits USING fts5(name, codes, sku, manufacturer, category_path, description, tokenize='unicode61 remove_diacritics 2')`;

/** The scratch table with its statements, prepared once: preparing them again for every search cost more than marking. */
interface Scratch {
  fill(docs: readonly HitDocument[]): void;
  clear: Libsql.Statement<[]>;
  marks: Libsql.Statement<unknown[]>;
}

interface HitDocument { item_id: number; name: string; codes: string; sku: string; manufacturer: string | null; category_path: string; description: string }

function openScratch(): Scratch {
  const scratch = new Libsql(':memory:');
  scratch.exec(SCRATCH);
  const insert = scratch.prepare('INSERT INTO hits (rowid, name, codes, sku, manufacturer, category_path, description) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const fill = scratch.transaction((docs: readonly HitDocument[]) => {
    for (const d of docs) insert.run(d.item_id, d.name, d.codes, d.sku, d.manufacturer, d.category_path, d.description);
  });
  return {
    fill,
    clear: scratch.prepare('DELETE FROM hits') as Libsql.Statement<[]>,
    marks: scratch.prepare(`SELECT rowid AS id, highlight(hits, 0, ?, ?) AS name, highlight(hits, 2, ?, ?) AS sku, snippet(hits, 5, ?, ?, '…', 16) AS description FROM hits WHERE hits MATCH ?`),
  };
}

/**
 * Marks the words a query matched in a page of hits. FTS5's highlight() must run inside a MATCH
 * query, and on the whole index that reads the match's full doclist between the page's lowest and
 * highest item (11 ms for a word in 100,000 items), however few the hits. So the page's
 * documents are copied into a private in-memory FTS5 table of the same columns and tokenizer and
 * marked there: the same marks, whatever the size of the index. Its statements are prepared once
 * per process (through the client, each of a page's two dozen statements was prepared anew).
 */
export class EmbeddedHighlighter {
  readonly #db: Db;
  #scratch: Scratch | null = null;

  constructor(db: Db) { this.#db = db; }

  async mark(itemIds: readonly number[], match: string): Promise<Map<number, MarkedText>> {
    const marked = new Map<number, MarkedText>();
    if (itemIds.length === 0) return marked;
    const docs = await this.#db.all<HitDocument>(sql`
      SELECT item_id, name, codes, sku, manufacturer, category_path, description FROM search_fts_documents WHERE item_id IN (${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)})`);
    const scratch = (this.#scratch ??= openScratch());
    // From filling to clearing nothing yields, so no other search sees these rows.
    try {
      scratch.fill(docs);
      const rows = scratch.marks.all(MARK_START, MARK_END, MARK_START, MARK_END, MARK_START, MARK_END, match) as Array<{ id: number; name: string; sku: string; description: string | null }>;
      for (const r of rows) marked.set(Number(r.id), { name: String(r.name), sku: String(r.sku), description: String(r.description ?? '') });
    } finally {
      scratch.clear.run();
    }
    return marked;
  }
}
