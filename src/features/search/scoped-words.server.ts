import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { SearchScope } from './search-port.ts';
import { netPriceSql } from './embedded-scope-sql.ts';
import type { Vocabulary } from './vocabulary.ts';
import type { WordLookup } from './fts-match.ts';


/** How many of the index's nearest words are checked against the scope for each typed word. */
const CANDIDATES = 12;

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** Whether an item the buyer may see holds the word (or, with `prefix`, a word starting with it). */
async function inScope(db: Db, scope: SearchScope, term: string, prefix: boolean): Promise<boolean> {
  if (scope.classes.length === 0 || scope.catalogs.length === 0) return false;
  const catalogIds = sql.join(scope.catalogs.map((c) => sql`${c.id}`), sql`, `);
  const [row] = await db.all<{ one: number }>(sql`
    SELECT 1 AS one FROM search_fts CROSS JOIN search_fts_documents d ON d.item_id = search_fts.rowid
    WHERE search_fts MATCH ${prefix ? `${quote(term)}*` : quote(term)} AND d.catalog_id IN (${catalogIds}) AND ${netPriceSql('d', scope.classes)} IS NOT NULL
    LIMIT 1`);
  return Boolean(row);
}

async function keepInScope(db: Db, scope: SearchScope, terms: string[], limit: number): Promise<string[]> {
  const kept: string[] = [];
  for (const term of terms) {
    if (kept.length >= limit) break;
    if (await inScope(db, scope, term, false)) kept.push(term);
  }
  return kept;
}

/**
 * The words of the index as one buyer's scope sees them: a typed word counts as known, and a
 * correction is offered, only when an item of the scope holds it. The index's word list spans
 * every catalog, so without this a buyer typing near a word that only another customer's
 * catalog (or an excluded category or SKU) holds would be shown that word. Only the few words
 * the list proposes are checked, each with one indexed lookup limited to the scope.
 */
export async function scopedWordLookup(db: Db, vocabulary: Vocabulary, scope: SearchScope, words: readonly string[]): Promise<WordLookup> {
  const known = new Set<string>();
  const corrections = new Map<string, string[]>();
  for (const word of new Set(words)) {
    const candidates = vocabulary.corrections(word, CANDIDATES);
    // No neighbour anywhere: nothing to correct, whether or not the scope holds the word.
    if (candidates.length === 0) {
      if (vocabulary.has(word) || vocabulary.hasPrefix(word)) known.add(word);
      continue;
    }
    if ((vocabulary.has(word) || vocabulary.hasPrefix(word)) && (await inScope(db, scope, word, true))) {
      known.add(word);
      continue;
    }
    corrections.set(word, await keepInScope(db, scope, candidates, 3));
  }
  return {
    has: (word) => known.has(word),
    hasPrefix: (word) => known.has(word),
    corrections: (word, limit = 3) => (corrections.get(word) ?? []).slice(0, limit),
  };
}

/** "Did you mean" ideas for a word that matched nothing: words two edits away that the scope holds. */
export async function scopedFarCorrections(db: Db, vocabulary: Vocabulary, scope: SearchScope, word: string, limit: number): Promise<string[]> {
  if ((vocabulary.has(word) || vocabulary.hasPrefix(word)) && (await inScope(db, scope, word, true))) return [];
  return keepInScope(db, scope, vocabulary.farCorrections(word, CANDIDATES), limit);
}
