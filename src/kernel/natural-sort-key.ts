import { foldText } from './product-code.ts';

/**
 * A text that sorts the way people read names and SKUs, compared byte by byte: case and accents
 * folded, and every run of digits by its value ("M3" before "M10", "12 mm" before "100 mm"). Each
 * number is written as its digit count (two digits) and its digits without leading zeros, so
 * SQL's ORDER BY, Meilisearch's sort and a plain string comparison agree. Stored where items are
 * written and indexed, so no query computes it.
 */
export function naturalSortKey(text: string): string {
  return foldText(text).trim().replace(/\d+/g, (digits) => {
    const value = digits.replace(/^0+(?=\d)/, '');
    return String(Math.min(value.length, 99)).padStart(2, '0') + value;
  });
}
