// Text folding shared by the search index, the search query and every lookup of an item by its
// code (quick order, list imports), so a code typed anywhere matches as search matches it. It
// follows FTS5's `unicode61 remove_diacritics 2` tokenizer: case and accents are ignored, and any
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
