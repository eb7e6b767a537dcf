import { looksLikeCode } from './normalize-text.ts';

/** Words shorter than this are never corrected: "nut" has too many neighbours ("cut", "net"). */
export const MIN_TYPO_WORD_LENGTH = 5;

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), cut off above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { row.push(j); continue; }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The index's words with how many documents hold each, for typo correction. Candidates within
 * one edit are found through single-character deletions (the "symmetric delete" method): two
 * words one edit apart always share a deletion or one is a deletion of the other, so a lookup
 * is a handful of map reads instead of a scan of every word. Codes (words with digits) are
 * left out: they are never a correction.
 */
export class Vocabulary {
  readonly #counts = new Map<string, number>();
  readonly #byDeletion = new Map<string, string[]>();
  #sorted: string[] = [];

  constructor(terms: Iterable<{ term: string; docs: number }>) {
    for (const { term, docs } of terms) this.#counts.set(term, docs);
    this.#sortTerms();
    for (const term of this.#sorted) this.#indexDeletions(term);
  }

  /**
   * The same vocabulary, its deletion keys made in slices with a yield between them: hundreds of
   * thousands of words take a few hundred milliseconds, which a serving event loop must not
   * spend at once.
   */
  static async build(terms: ReadonlyArray<{ term: string; docs: number }>, slice = 5_000): Promise<Vocabulary> {
    const vocabulary = new Vocabulary([]);
    for (let at = 0; at < terms.length; at += slice * 10) {
      for (let i = at; i < Math.min(at + slice * 10, terms.length); i++) vocabulary.#counts.set(terms[i]!.term, terms[i]!.docs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    vocabulary.#sortTerms();
    const sorted = vocabulary.#sorted;
    for (let at = 0; at < sorted.length; at += slice) {
      for (let i = at; i < Math.min(at + slice, sorted.length); i++) vocabulary.#indexDeletions(sorted[i]!);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return vocabulary;
  }

  #sortTerms(): void {
    const keys = [...this.#counts.keys()];
    // fts5vocab lists terms in order already; sorting again only when JavaScript's order differs.
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
    this.#sorted = sorted ? keys : keys.sort();
  }

  #indexDeletions(term: string): void {
    if (term.length < MIN_TYPO_WORD_LENGTH - 1 || looksLikeCode(term)) return;
    for (const key of [term, ...deletions(term)]) {
      const list = this.#byDeletion.get(key);
      if (list) { if (list[list.length - 1] !== term) list.push(term); } else this.#byDeletion.set(key, [term]);
    }
  }

  get size(): number { return this.#counts.size; }

  has(term: string): boolean { return this.#counts.has(term); }

  /** Whether some indexed word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#sorted[mid]! < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < this.#sorted.length && this.#sorted[lo]!.startsWith(prefix);
  }

  /** Indexed words one edit away from `word` (not itself), most frequent first; none for codes and short words. */
  corrections(word: string, limit = 3): string[] {
    if (word.length < MIN_TYPO_WORD_LENGTH || looksLikeCode(word)) return [];
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const term of this.#byDeletion.get(key) ?? []) {
        if (term !== word && editDistance(word, term, 1) <= 1) found.add(term);
      }
    }
    return [...found].sort((a, b) => this.#counts.get(b)! - this.#counts.get(a)! || a.localeCompare(b)).slice(0, limit);
  }

  /** Words two edits away, for the "did you mean" help when nothing matched (a scan, done rarely). */
  farCorrections(word: string, limit = 3): string[] {
    if (word.length < MIN_TYPO_WORD_LENGTH || looksLikeCode(word)) return [];
    const found: string[] = [];
    for (const term of this.#sorted) {
      if (term !== word && !looksLikeCode(term) && editDistance(word, term, 2) <= 2) found.push(term);
    }
    return found.sort((a, b) => editDistance(word, a, 2) - editDistance(word, b, 2) || this.#counts.get(b)! - this.#counts.get(a)!).slice(0, limit);
  }
}
