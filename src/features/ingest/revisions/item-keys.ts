import { compactCode } from '#kernel/product-code.ts';
import { naturalSortKey } from '#kernel/natural-sort-key.ts';

/** What an item is looked up and sorted by, computed once when it is stored. */
export interface ItemKeys { skuKey: string; gtinKey: string | null; mpnKey: string | null; nameSort: string; skuSort: string }

const codeKey = (code: string | null) => (code ? compactCode(code) || null : null);

export function itemKeys(item: { sku: string; name: string; gtin: string | null; mpn: string | null }): ItemKeys {
  return { skuKey: compactCode(item.sku), gtinKey: codeKey(item.gtin), mpnKey: codeKey(item.mpn), nameSort: naturalSortKey(item.name), skuSort: naturalSortKey(item.sku) };
}
