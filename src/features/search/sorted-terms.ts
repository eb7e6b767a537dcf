import { PackedStrings } from '#kernel/packed-strings.ts';

/**
 * An index's terms in sorted order, packed into one string with their start offsets. The
 * embedded index of 100,000 items holds about 300,000 terms, nearly all of them codes (SKUs,
 * MPNs): as separate strings in a map they cost tens of megabytes per serving process, packed
 * a few. Only membership and prefixes are asked of them.
 */
export class SortedTerms {
  readonly #terms: PackedStrings;

  /** `terms`: in JavaScript string order. */
  constructor(terms: PackedStrings) {
    this.#terms = terms;
  }

  /** `text`: the terms joined by newlines (none of them holds one), in JavaScript string order. */
  static ofJoined(text: string): SortedTerms {
    return new SortedTerms(PackedStrings.split(text, '\n'));
  }

  /** Packs terms given in any order. */
  static of(terms: Iterable<string>): SortedTerms {
    return SortedTerms.ofJoined([...terms].sort().join('\n'));
  }

  get size(): number { return this.#terms.size; }

  #at(i: number): string {
    return this.#terms.at(i);
  }

  /** The position of the first term not less than `key`. */
  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#at(mid) < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  has(term: string): boolean {
    return this.indexOf(term) >= 0;
  }

  /** Where `term` is in the sorted order, or -1. */
  indexOf(term: string): number {
    const i = this.#lowerBound(term);
    return i < this.size && this.#at(i) === term ? i : -1;
  }

  /** The positions [from, to) of the terms beginning with `prefix` (empty when none does). */
  rangeStartingWith(prefix: string): { from: number; to: number } {
    const from = this.#lowerBound(prefix);
    let to = from;
    // The terms beginning with it are one block from `from` on: its end, by binary search.
    let hi = this.size;
    while (to < hi) {
      const mid = (to + hi) >> 1;
      if (this.#at(mid).startsWith(prefix)) to = mid + 1; else hi = mid;
    }
    return { from, to };
  }

  hasPrefix(prefix: string): boolean {
    const i = this.#lowerBound(prefix);
    return i < this.size && this.#at(i).startsWith(prefix);
  }

  /** Whether `term` is held and no other term begins with it ("bolt" when "bolts" is not held). */
  isOnlyOneStartingWith(term: string): boolean {
    const i = this.#lowerBound(term);
    return i < this.size && this.#at(i) === term && (i + 1 === this.size || !this.#at(i + 1).startsWith(term));
  }
}
