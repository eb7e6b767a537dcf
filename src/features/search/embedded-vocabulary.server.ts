import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { DbOrTx } from './db-executor.ts';
import { databaseFileOf } from '#db/database-file.ts';
import { PATIENT_WAIT_MS, readSnapshotWords, snapshotWordsComing } from './search-snapshot.server.ts';
import { indexGeneration } from './embedded-documents.server.ts';
import { Vocabulary } from './vocabulary.ts';
import { looksLikeCode } from './normalize-text.ts';
import { FTS_COLUMNS } from './fts-fields.ts';
import { SortedTerms } from './sorted-terms.ts';
import { PackedStrings } from '#kernel/packed-strings.ts';
import { valueWithin } from '#kernel/value-within.ts';

/** Terms read per query: each read is a short step (about 3 ms for 10,000 on a quiet machine), with a yield after it. */
const CHUNK = 10_000;

/** How long a search waits for a newer vocabulary before going on with the one it has. */
const FRESH_WAIT_MS = 100;

/**
 * The typo-correction vocabulary, read from FTS5's own word list (search_fts_vocab) and kept
 * per process until the index generation changes (any publish bumps it, in any process): from
 * the file the publish wrote when there is one (search-snapshot.server.ts), otherwise from SQL. A
 * re-read takes a few hundred milliseconds at 100,000 items; after the first, searches wait at
 * most FRESH_WAIT_MS for it and otherwise go on with the previous list, and do not wait at all
 * while the publishing process is still writing the file (every search in the second after a
 * publish would wait the whole FRESH_WAIT_MS). That only delays corrections towards words the
 * publish brought: a typed word is always searched as typed (fts-match.ts), so the hits
 * themselves never lag.
 */
export class VocabularyCache {
  readonly #db: Db;
  #generation = -1;
  #vocabulary: Vocabulary | null = null;
  #loading: Promise<Vocabulary> | null = null;
  /** The index generation each list was read at (get() may answer with the one before). */
  readonly #generations = new WeakMap<Vocabulary, number>();

  constructor(db: Db) { this.#db = db; }

  /** The index generation `vocabulary` was read at. */
  generationOf(vocabulary: Vocabulary): number {
    return this.#generations.get(vocabulary) ?? -1;
  }

  async get(): Promise<Vocabulary> {
    const generation = await indexGeneration(this.#db);
    if (this.#vocabulary && generation === this.#generation) return this.#vocabulary;
    const file = databaseFileOf(this.#db);
    // With a list to go on with, no search waits for the file, so it may take its time to come.
    const waitMs = this.#vocabulary ? PATIENT_WAIT_MS : undefined;
    const loading = this.#loading ??= (async () => {
      try {
        const written = file === null ? null : await readSnapshotWords(this.#db, file, generation, waitMs);
        const read = written ? await vocabularyOf(written) : await readVocabulary(this.#db);
        // A slower read of an older generation does not replace a newer one.
        this.#generations.set(read, generation);
        if (generation >= this.#generation) { this.#vocabulary = read; this.#generation = generation; }
        return read;
      } finally {
        this.#loading = null;
      }
    })();
    const previous = this.#vocabulary;
    if (!previous) return loading;
    if (file !== null && (await snapshotWordsComing(this.#db, file, generation))) {
      loading.catch(() => undefined); // a failed read is tried again by the next search
      return this.#vocabulary ?? previous; // the newer list, when it came while we asked
    }
    return valueWithin(loading.catch(() => previous), FRESH_WAIT_MS, previous);
  }
}

/**
 * FTS5's word list as read: the terms joined by newlines, whether that is JavaScript's order, and
 * the words' (not codes') document counts. A sorted list the publishing process wrote also says
 * where each term begins in `joined` (withTermStarts): a serving process need not look for the
 * 300,000 newlines itself, which took it 5–17 ms of one turn.
 */
export interface VocabularyWords {
  joined: string; sorted: boolean; counts: Map<string, number>; termStarts?: Uint32Array;
  /** Per term, in the order of `joined`, the FTS5 columns holding it (a bit each, fts-fields.ts); read for a publish's file only. */
  fields?: Uint8Array;
  /** The sorted terms already packed (read from a publish's file): `joined` is then not used. */
  packed?: PackedStrings;
}

/** `words` with where each term begins, when sorted (the split a serving process would do, done once). */
export function withTermStarts(words: VocabularyWords): VocabularyWords {
  return words.sorted ? { ...words, termStarts: PackedStrings.split(words.joined, '\n').starts } : words;
}

/**
 * FTS5's word list in chunks by term, each as two strings (not a row object per term, which
 * costs more than the read itself): the terms, newline-separated, and their document counts.
 * Codes' counts are dropped; the terms stay packed (sorted-terms.ts).
 */
export async function readVocabularyWords(db: DbOrTx, chunkSize = CHUNK): Promise<VocabularyWords> {
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
    await nextTurn();
  }
  return { joined: texts.join('\n'), sorted, counts };
}

/**
 * The word list with the fields of each term, as the publishing process writes it to its file
 * (reading the fields costs about 250 ms at 100,000 items, in one statement: not for a serving
 * process). Without them when the index changed between the two reads or they do not line up.
 */
export async function readVocabularyWordsWithFields(db: DbOrTx): Promise<VocabularyWords> {
  const generation = await indexGeneration(db);
  const words = await readVocabularyWords(db);
  if (!words.sorted) return words;
  const fields = await readTermFields(db, words.joined);
  return fields && (await indexGeneration(db)) === generation ? { ...words, fields } : words;
}

const COLUMN_NUMBER = sql.raw(`CASE col ${FTS_COLUMNS.map((column, i) => `WHEN '${column}' THEN ${i}`).join(' ')} END`);

/** Per term of `joined` (newline-separated, in FTS5's order), the columns holding it; null when a term is not found in its place. */
async function readTermFields(db: DbOrTx, joined: string): Promise<Uint8Array | null> {
  // One row per term and column, in FTS5's term order: the columns as one digit each.
  const [read] = await db.all<{ terms: string | null; columns: string | null }>(sql`
    SELECT group_concat(term, char(10)) AS terms, group_concat(${COLUMN_NUMBER}, '') AS columns FROM search_fts_fields`);
  const terms = joined ? joined.split('\n') : [];
  const fields = new Uint8Array(terms.length);
  if (!read?.terms || !read.columns) return fields;
  const rowTerms = read.terms.split('\n');
  if (rowTerms.length !== read.columns.length) return null;
  let at = 0;
  for (let i = 0; i < rowTerms.length; i++) {
    while (at < terms.length && terms[at] !== rowTerms[i]) at++;
    if (at === terms.length) return null;
    fields[at] = fields[at]! | (1 << Number(read.columns[i]));
  }
  return fields;
}

/** The vocabulary of a word list (its deletion index is built in slices). */
export function vocabularyOf(words: VocabularyWords): Promise<Vocabulary> {
  const { joined, sorted, counts, termStarts, packed, fields } = words;
  const terms = packed && sorted ? new SortedTerms(packed) : !sorted ? SortedTerms.of(joined ? joined.split('\n') : [])
    : termStarts ? new SortedTerms(new PackedStrings(joined, termStarts, 1)) : SortedTerms.ofJoined(joined);
  return Vocabulary.build(terms, counts, sorted ? fields ?? null : null);
}

/** The vocabulary as the index holds it now. */
export async function readVocabulary(db: DbOrTx, chunkSize = CHUNK): Promise<Vocabulary> {
  return vocabularyOf(await readVocabularyWords(db, chunkSize));
}
