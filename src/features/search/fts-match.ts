
// FTS5 query text for the embedded engine. Every word becomes a quoted string (so nothing a
// buyer types is read as FTS5 syntax) and words are ANDed, in any order.

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * A word as typed: the whole word, or any word it begins (one letter must match whole). When
 * the index holds the word and no longer word beginning with it, the prefix would match the
 * same documents with the same bm25, only slower: FTS5 merges a prefix's whole doclist up front,
 * while a plain term skips through its doclist to the other words' matches (listing the matches
 * of "hardware part 1234" in 100,000 items: 2.7 ms with the three as prefixes, 0.1 ms with the
 * first two as terms).
 */
function asTyped(word: string, isWholeTerm: ((word: string) => boolean) | undefined): { text: string; prefix: boolean } {
  if (word.length < 2 || isWholeTerm?.(word)) return { text: quote(word), prefix: false };
  return { text: `${quote(word)}*`, prefix: true };
}

/** What typo correction asks of a word list: Vocabulary answers for the whole index, scoped-words.server.ts for one buyer's scope. */
export interface WordLookup {
  has(word: string): boolean;
  hasPrefix(word: string): boolean;
  corrections(word: string, limit?: number): string[];
}

export interface MatchPlan {
  /** Words as typed, prefixes allowed. */
  exact: string;
  /** The same, each word also allowing its one-typo corrections; equals `exact` when there are none. */
  tolerant: string;
  /** The corrections used, per word. */
  corrections: Array<{ word: string; replacements: string[] }>;
  /** Each word as asked of the index: whole or as a prefix, and the whole words it may be corrected to. */
  asked: Array<{ word: string; prefix: boolean; corrections: string[] }>;
}

/**
 * Plans the MATCH expressions for the query words. A word is corrected only when no indexed
 * word equals it or starts with it: "screwdirver" becomes "screwdirver* OR screwdriver", but
 * "bolt" stays as typed when "bolts" exists. `isWholeTerm` answers from the index's own word
 * list of the same generation as the documents searched, or is left out (asTyped).
 */
export function planMatch(queryWords: readonly string[], vocabulary: WordLookup, isWholeTerm?: (word: string) => boolean): MatchPlan | null {
  if (queryWords.length === 0) return null;
  const corrections: MatchPlan['corrections'] = [];
  const exactParts: string[] = [];
  const tolerantParts: string[] = [];
  const asked: MatchPlan['asked'] = [];
  for (const word of queryWords) {
    const { text: typed, prefix } = asTyped(word, isWholeTerm);
    exactParts.push(typed);
    const found = vocabulary.has(word) || (word.length >= 2 && vocabulary.hasPrefix(word)) ? [] : vocabulary.corrections(word);
    if (found.length) {
      corrections.push({ word, replacements: found });
      tolerantParts.push(`(${[typed, ...found.map(quote)].join(' OR ')})`);
    } else tolerantParts.push(typed);
    asked.push({ word, prefix, corrections: found });
  }
  return { exact: exactParts.join(' AND '), tolerant: tolerantParts.join(' AND '), corrections, asked };
}

/** MATCH text for an exact code in the codes column. */
export function codeMatch(code: string): string {
  return `codes : ${quote(code)}`;
}
