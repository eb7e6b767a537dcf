import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { compactCode } from '#kernel/product-code.ts';
import type { BrowseContext } from './browse-context.server.ts';
import { toVisibleItem, whereFor, type VisibleItem } from './visible-items.server.ts';

/** How a typed code named an item, best first: the SKU as stored, the SKU folded, its GTIN, its manufacturer part number. */
export type CodeMatch = 'sku' | 'sku-folded' | 'gtin' | 'mpn';
export const MATCH_ORDER: readonly CodeMatch[] = ['sku', 'sku-folded', 'gtin', 'mpn'];

export interface CodeHit { item: VisibleItem; by: CodeMatch }

const keyColumns = sql`i.sku_key, i.gtin_key, i.mpn_key`;

/**
 * The items the buyer sees that each typed code names, found as search finds a code: case and
 * separators do not matter ("af-ms-cs-10100-z", "AFMSCS10100Z"), and a GTIN or manufacturer part
 * number names its item too. For each code, only the hits of the best kind of match come back
 * (an exact SKU beats a GTIN that happens to look alike); several hits mean the code is ambiguous.
 */
export async function findVisibleByCodes(db: Db, ctx: BrowseContext, codes: readonly string[]): Promise<Map<string, CodeHit[]>> {
  const keyOf = new Map(codes.map((c) => [c, compactCode(c)]));
  const raw = [...new Set(codes)];
  const keys = [...new Set([...keyOf.values()].filter((k) => k !== ''))];
  type KeyedRow = Parameters<typeof toVisibleItem>[1] & { sku_key: string | null; gtin_key: string | null; mpn_key: string | null };
  const rows: KeyedRow[] = [];
  for (let at = 0; at < Math.max(raw.length, keys.length); at += 300) {
    const r = raw.slice(at, at + 300);
    const k = keys.slice(at, at + 300);
    const list = (values: string[]) => (values.length ? sql.join(values.map((v) => sql`${v}`), sql`, `) : sql`NULL`);
    rows.push(...await db.all<KeyedRow>(sql`SELECT i.*, ${keyColumns} FROM items i WHERE ${whereFor(ctx, {})}
      AND (i.sku IN (${list(r)}) OR i.sku_key IN (${list(k)}) OR i.gtin_key IN (${list(k)}) OR i.mpn_key IN (${list(k)}))`));
  }
  const seen = new Set<number>();
  const items = rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).flatMap((r) => {
    const item = toVisibleItem(ctx, r);
    return item ? [{ item, row: r }] : [];
  });
  const found = new Map<string, CodeHit[]>();
  for (const code of raw) {
    const key = keyOf.get(code)!;
    const hits = (by: CodeMatch) => items.filter(({ row }) => (by === 'sku' ? row.sku === code : key !== '' && (by === 'sku-folded' ? row.sku_key === key : by === 'gtin' ? row.gtin_key === key : row.mpn_key === key)));
    for (const by of MATCH_ORDER) {
      const matched = hits(by);
      if (matched.length > 0) { found.set(code, matched.map(({ item }) => ({ item, by }))); break; }
    }
  }
  return found;
}
