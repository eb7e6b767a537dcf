import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { Vocabulary } from './vocabulary.ts';

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
        const terms = await this.#db.all<{ term: string; docs: number }>(sql`SELECT term, doc AS docs FROM search_fts_vocab`);
        this.#vocabulary = await Vocabulary.build(terms);
        this.#generation = generation;
        return this.#vocabulary;
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }
}
