import { setImmediate as nextTurn } from 'node:timers/promises';
import { looksLikeCode } from './normalize-text.ts';
import { SortedTerms } from './sorted-terms.ts';

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
 * never a correction: they are kept only packed among all the terms (sorted-terms.ts), for
 * "is this typed word, or a word it begins, in the index".
 */
export class Vocabulary {
  /** Words that are not codes, with their document counts. */
  readonly #counts: Map<string, number>;
  readonly #byDeletion = new Map<string, string[]>();
  /** The same words, sorted. */
  readonly #words: string[];
  readonly #terms: SortedTerms;
  /** Per term, in the terms' order, the FTS5 columns holding it (a bit each, fts-fields.ts; 0: not known); null when not read. */
  readonly #fields: Uint8Array | null;

  private constructor(terms: SortedTerms, wordCounts: Map<string, number>, fields: Uint8Array | null) {
    this.#terms = terms;
    this.#counts = wordCounts;
    this.#words = [...wordCounts.keys()].sort();
    this.#fields = fields?.length === terms.size ? fields : null;
  }

  /**
   * Every term of the index, and the count of each that is not a code (codes' counts are not
   * needed), its deletion keys made in slices with a yield between them: tens of thousands of
   * words take a few hundred milliseconds, which a serving event loop must not spend at once.
   */
  static async build(terms: SortedTerms, wordCounts: Map<string, number>, fields: Uint8Array | null = null, slice = 5_000): Promise<Vocabulary> {
    const vocabulary = new Vocabulary(terms, wordCounts, fields);
    const words = vocabulary.#words;
    for (let at = 0; at < words.length; at += slice) {
      for (let i = at; i < Math.min(at + slice, words.length); i++) vocabulary.#indexDeletions(words[i]!);
      await nextTurn();
    }
    return vocabulary;
  }

  /** A vocabulary from terms with their counts (and their fields, when every one has them), in any order. */
  static of(terms: Iterable<{ term: string; docs: number; fields?: number }>): Vocabulary {
    const all = [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const counts = new Map<string, number>();
    for (const { term, docs } of all) if (!looksLikeCode(term)) counts.set(term, docs);
    const fields = all.every((t) => t.fields !== undefined) ? Uint8Array.from(all, (t) => t.fields!) : null;
    const vocabulary = new Vocabulary(SortedTerms.ofJoined(all.map((t) => t.term).join('\n')), counts, fields);
    for (const word of vocabulary.#words) vocabulary.#indexDeletions(word);
    return vocabulary;
  }

  #indexDeletions(term: string): void {
    if (term.length < MIN_TYPO_WORD_LENGTH - 1) return;
    for (const key of [term, ...deletions(term)]) {
      const list = this.#byDeletion.get(key);
      if (list) { if (list[list.length - 1] !== term) list.push(term); } else this.#byDeletion.set(key, [term]);
    }
  }

  /** How many terms the index holds, codes included. */
  get size(): number { return this.#terms.size; }

  has(term: string): boolean { return this.#counts.has(term) || this.#terms.has(term); }

  /** How many documents hold the word (0 for a code or a word not indexed: codes' counts are not kept). */
  documentsWith(word: string): number { return this.#counts.get(word) ?? 0; }

  /** Whether some indexed term starts with `prefix`. */
  hasPrefix(prefix: string): boolean { return this.#terms.hasPrefix(prefix); }

  /** Whether `word` is indexed and no longer term begins with it: then `word*` matches what `word` does. */
  isOnlyTermStartingWith(word: string): boolean { return this.#terms.isOnlyOneStartingWith(word); }

  /**
   * The FTS5 columns (a bit each, fts-fields.ts) holding `word`, or when `prefix` any term it
   * begins: none when there is no such term (query words are folded as the index's are,
   * product-code.ts); null when the list was read without them.
   */
  fieldsHolding(word: string, prefix: boolean): number | null {
    if (this.#fields === null) return null;
    let from: number;
    let to: number;
    if (prefix) ({ from, to } = this.#terms.rangeStartingWith(word));
    else to = (from = this.#terms.indexOf(word)) + 1;
    if (from < 0) return 0;
    let fields = 0;
    for (let i = from; i < to; i++) {
      if (this.#fields[i] === 0) return null;
      fields |= this.#fields[i]!;
    }
    return fields;
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
    for (const term of this.#words) {
      if (term !== word && editDistance(word, term, 2) <= 2) found.push(term);
    }
    return found.sort((a, b) => editDistance(word, a, 2) - editDistance(word, b, 2) || this.#counts.get(b)! - this.#counts.get(a)!).slice(0, limit);
  }
}
