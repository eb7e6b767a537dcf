import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { Vocabulary } from './vocabulary.ts';
import type { WordLookup } from './fts-match.ts';
import { rowsOfIdList, type DocTable } from './embedded-doc-table.server.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

/** How many of the index's nearest words are checked against the scope for each typed word. */
const CANDIDATES = 12;
/** Matches read per step while looking for one the buyer may see (most words find one in the first). */
const STEP = 2_000;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** What a scope shows: the document table and the buyer's net price per row (NaN: hidden). */
export interface ScopeRows { db: Db; table: DocTable; nets: Float64Array }

/**
 * Answers of inScope per scope's net prices (one array per index generation and set of price
 * classes, so a publish or a view change starts afresh): the same few words come back in many
 * searches ("hardware", "part"), each answer a full-text lookup.
 */
const answersOf = onePerObject((_: Float64Array) => new LruCache<boolean>({ maxEntries: 2_000, maxSize: 2_000, sizeOf: () => 1 }));

/** Whether an item the buyer may see holds the word (or, with `prefix`, a word starting with it). */
function inScope(scope: ScopeRows, term: string, prefix: boolean): Promise<boolean> {
  return answersOf(scope.nets).load(`${prefix ? '*' : '='}${term}`, () => lookUpInScope(scope, term, prefix));
}

async function lookUpInScope({ db, table, nets }: ScopeRows, term: string, prefix: boolean): Promise<boolean> {
  const match = prefix ? `${quote(term)}*` : quote(term);
  for (let after = 0; ;) {
    const [found] = await db.all<{ list: string | null; last: number | null; n: number }>(sql`
      SELECT group_concat(id) AS list, max(id) AS last, count(*) AS n
      FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${match} AND rowid > ${after} ORDER BY rowid LIMIT ${STEP})`);
    for (const row of rowsOfIdList(table, found?.list ?? null)) if (!Number.isNaN(nets[row]!)) return true;
    if (!found || found.n < STEP || found.last === null) return false;
    after = found.last;
  }
}

async function keepInScope(scope: ScopeRows, terms: string[], limit: number): Promise<string[]> {
  const kept: string[] = [];
  for (const term of terms) {
    if (kept.length >= limit) break;
    if (await inScope(scope, term, false)) kept.push(term);
  }
  return kept;
}

/**
 * The words of the index as one buyer's scope sees them: a typed word counts as known, and a
 * correction is offered, only when an item of the scope holds it. The index's word list spans
 * every catalog, so without this a buyer typing near a word that only another customer's
 * catalog (or an excluded category or SKU) holds would be shown that word. Only the few words
 * the list proposes are checked, each looked up in FTS5 and judged by the scope's net prices (no price: not shown).
 */
export async function scopedWordLookup(scope: ScopeRows, vocabulary: Vocabulary, words: readonly string[]): Promise<WordLookup> {
  const known = new Set<string>();
  const corrections = new Map<string, string[]>();
  for (const word of new Set(words)) {
    const candidates = vocabulary.corrections(word, CANDIDATES);
    // No neighbour anywhere: nothing to correct, whether or not the scope holds the word.
    if (candidates.length === 0) {
      if (vocabulary.has(word) || vocabulary.hasPrefix(word)) known.add(word);
      continue;
    }
    if ((vocabulary.has(word) || vocabulary.hasPrefix(word)) && (await inScope(scope, word, true))) {
      known.add(word);
      continue;
    }
    corrections.set(word, await keepInScope(scope, candidates, 3));
  }
  return {
    has: (word) => known.has(word),
    hasPrefix: (word) => known.has(word),
    corrections: (word, limit = 3) => (corrections.get(word) ?? []).slice(0, limit),
  };
}

/** "Did you mean" ideas for a word that matched nothing: words two edits away that the scope holds. */
export async function scopedFarCorrections(scope: ScopeRows, vocabulary: Vocabulary, word: string, limit: number): Promise<string[]> {
  if ((vocabulary.has(word) || vocabulary.hasPrefix(word)) && (await inScope(scope, word, true))) return [];
  return keepInScope(scope, vocabulary.farCorrections(word, CANDIDATES), limit);
}
