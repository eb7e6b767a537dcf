import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { Vocabulary } from './vocabulary.ts';
import { looksLikeCode } from './normalize-text.ts';
import { SortedTerms } from './sorted-terms.ts';

/** Terms read per query: each read is a short step (about 3 ms for 10,000 on a quiet machine), with a yield after it. */
const CHUNK = 10_000;

/**
 * The typo-correction vocabulary, read from FTS5's own word list (search_fts_vocab) and kept
 * per process until the index generation changes (any publish bumps it, in any process).
 */
export class VocabularyCache {
  readonly #db: Db;
  #generation = -1;
  #vocabulary: Vocabulary | null = null;
  #loading: Promise<Vocabulary> | null = null;

  constructor(db: Db) { this.#db = db; }

  async get(): Promise<Vocabulary> {
    const [row] = await this.#db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'generation'`);
    const generation = row?.value ?? 0;
    if (this.#vocabulary && generation === this.#generation) return this.#vocabulary;
    this.#loading ??= (async () => {
      try {
        this.#vocabulary = await readVocabulary(this.#db);
        this.#generation = generation;
        return this.#vocabulary;
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }
}

/**
 * FTS5's word list in chunks by term, each as two strings (not a row object per term, which
 * costs more than the read itself): the terms, newline-separated, and their document counts.
 * Codes' counts are dropped; the terms stay packed (sorted-terms.ts).
 */
export async function readVocabulary(db: Db, chunkSize = CHUNK): Promise<Vocabulary> {
  const texts: string[] = [];
  const counts = new Map<string, number>();
  let sorted = true;
  let previous = '';
  for (let after = ''; ;) {
    const [chunk] = await db.all<{ terms: string | null; docs: string | null; last: string | null; n: number }>(sql`
      SELECT group_concat(term, char(10) ORDER BY term) AS terms, group_concat(doc, ',' ORDER BY term) AS docs, max(term) AS last, count(*) AS n
      FROM (SELECT term, doc FROM search_fts_vocab WHERE term > ${after} ORDER BY term LIMIT ${chunkSize})`);
    if (!chunk?.terms || !chunk.docs || chunk.last === null) break;
    const terms = chunk.terms.split('\n');
    const docs = chunk.docs.split(',');
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      // SQLite orders by UTF-8 bytes, JavaScript by UTF-16 units: they differ only past U+FFFF.
      if (term <= previous) sorted = false;
      previous = term;
      if (!looksLikeCode(term)) counts.set(term, Number(docs[i]));
    }
    texts.push(chunk.terms);
    if (chunk.n < chunkSize) break;
    after = chunk.last;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const joined = texts.join('\n');
  const terms = sorted ? new SortedTerms(joined) : SortedTerms.of(joined ? joined.split('\n') : []);
  return Vocabulary.build(terms, counts);
}
