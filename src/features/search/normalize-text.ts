// Text folding shared by indexing and querying, so both sides see the same words. It matches
// FTS5's `unicode61 remove_diacritics 2` tokenizer: case and accents are ignored, and any
// character that is not a letter or digit separates words.

const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Lower case without accents: "Café Ø" → "cafe ø". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The words of a text as the index sees them. */
export function words(text: string): string[] {
  return foldText(text).split(NOT_WORD).filter((w) => w !== '');
}

/**
 * A product code without its separators, so "A-100", "a100" and "a 100" are one code. SKUs,
 * GTINs and manufacturer part numbers are stored in this form too.
 */
export function compactCode(text: string): string {
  return words(text).join('');
}

/** Codes carry digits; words with digits are never typo-corrected (A100 must not find A101). */
export function looksLikeCode(word: string): boolean {
  return /\p{N}/u.test(word);
}

const MAX_WORDS = 12;
const MAX_WORD_LENGTH = 64;

/** The words of a buyer's query, bounded so a pasted page cannot make a huge query. */
export function queryWords(text: string): string[] {
  return words(text).slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
}
