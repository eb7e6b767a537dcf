// The text folding of indexing and querying lives in the kernel (product-code.ts), so lookups
// of an item by its code outside search (quick order, list imports) fold codes the same way.
export { compactCode, foldText, words } from '#kernel/product-code.ts';
import { words } from '#kernel/product-code.ts';

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
